import { Fragment, useState } from 'react';
import { type BackupEntry } from '../../../../shared/contract/backups';
import { formatInstant } from '../../../../shared/domain/format';
import { call, messageOf, onApiFailure } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { Dialog } from '../../../ui/Dialog';
import { isRestoreTyped, RestoreConfirmFields, WarningBox } from '../../../ui/RestoreConfirm';
import { useFocusOnMount } from '../../../ui/useFocusOnMount';
import { BackupProgress, onBackupProgress, whenInWords, capitalised, formatSize, number, type Running } from './activity';

// ---------------------------------------------------------------------------
// Restore: followed outside React, because the screen gives way to the lock or
// sign-in screen when the main process ends every session.
// ---------------------------------------------------------------------------

export const RESTORE_NOTE = 'keel.backups.restore';
const NOT_RESTORED = 'The restore did not go ahead. Nothing was changed.';

/** What the page says after the restore, kept across the reload and the new sign-in. */
type RestoreNote = { restoredFrom: string } | { failed: string };

function keepNote(note: RestoreNote): void {
  sessionStorage.setItem(RESTORE_NOTE, JSON.stringify(note));
}

export function readNote(): RestoreNote | null {
  try {
    const note = JSON.parse(sessionStorage.getItem(RESTORE_NOTE) ?? 'null') as Record<string, unknown> | null;
    if (typeof note?.restoredFrom === 'string') return { restoredFrom: note.restoredFrom };
    if (typeof note?.failed === 'string') return { failed: note.failed };
  } catch {
    // Nothing readable: nothing to say.
  }
  return null;
}

/** Follows the restore asked for at `askedAt` (the main process's clock) until Keel reopens on it or says why it did not. */
export function watchRestore(entry: BackupEntry, askedAt: string, onFailed: (message: string) => void): void {
  let over = false;
  let idlePolls = 0;
  const stopEvents = onBackupProgress((p) => {
    if (p.phase === 'done') reopen();
    else if (p.phase === 'failed') fail(p.message ?? NOT_RESTORED);
  });
  // Signed out: the restore has ended. Its own event, on its way, says how; without one, it went ahead.
  const stopFailures = onApiFailure((failure) => {
    if (failure.code === 'unauthenticated') setTimeout(reopen, 1500);
  });
  const timer = setInterval(() => {
    call('backups.status', {}, { background: true }).then(
      (status) => {
        // Refused before this screen listened for the event: the status keeps the reason.
        const refused = status.lastRefusedRestore;
        if (refused && refused.name === entry.name && refused.at >= askedAt) return fail(refused.message);
        idlePolls = status.running ? 0 : idlePolls + 1;
        // Still signed in, and nothing under way twice running: the restore ended without a word.
        if (idlePolls >= 2) fail(NOT_RESTORED);
      },
      () => undefined,
    );
  }, 2000);
  function stop() {
    over = true;
    stopEvents();
    stopFailures();
    clearInterval(timer);
  }
  function reopen() {
    if (over) return;
    stop();
    keepNote({ restoredFrom: entry.takenAt });
    // Start afresh on the restored data: the sign-in screen, then back here.
    window.location.reload();
  }
  function fail(message: string) {
    if (over) return;
    stop();
    // A refused restore may still have signed everyone out: then the message waits for the next sign-in.
    keepNote({ failed: message });
    call('auth.me', {}).then(
      () => {
        sessionStorage.removeItem(RESTORE_NOTE);
        onFailed(message);
      },
      () => undefined,
    );
  }
}


export function Restoring({ entry, running }: { entry: BackupEntry; running: Running | null }) {
  const zone = useSession((s) => s.clinic?.timeZone ?? 'UTC');
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  // The dialog's button is gone: start screen readers and the keyboard here.
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="card backups-restoring" aria-labelledby="backups-restoring-title">
      <h2 id="backups-restoring-title" ref={heading} tabIndex={-1}>
        Restoring the backup from {whenInWords(entry.takenAt, zone, order)}…
      </h2>
      <p>Keel will reopen on the restored data when it is done. Everyone, on every computer, will have to sign in again.</p>
      <p className="muted">Please wait and do not close Keel. This usually takes less than a minute.</p>
      <BackupProgress running={running?.phase === 'restoring' ? running : { phase: 'restoring', fraction: 0 }} />
    </section>
  );
}


export function RestoreDialog({ entry, onClose, onStarted }: { entry: BackupEntry | null; onClose: () => void; onStarted: (entry: BackupEntry, askedAt: string) => void }) {
  return (
    <Dialog open={entry !== null} title="Restore this backup?" onClose={onClose}>
      {entry && <RestoreForm key={`${entry.destination}/${entry.name}`} entry={entry} onClose={onClose} onStarted={onStarted} />}
    </Dialog>
  );
}

const RECORD_ORDER = ['patients', 'appointments', 'staff', 'users'];
const RECORD_WORDS: Record<string, string> = { patients: 'Patients', appointments: 'Appointments', staff: 'Staff', users: 'User accounts' };

function RestoreForm({ entry, onClose, onStarted }: { entry: BackupEntry; onClose: () => void; onStarted: (entry: BackupEntry, askedAt: string) => void }) {
  const zone = useSession((s) => s.clinic?.timeZone ?? 'UTC');
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmed = isRestoreTyped(typed);
  const when = whenInWords(entry.takenAt, zone, order);
  const kinds = [...RECORD_ORDER.filter((k) => k in entry.records), ...Object.keys(entry.records).filter((k) => !RECORD_ORDER.includes(k) && k !== 'audit entries')];

  async function restore(event: React.FormEvent) {
    event.preventDefault();
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    try {
      const { at } = await call('backups.restore', { name: entry.name, destination: entry.destination });
      onStarted(entry, at);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void restore(e)} noValidate>
      <dl className="facts backups-dialog-facts">
        <dt>Taken</dt>
        <dd>
          {capitalised(when)} <span className="muted small">({formatInstant(entry.takenAt, zone, order)})</span>
        </dd>
        <dt>Keel version</dt>
        <dd>{entry.keelVersion ?? 'Not recorded'}</dd>
        {kinds.map((kind) => (
          <Fragment key={kind}>
            <dt>{RECORD_WORDS[kind] ?? capitalised(kind)}</dt>
            <dd>{number.format(entry.records[kind] ?? 0)}</dd>
          </Fragment>
        ))}
        <dt>Size</dt>
        <dd>{formatSize(entry.bytes)}</dd>
        <dt>Saved in</dt>
        <dd className="backups-path">{entry.folder}</dd>
      </dl>
      <WarningBox>
        <p>
          <strong>Everything entered after {when} will no longer be in Keel.</strong> Before anything is replaced, Keel saves the current data as a safety copy, so you can go back to it.
        </p>
        <p>Everyone who is signed in, on every computer, will be signed out and will have to sign in again.</p>
      </WarningBox>
      <RestoreConfirmFields typed={typed} onTyped={setTyped} busy={busy} error={error} onCancel={onClose} />
    </form>
  );
}
