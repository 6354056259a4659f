import { ChevronLeft, ChevronRight, DatabaseBackup, RotateCcw } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { RECOVERY_PAGE_SIZE, recoveryContract, type RecoveryBackup, type RecoveryRows, type RecoveryStatus, type RecoveryTable } from '../../../shared/contract/recovery';
import { ApiFailure, callRecovery, messageOf, subscribe } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { boot, useSession } from '../../app/session-store';
import { useLoad } from '../../app/useLoad';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Alert, Badge, EmptyState, LoadError, Loading } from '../../ui/Feedback';
import { TextField } from '../../ui/Field';
import { isRestoreTyped, RestoreConfirmFields, WarningBox } from '../../ui/RestoreConfirm';
import { useFocusOnMount } from '../../ui/useFocusOnMount';
import './recovery.css';

const number = new Intl.NumberFormat('en-US');
/** The clinic's own settings are in the damaged database: times are shown in this computer's zone. */
const when = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
const RECORD_WORDS: Record<string, string> = { patients: 'Patients', appointments: 'Appointments', staff: 'Staff', users: 'User accounts' };

/**
 * What Keel shows when its database is damaged at start: what happened, the
 * newest verified backup, and — for the office manager — restoring it or
 * looking at the damaged data read-only. Keel never puts an empty database in
 * its place.
 */
export function RecoveryPage() {
  const { data: status, error, reload } = useLoad(() => callRecovery('recovery.status', {}), 'recovery-status');

  return (
    <main className="recovery-page" aria-labelledby="recovery-title">
      <div className="brand recovery-brand" aria-hidden="true">
        <img src="./favicon.svg" alt="" width={28} height={28} />
        <span>Keel</span>
      </div>
      <h1 id="recovery-title">Keel’s database is damaged</h1>
      {error && <LoadError error={error} onRetry={reload} title="Keel could not say what is wrong" />}
      {!status && !error && <Loading label="Checking the data folder…" />}
      {status && (
        <>
          <Alert title="Keel did not open the clinic’s data">
            <p>{status.problem}</p>
            <p>Keel did not create a new, empty database in its place. The office manager can restore the newest verified backup below, or look at what can still be read.</p>
          </Alert>
          <BackupCard backup={status.newestBackup} dataFolder={status.dataFolder} />
          {status.signedIn ? <ManagerTools status={status} onSignedOut={reload} /> : <ManagerSignIn onSignedIn={reload} />}
        </>
      )}
    </main>
  );
}

function BackupCard({ backup, dataFolder }: { backup: RecoveryBackup | null; dataFolder: string }) {
  if (!backup) {
    return (
      <section className="card" aria-labelledby="recovery-backup-title">
        <h2 id="recovery-backup-title">Newest verified backup</h2>
        <EmptyState title="There is no verified backup in the data folder">
          <p>
            Keel looked in <span className="recovery-path">{dataFolder}</span>. If backups were kept on a USB drive or another folder, ask whoever looks after the computer to restore one with <code>keel restore FILE --data "{dataFolder}"</code>.
          </p>
        </EmptyState>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="recovery-backup-title">
      <h2 id="recovery-backup-title">Newest verified backup</h2>
      <dl className="facts recovery-facts">
        <dt>Taken</dt>
        <dd>{when(backup.takenAt)}</dd>
        <dt>File</dt>
        <dd className="recovery-path">{backup.name}</dd>
        <dt>Keel version</dt>
        <dd>{backup.keelVersion}</dd>
        {Object.entries(backup.records)
          .filter(([kind]) => kind !== 'audit entries')
          .map(([kind, count]) => (
          <FactRow key={kind} term={RECORD_WORDS[kind] ?? kind} value={number.format(count)} />
        ))}
      </dl>
    </section>
  );
}

function FactRow({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

function ManagerSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormSubmit();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const done = await form.submit(recoveryContract['recovery.signIn'].input, { username, password }, (input) => callRecovery('recovery.signIn', input));
    if (done) onSignedIn();
    else setPassword('');
  }

  return (
    <form className="card recovery-signin" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="recovery-signin-title">
      <h2 id="recovery-signin-title">Office manager: sign in to restore or to look</h2>
      <p className="muted">Only a manager account can restore a backup or look at the damaged data. Use your usual username and password.</p>
      <div className="recovery-signin-fields">
        <TextField label="Username" value={username} onChange={setUsername} error={form.errors.username} autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus />
        <TextField label="Password" type="password" value={password} onChange={setPassword} error={form.errors.password} autoComplete="current-password" />
      </div>
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Sign in
        </Button>
      </div>
    </form>
  );
}

function ManagerTools({ status, onSignedOut }: { status: RecoveryStatus; onSignedOut: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  async function signOut() {
    await callRecovery('recovery.signOut', {}).catch(() => undefined);
    onSignedOut();
  }
  return (
    <>
      <section className="card recovery-actions" aria-labelledby="recovery-actions-title">
        <div className="section-header">
          <h2 id="recovery-actions-title" ref={heading} tabIndex={-1}>
            What to do
          </h2>
          <p className="muted small">
            Signed in as {status.signedIn!.fullName}.{' '}
            <Button variant="ghost" onClick={() => void signOut()}>
              Sign out
            </Button>
          </p>
        </div>
        {status.newestBackup ? (
          <div className="recovery-choice">
            <DatabaseBackup size={28} aria-hidden="true" />
            <div>
              <h3>Restore the newest verified backup</h3>
              <p>
                Keel goes back to the backup taken {when(status.newestBackup.takenAt)}. The damaged database is kept as a safety copy first, and Keel then opens normally; everyone signs in again.
              </p>
              <Button variant="danger" icon={<RotateCcw size={16} aria-hidden="true" />} onClick={() => setConfirming(true)}>
                Restore this backup…
              </Button>
            </div>
          </div>
        ) : (
          <p>There is no verified backup to restore here; what can still be read is listed below.</p>
        )}
      </section>
      <LookAround onSignedOut={onSignedOut} />
      <RestoreConfirm backup={confirming ? status.newestBackup : null} onClose={() => setConfirming(false)} />
    </>
  );
}

function RestoreConfirm({ backup, onClose }: { backup: RecoveryBackup | null; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const progressId = useId();
  const confirmed = isRestoreTyped(typed);
  const [step, setStep] = useState<{ fraction: number; message: string } | null>(null);
  // Listening from the moment the dialog opens: the first steps come within moments of the click.
  const open = backup !== null;
  useEffect(() => {
    if (!open) return;
    return subscribe('backup.progress', (p) => {
      if (p.phase === 'restoring' && p.message) setStep({ fraction: p.fraction, message: p.message });
    });
  }, [open]);

  async function restore(event: React.FormEvent) {
    event.preventDefault();
    if (!backup || !confirmed) return;
    setBusy(true);
    setError(null);
    try {
      const done = await callRecovery('recovery.restoreNewest', { name: backup.name });
      const kept = done.safetyCopy ? ` The damaged database is kept as ${done.safetyCopy} in the backup folder.` : '';
      useSession.setState({ notice: `The backup taken ${when(backup.takenAt)} was restored.${kept} Please sign in again.` });
      await boot();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <Dialog open={backup !== null} title="Restore the newest verified backup?" onClose={busy ? () => undefined : onClose}>
      {backup && (
        <form className="stack" onSubmit={(e) => void restore(e)} noValidate>
          <WarningBox>
            <p>
              <strong>Anything entered after {when(backup.takenAt)} will not be in Keel.</strong> The damaged database is saved as a safety copy before anything is replaced.
            </p>
          </WarningBox>
          <RestoreConfirmFields typed={typed} onTyped={setTyped} busy={busy} error={error} onCancel={onClose}>
            {busy && (
              <div className="recovery-progress" role="status">
                <span id={progressId}>{step ? `${step.message}… ${Math.round(step.fraction * 100)}%` : 'Restoring: checking the backup, keeping the safety copy, then opening Keel.'}</span>
                {step ? <progress aria-labelledby={progressId} max={100} value={Math.round(step.fraction * 100)} /> : <progress aria-labelledby={progressId} />}
                <span className="muted small">This usually takes less than a minute. Please do not close Keel.</span>
              </div>
            )}
          </RestoreConfirmFields>
        </form>
      )}
    </Dialog>
  );
}

/** A recovery session that ended (five idle minutes) goes back to the sign-in form. */
function signedOutTo(onSignedOut: () => void) {
  return (error: unknown): never => {
    if (error instanceof ApiFailure && error.code === 'unauthenticated') onSignedOut();
    throw error;
  };
}

/** The damaged database, read-only: its tables, then one table a page at a time. */
function LookAround({ onSignedOut }: { onSignedOut: () => void }) {
  const { data: tables, error, reload } = useLoad(() => callRecovery('recovery.tables', {}).catch(signedOutTo(onSignedOut)), 'recovery-tables');
  const [open, setOpen] = useState<string | null>(null);
  // Back from a table, the keyboard is where it was: on that table's name.
  const [last, setLast] = useState<string | null>(null);

  return (
    <section className="card" aria-labelledby="recovery-look-title">
      <h2 id="recovery-look-title">Look at the damaged data (read-only)</h2>
      <p className="muted">Nothing here can be changed. Every table you open is recorded in the audit trail. Password hashes are never shown.</p>
      {error && <LoadError error={error} onRetry={reload} title="The damaged database cannot be read" />}
      {!tables && !error && <Loading label="Reading the list of tables…" />}
      {tables && open === null && <TableList tables={tables} onOpen={setOpen} focusOn={last} />}
      {open !== null && (
        <TableRows
          table={open}
          onBack={() => {
            setLast(open);
            setOpen(null);
          }}
          onSignedOut={onSignedOut}
        />
      )}
    </section>
  );
}

function TableList({ tables, onOpen, focusOn }: { tables: RecoveryTable[]; onOpen: (name: string) => void; focusOn: string | null }) {
  const focused = useFocusOnMount<HTMLButtonElement>();
  const unreadable = tables.filter((t) => t.problem !== null).length;
  return (
    <>
      <p role="status">
        {tables.length} tables; {unreadable === 0 ? 'every one can be read' : `${unreadable} cannot be read`}.
      </p>
      <div className="table-wrap">
        <table className="table recovery-tables">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Rows</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tables.map((t) => (
              <tr key={t.name}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onOpen(t.name)} ref={t.name === focusOn ? focused : undefined}>
                    {t.name}
                  </button>
                </th>
                <td className="nowrap">{t.rows === null ? '—' : number.format(t.rows)}</td>
                <td>{t.problem ? <Badge tone="bad">{t.problem}</Badge> : <Badge tone="good">Readable</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function TableRows({ table, onBack, onSignedOut }: { table: string; onBack: () => void; onSignedOut: () => void }) {
  const [offset, setOffset] = useState(0);
  const { data, error, loading, reload } = useLoad(() => callRecovery('recovery.rows', { table, offset }).catch(signedOutTo(onSignedOut)), `${table}|${offset}`);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  // The page on screen is the one asked for (while the next loads, the buttons wait).
  const page: RecoveryRows | null = data && data.table === table && data.offset === offset ? data : null;

  return (
    <div className="stack">
      <div className="recovery-rows-bar">
        <Button icon={<ChevronLeft size={16} aria-hidden="true" />} onClick={onBack}>
          All tables
        </Button>
        <h3 ref={heading} tabIndex={-1}>
          {table}
        </h3>
        {page && page.rows.length > 0 && (
          <span className="muted" role="status">
            Rows {number.format(offset + 1)}–{number.format(offset + page.rows.length)}
          </span>
        )}
        <span className="recovery-pager">
          <Button icon={<ChevronLeft size={16} aria-hidden="true" />} disabled={offset === 0 || loading} onClick={() => setOffset(Math.max(0, offset - RECOVERY_PAGE_SIZE))}>
            Previous
          </Button>
          <Button icon={<ChevronRight size={16} aria-hidden="true" />} disabled={!page?.more || loading} onClick={() => setOffset(offset + RECOVERY_PAGE_SIZE)}>
            Next
          </Button>
        </span>
      </div>
      {error && <LoadError error={error} onRetry={reload} title={`${table} cannot be read`} />}
      {!page && !error && <Loading label={`Reading ${table}…`} />}
      {page?.problem && <Alert tone="warning">{page.problem}</Alert>}
      {page && page.rows.length === 0 && !page.problem && <EmptyState title="No rows here" />}
      {page && page.rows.length > 0 && (
        <div className="table-wrap recovery-rows" tabIndex={0} aria-label={`${table}, rows ${offset + 1} to ${offset + page.rows.length}; scrolls sideways`}>
          <table className="table">
            <thead>
              <tr>
                {page.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row, i) => (
                <tr key={offset + i}>
                  {row.map((value, j) => (
                    <td key={page.columns[j]}>{value === null ? <span className="muted">—</span> : value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
