import { CircleAlert, DatabaseBackup } from 'lucide-react';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session-store';
import { Button } from '../../ui/Button';
import { Badge } from '../../ui/Feedback';
import { CardSkeleton } from '../../ui/Skeleton';
import { BackupProgress, failureTitle, useBackupActivity, whenInWords } from '../settings/backups/activity';
import '../settings/backups/backups.css';

const SETTINGS = '/settings/backups';

/** Today, for the manager: is the clinic's data backed up? Red, in words, when it is not. */
export function BackupCard() {
  const zone = useSession((s) => s.clinic?.timeZone ?? 'UTC');
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const { status, error, running, outcome, starting, backUpNow } = useBackupActivity();
  const bad = status?.stale ?? false;
  const failure = status?.lastAttempt && !status.lastAttempt.ok ? status.lastAttempt : null;
  const last = status?.lastVerified ? whenInWords(status.lastVerified.at, zone, order) : null;

  return (
    <section className={bad ? 'card today-card backups-card backups-card-bad' : 'card today-card backups-card'} aria-labelledby="card-backups">
      <h3 id="card-backups">
        Backups {status && (bad ? <Badge tone="bad">Needs attention</Badge> : <Badge tone="good">Up to date</Badge>)}
      </h3>
      {error && <p className="field-error">{error}</p>}
      {!status && !error && <CardSkeleton label="Checking the backups…" />}
      {status && bad && (
        <div className="backups-card-alert" role="alert">
          <CircleAlert size={18} aria-hidden="true" />
          <div>
            {failure ? (
              <>
                <p>
                  <strong>{failureTitle(failure)}</strong> ({whenInWords(failure.at, zone, order)}).
                </p>
                <p>{failure.message}</p>
              </>
            ) : last ? (
              <>
                <p>
                  <strong>No verified backup for more than a day.</strong>
                </p>
                <p>The last one was taken {last}.</p>
              </>
            ) : (
              <p>
                <strong>No backup has been taken yet.</strong>
              </p>
            )}
          </div>
        </div>
      )}
      {status && !bad && last && (
        <div>
          <p className="muted small">Last verified backup</p>
          <p className="big-figure">{last.charAt(0).toUpperCase() + last.slice(1)}</p>
        </div>
      )}
      {status && failure && last && <p className="small muted">The last good backup was taken {last}.</p>}
      {/* Said once: a failed copy to the drive already says it is not connected. */}
      {status?.secondFolder && !status.secondFolder.reachable && failure?.secondCopy !== 'not-connected' && (
        <p className="backups-card-warning">The second backup folder cannot be reached. Is the USB drive plugged in?</p>
      )}
      {running && <BackupProgress running={running} compact />}
      {!running && outcome && !outcome.ok && !failure && <p className="field-error">{outcome.message}</p>}
      {!running && outcome?.ok && (
        <p className="small" role="status">
          Backup finished and verified.
        </p>
      )}
      <div className="backups-card-actions">
        <Button variant={bad ? 'primary' : 'secondary'} icon={<DatabaseBackup size={16} aria-hidden="true" />} busy={starting} disabled={!status || running !== null} onClick={() => void backUpNow()}>
          Back up now
        </Button>
        <a
          href={`#${SETTINGS}`}
          className="small"
          onClick={(e) => {
            e.preventDefault();
            navigate(SETTINGS);
          }}
        >
          Backup settings and restore
        </a>
      </div>
    </section>
  );
}
