import { CircleAlert, CircleCheck, DatabaseBackup } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { BackupEntry } from '../../../shared/contract/backups';
import { formatWallTime } from '../../../shared/domain/format';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { useLoad } from '../../app/useLoad';
import { Button } from '../../ui/Button';
import { Alert, LoadError, Loading } from '../../ui/Feedback';
import { BackupProgress, failureTitle, useBackupActivity, whenInWords } from './backups/activity';
import { BackupList } from './backups/BackupList';
import { readNote, Restoring, RestoreDialog, RESTORE_NOTE, watchRestore } from './backups/restore';
import { SettingsForm } from './backups/SettingsForm';
import './backups/backups.css';

// ---------------------------------------------------------------------------
// Settings → Backups
// ---------------------------------------------------------------------------

/** Settings → Backups: is the data safe, back up now, the backups kept, restore one, and the backup settings. */
export function BackupsSettings() {
  const zone = useSession((s) => s.clinic?.timeZone ?? 'UTC');
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const activity = useBackupActivity();
  const list = useLoad(() => call('backups.list', {}), `backups-list-${activity.finished}`);
  const [choosing, setChoosing] = useState<BackupEntry | null>(null);
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const [note] = useState(readNote);
  const [restoreError, setRestoreError] = useState<string | null>(note && 'failed' in note ? note.failed : null);
  const restoredFrom = note && 'restoredFrom' in note ? note.restoredFrom : null;

  useEffect(() => {
    sessionStorage.removeItem(RESTORE_NOTE);
  }, []);

  function restoreStarted(entry: BackupEntry, askedAt: string) {
    setChoosing(null);
    setRestoreError(null);
    setRestoring(entry);
    watchRestore(entry, askedAt, (message) => {
      setRestoring(null);
      setRestoreError(message);
      activity.reload();
      list.reload();
    });
  }

  if (restoring) {
    return <Restoring entry={restoring} running={activity.running} />;
  }

  return (
    <div className="stack">
      {restoredFrom && (
        <Alert tone="success" title="Keel was restored">
          Keel is now working on the backup taken {whenInWords(restoredFrom, zone, order)}. The data as it was just before the restore is kept as a safety copy in the list below, in case you need
          it back.
        </Alert>
      )}
      {restoreError && <Alert title="The backup was not restored">{restoreError}</Alert>}
      <StatusPanel activity={activity} />
      <section className="card stack" aria-labelledby="backups-list-title">
        <div>
          <h2 id="backups-list-title">Backups kept</h2>
          <p className="muted">Newest first. Only verified backups can be restored.</p>
        </div>
        <BackupList list={list} onRestore={setChoosing} onBackUp={activity.status ? () => void activity.backUpNow() : undefined} busy={activity.starting || activity.running !== null} />
      </section>
      {activity.status && <SettingsForm loaded={activity.status.settings} onSaved={activity.reload} />}
      <RestoreDialog entry={choosing} onClose={() => setChoosing(null)} onStarted={restoreStarted} />
    </div>
  );
}

/** While a restore runs: nothing else to do here, and the words say what comes next. */

type Activity = ReturnType<typeof useBackupActivity>;

function StatusPanel({ activity }: { activity: Activity }) {
  const zone = useSession((s) => s.clinic?.timeZone ?? 'UTC');
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const { status, error, running, outcome, starting } = activity;
  if (!status) {
    return (
      <section className="card" aria-labelledby="backups-status-title">
        <h2 id="backups-status-title">Backup status</h2>
        {error ? <LoadError error={error} onRetry={activity.reload} title="The backup status could not be loaded" /> : <Loading label="Checking the backups…" />}
      </section>
    );
  }
  const failure = status.lastAttempt && !status.lastAttempt.ok ? status.lastAttempt : null;
  const last = status.lastVerified ? whenInWords(status.lastVerified.at, zone, order) : null;
  return (
    <section className={status.stale ? 'card backups-status backups-status-bad' : 'card backups-status backups-status-good'} aria-labelledby="backups-status-title">
      <h2 id="backups-status-title">Backup status</h2>
      <div className="backups-state">
        {status.stale ? <CircleAlert className="backups-state-icon" size={28} aria-hidden="true" /> : <CircleCheck className="backups-state-icon" size={28} aria-hidden="true" />}
        <div role={status.stale ? 'alert' : undefined}>
          {failure ? (
            <>
              <p className="backups-state-title">
                {failureTitle(failure)} ({whenInWords(failure.at, zone, order)})
              </p>
              <p>{failure.message}</p>
              <p className="muted">{last ? `The last good backup was taken ${last}.` : 'There is no good backup yet.'}</p>
            </>
          ) : !last ? (
            <>
              <p className="backups-state-title">No backup has been taken yet</p>
              <p>Until there is one, a broken or stolen computer would lose the clinic’s data. Back up now to make the first one.</p>
            </>
          ) : status.stale ? (
            <>
              <p className="backups-state-title">No verified backup for more than a day</p>
              <p>The last verified backup was taken {last}. Back up now.</p>
            </>
          ) : (
            <>
              <p className="backups-state-title">Last verified backup: {last}</p>
              <p className="muted">It was checked after it was written, so it can be restored.</p>
            </>
          )}
        </div>
      </div>
      {status.secondFolder && !status.secondFolder.reachable && failure?.secondCopy !== 'not-connected' && (
        <Alert tone="warning" title="The second backup folder cannot be reached">
          {status.secondFolder.path} is not available. If it is a USB drive, plug it in; if it is a shared folder, check the network. Backups still go to this computer meanwhile.
        </Alert>
      )}
      <dl className="facts backups-facts">
        <dt>Saved in</dt>
        <dd className="backups-path">{status.primaryFolder}</dd>
        <dt>Second copy</dt>
        <dd className={status.secondFolder ? 'backups-path' : undefined}>{status.secondFolder ? status.secondFolder.path : 'None: set a USB drive or another computer’s folder below.'}</dd>
        <dt>Daily backup</dt>
        <dd>Every day at {formatWallTime(status.settings.dailyTime, order)}, and each time Keel is closed</dd>
      </dl>
      <div className="backups-run">
        <Button variant="primary" icon={<DatabaseBackup size={18} aria-hidden="true" />} busy={starting} disabled={running !== null} onClick={() => void activity.backUpNow()}>
          Back up now
        </Button>
        {running ? (
          <BackupProgress running={running} />
        ) : (
          <span className="muted small">You can keep working while it runs.</span>
        )}
      </div>
      {/* A failure the status above already gives in full is not said twice. */}
      {!running && outcome && !(failure && !outcome.ok && outcome.message === failure.message) && (
        <Alert tone={outcome.ok ? 'success' : 'error'} title={outcome.ok ? 'Backup finished' : 'The backup did not finish'}>
          {outcome.message}
        </Alert>
      )}
    </section>
  );
}
