import { RotateCcw } from 'lucide-react';
import { type BackupEntry } from '../../../../shared/contract/backups';
import { useSession } from '../../../app/session-store';
import { type Loaded } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Badge, EmptyState, LoadError, Loading } from '../../../ui/Feedback';
import { RecordsSummary, formatSize, capitalised, whenInWords, REASON_WORDS } from './activity';

export function BackupList({
  list,
  onRestore,
  onBackUp,
  busy,
}: {
  list: Loaded<BackupEntry[]>;
  onRestore: (entry: BackupEntry) => void;
  onBackUp: (() => void) | undefined;
  busy: boolean;
}) {
  const zone = useSession((s) => s.clinic?.timeZone ?? 'UTC');
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  if (!list.data) return list.error ? <LoadError error={list.error} onRetry={list.reload} title="The list of backups could not be loaded" /> : <Loading label="Loading the backups…" />;
  if (list.data.length === 0) {
    return (
      <EmptyState
        title="No backups yet"
        action={
          onBackUp && (
            <Button variant="primary" onClick={onBackUp} disabled={busy}>
              Make the first backup
            </Button>
          )
        }
      >
        Keel backs up every day by itself. You can also make one now.
      </EmptyState>
    );
  }
  return (
    <>
      <LoadError error={list.error} onRetry={list.reload} />
      <div className="table-wrap">
        <table className="table backups-table">
          <caption className="sr-only">Backups, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Contains</th>
              <th scope="col" className="backups-size">
                Size
              </th>
              <th scope="col">Saved in</th>
              <th scope="col">Check</th>
              <th scope="col" className="backups-version">
                Version
              </th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((b) => (
              <tr key={`${b.destination}/${b.name}`} className={b.verified ? undefined : 'row-inactive'}>
                <td>
                  <strong className="nowrap">{capitalised(whenInWords(b.takenAt, zone, order))}</strong>
                  {b.reason === 'safety' ? (
                    <div className="small muted">
                      <Badge tone="info">Safety copy</Badge> made just before a restore
                    </div>
                  ) : (
                    <div className="small muted">{b.reason ? (REASON_WORDS[b.reason] ?? b.reason) : 'Reason not recorded'}</div>
                  )}
                </td>
                <td className="backups-contains">{b.verified ? <RecordsSummary records={b.records} /> : <span className="muted">Unknown</span>}</td>
                <td className="nowrap backups-size">{formatSize(b.bytes)}</td>
                <td title={b.folder} className="backups-where">
                  {b.destination === 'primary' ? 'This computer' : 'Second folder'}
                  {b.destination === 'secondary' && <div className="small muted backups-path">{b.folder}</div>}
                </td>
                <td>{b.verified ? <Badge tone="good">Verified</Badge> : <Badge tone="bad">Not verified</Badge>}</td>
                <td className="backups-version">{b.keelVersion ?? <span className="muted">—</span>}</td>
                <td className="cell-actions">
                  {b.verified ? (
                    <Button
                      icon={<RotateCcw size={16} aria-hidden="true" />}
                      onClick={() => onRestore(b)}
                      disabled={busy}
                      title={busy ? 'Wait for the backup under way to finish' : undefined}
                      aria-label={`Restore the backup from ${whenInWords(b.takenAt, zone, order)}`}
                    >
                      Restore…
                    </Button>
                  ) : (
                    <span className="small muted">{b.problem ? <>Cannot be restored: {b.problem}</> : 'Cannot be restored'}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
