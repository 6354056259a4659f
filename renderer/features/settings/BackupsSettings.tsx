import { CircleAlert, CircleCheck, DatabaseBackup, RotateCcw, TriangleAlert } from 'lucide-react';
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { backupsContract, type BackupEntry, type BackupSettings, type BackupStatus } from '../../../shared/contract/backups';
import type { EventPayload } from '../../../shared/contract/index';
import type { DateOrder } from '../../../shared/contract/types';
import { formatDate, formatDayShort, formatInstant, formatWallTime } from '../../../shared/domain/format';
import { dateInZone, wallInZone } from '../../../shared/domain/time';
import { addDays } from '../../../shared/domain/wallclock';
import { call, messageOf, onApiFailure, subscribe } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { useSession } from '../../app/session-store';
import { useLoad, type Loaded } from '../../app/useLoad';
import { Button } from '../../ui/Button';
import { SaveUndo } from '../../ui/SaveUndo';
import { Dialog } from '../../ui/Dialog';
import { Alert, Badge, EmptyState, LoadError, Loading } from '../../ui/Feedback';
import { TextField } from '../../ui/Field';
import './backups.css';

// ---------------------------------------------------------------------------
// Words shared with Today's backup card
// ---------------------------------------------------------------------------

type Running = NonNullable<BackupStatus['running']>;

const PHASE_WORDS: Record<Running['phase'], string> = {
  copying: 'Copying the database',
  verifying: 'Verifying the backup',
  attachments: 'Copying attachments',
  restoring: 'Restoring a backup',
};

const REASON_WORDS: Record<string, string> = {
  daily: 'Daily backup',
  manual: 'Backed up by hand',
  quit: 'When Keel was closed',
  cli: 'By the admin command',
};

const number = new Intl.NumberFormat('en-US');

/** "today at 5:30 PM", "yesterday at 9:02 AM", "Mon, Nov 23 at 5:00 PM", "11/23/2025 at 5:00 PM": in the clinic's zone. */
export function whenInWords(iso: string, zone: string, order: DateOrder, now: Date = new Date()): string {
  const wall = wallInZone(new Date(iso), zone);
  const date = wall.slice(0, 10);
  const time = formatWallTime(wall.slice(11, 16), order);
  const today = dateInZone(now, zone);
  if (date === today) return `today at ${time}`;
  if (date === addDays(today, -1)) return `yesterday at ${time}`;
  return `${date.slice(0, 4) === today.slice(0, 4) ? formatDayShort(date, order) : formatDate(date, order)} at ${time}`;
}

/** "1,204 patients", "38,000 appointments", "12 staff": what a backup holds, joined with " · " for a sentence. */
function recordParts(records: Record<string, number>): string[] {
  const parts: string[] = [];
  const patients = records.patients;
  const appointments = records.appointments;
  const staff = records.staff;
  if (patients !== undefined) parts.push(`${number.format(patients)} ${patients === 1 ? 'patient' : 'patients'}`);
  if (appointments !== undefined) parts.push(`${number.format(appointments)} ${appointments === 1 ? 'appointment' : 'appointments'}`);
  if (staff !== undefined) parts.push(`${number.format(staff)} staff`);
  return parts;
}

/** Each part whole on its line: "1,440 appointments" never breaks in two. */
function RecordsSummary({ records }: { records: Record<string, number> }) {
  const parts = recordParts(records);
  if (parts.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={part}>
          {i > 0 && ' · '}
          <span className="nowrap">{part}</span>
        </Fragment>
      ))}
    </>
  );
}

/** Sizes the way Windows Explorer shows them: "12.4 MB". */
function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 0.1 ? '0.1' : mb < 10 ? mb.toFixed(1) : number.format(Math.round(mb))} MB`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A backup (or restore) under way, as a labelled progress bar. */
export function BackupProgress({ running, compact = false }: { running: Running; compact?: boolean }) {
  const id = useId();
  const percent = Math.round(running.fraction * 100);
  // The copy reports how far it is; the check and the attachments mostly do not.
  const known = running.phase === 'copying' || (running.phase !== 'restoring' && running.fraction > 0);
  return (
    <div className={compact ? 'backups-progress backups-progress-compact' : 'backups-progress'} role="status">
      <label htmlFor={id}>
        {PHASE_WORDS[running.phase]}…{known ? ` ${percent}%` : ''}
      </label>
      {known ? <progress key={running.phase} id={id} max={100} value={percent} /> : <progress key="indeterminate" id={id} />}
    </div>
  );
}

const DONE = 'The backup is finished and verified: it can be restored.';

type ProgressEvent = EventPayload<'backup.progress'>;
const progressListeners = new Set<(p: ProgressEvent) => void>();
let closeProgressStream: (() => void) | null = null;

/**
 * One event stream for backup progress, shared by whoever listens and open while anyone
 * does: a restore that starts from an open page hears its first and last reports even
 * when they come within milliseconds, and keeps hearing them if the page gives way.
 */
function onBackupProgress(listener: (p: ProgressEvent) => void): () => void {
  progressListeners.add(listener);
  closeProgressStream ??= subscribe('backup.progress', (p) => {
    for (const each of [...progressListeners]) each(p);
  });
  return () => {
    progressListeners.delete(listener);
    if (progressListeners.size === 0 && closeProgressStream) {
      closeProgressStream();
      closeProgressStream = null;
    }
  };
}

interface Outcome {
  ok: boolean;
  message: string;
}

/**
 * The backup status, a backup under way and "Back up now", for the settings page and
 * Today's card. Progress arrives as events; while something runs the status is also
 * asked for every two seconds, in case an event was missed while the stream connected.
 */
export function useBackupActivity() {
  const [finished, setFinished] = useState(0);
  const [reloads, setReloads] = useState(0);
  const [status, setStatus] = useState<{ data: BackupStatus | null; error: string | null; generation: number }>({ data: null, error: null, generation: -1 });
  const [live, setLive] = useState<Running | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [starting, setStarting] = useState(false);
  const heard = useRef(false);
  const lastPhase = useRef<Running['phase'] | null>(null);

  useEffect(() => {
    let current = true;
    call('backups.status', {}).then(
      (data) => current && setStatus({ data, error: null, generation: finished }),
      (error: unknown) => current && setStatus((s) => ({ ...s, error: messageOf(error), generation: finished })),
    );
    return () => {
      current = false;
    };
  }, [finished, reloads]);

  useEffect(
    () =>
      onBackupProgress((p) => {
        heard.current = true;
        if (p.phase === 'done' || p.phase === 'failed') {
          // A restore's ending is the restore screen's to tell.
          const wasRestore = lastPhase.current === 'restoring';
          lastPhase.current = null;
          setLive(null);
          if (wasRestore) setOutcome(null);
          else setOutcome(p.phase === 'done' ? { ok: true, message: DONE } : { ok: false, message: p.message ?? 'The backup failed.' });
          setFinished((n) => n + 1);
        } else {
          lastPhase.current = p.phase;
          setLive({ phase: p.phase, fraction: p.fraction });
        }
      }),
    [],
  );

  // A status loaded before the last finish is out of date: do not show its "running".
  const running = live ?? (status.generation === finished ? (status.data?.running ?? null) : null);
  const active = running !== null;

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      call('backups.status', {}).then(
        (data) => {
          if (data.running) {
            const next = data.running;
            setLive((shown) => (shown && shown.phase === next.phase && shown.fraction > next.fraction ? shown : next));
          } else {
            setLive(null);
            setOutcome((o) => o ?? (data.lastAttempt ? { ok: data.lastAttempt.ok, message: data.lastAttempt.ok ? DONE : data.lastAttempt.message } : null));
            setFinished((n) => n + 1);
          }
        },
        () => undefined,
      );
    }, 2000);
    return () => clearInterval(timer);
  }, [active]);

  async function backUpNow() {
    setOutcome(null);
    setStarting(true);
    heard.current = false;
    try {
      const reply = await call('backups.run', {});
      if (!reply.started) setOutcome({ ok: false, message: reply.message });
      // The first report may be on its way still: show the start of the copy meanwhile.
      else if (!heard.current) setLive({ phase: 'copying', fraction: 0 });
    } catch (error) {
      setOutcome({ ok: false, message: messageOf(error) });
      // Most likely one is already under way: look again, and its progress shows.
      setReloads((n) => n + 1);
    } finally {
      setStarting(false);
    }
  }

  return {
    status: status.data,
    error: status.data ? null : status.error,
    reload: () => setReloads((n) => n + 1),
    running,
    outcome,
    starting,
    /** Goes up each time a backup ends, so lists can load again. */
    finished,
    backUpNow,
  };
}

// ---------------------------------------------------------------------------
// Restore: followed outside React, because the screen gives way to the lock or
// sign-in screen when the main process ends every session.
// ---------------------------------------------------------------------------

const RESTORE_NOTE = 'keel.backups.restore';
const NOT_RESTORED = 'The restore did not go ahead. Nothing was changed.';

/** What the page says after the restore, kept across the reload and the new sign-in. */
type RestoreNote = { restoredFrom: string } | { failed: string };

function keepNote(note: RestoreNote): void {
  sessionStorage.setItem(RESTORE_NOTE, JSON.stringify(note));
}

function readNote(): RestoreNote | null {
  try {
    const note = JSON.parse(sessionStorage.getItem(RESTORE_NOTE) ?? 'null') as Record<string, unknown> | null;
    if (typeof note?.restoredFrom === 'string') return { restoredFrom: note.restoredFrom };
    if (typeof note?.failed === 'string') return { failed: note.failed };
  } catch {
    // Nothing readable: nothing to say.
  }
  return null;
}

function watchRestore(entry: BackupEntry, onFailed: (message: string) => void): void {
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
    call('backups.status', {}).then(
      (status) => {
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

  function restoreStarted(entry: BackupEntry) {
    setChoosing(null);
    setRestoreError(null);
    setRestoring(entry);
    watchRestore(entry, (message) => {
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
function Restoring({ entry, running }: { entry: BackupEntry; running: Running | null }) {
  const zone = useSession((s) => s.clinic?.timeZone ?? 'UTC');
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const heading = useRef<HTMLHeadingElement>(null);
  // The dialog's button is gone: start screen readers and the keyboard here.
  useEffect(() => heading.current?.focus(), []);
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
              <p className="backups-state-title">The last backup failed ({whenInWords(failure.at, zone, order)})</p>
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
      {status.secondFolder && !status.secondFolder.reachable && (
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

function BackupList({
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
              <th scope="col">Size</th>
              <th scope="col">Saved in</th>
              <th scope="col">Check</th>
              <th scope="col">Keel version</th>
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
                <td className="nowrap">{formatSize(b.bytes)}</td>
                <td title={b.folder} className="backups-where">
                  {b.destination === 'primary' ? 'This computer' : 'Second folder'}
                  {b.destination === 'secondary' && <div className="small muted backups-path">{b.folder}</div>}
                </td>
                <td>{b.verified ? <Badge tone="good">Verified</Badge> : <Badge tone="bad">Not verified</Badge>}</td>
                <td>{b.keelVersion ?? <span className="muted">—</span>}</td>
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
                    <span className="small muted">Cannot be restored</span>
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

function RestoreDialog({ entry, onClose, onStarted }: { entry: BackupEntry | null; onClose: () => void; onStarted: (entry: BackupEntry) => void }) {
  return (
    <Dialog open={entry !== null} title="Restore this backup?" onClose={onClose}>
      {entry && <RestoreForm key={`${entry.destination}/${entry.name}`} entry={entry} onClose={onClose} onStarted={onStarted} />}
    </Dialog>
  );
}

const RECORD_ORDER = ['patients', 'appointments', 'staff', 'users'];
const RECORD_WORDS: Record<string, string> = { patients: 'Patients', appointments: 'Appointments', staff: 'Staff', users: 'User accounts' };

function RestoreForm({ entry, onClose, onStarted }: { entry: BackupEntry; onClose: () => void; onStarted: (entry: BackupEntry) => void }) {
  const zone = useSession((s) => s.clinic?.timeZone ?? 'UTC');
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmed = typed.trim().toUpperCase() === 'RESTORE';
  const when = whenInWords(entry.takenAt, zone, order);
  const kinds = [...RECORD_ORDER.filter((k) => k in entry.records), ...Object.keys(entry.records).filter((k) => !RECORD_ORDER.includes(k) && k !== 'audit entries')];

  async function restore(event: React.FormEvent) {
    event.preventDefault();
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    try {
      await call('backups.restore', { name: entry.name, destination: entry.destination });
      onStarted(entry);
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
        <dt>Saved in</dt>
        <dd className="backups-path">{entry.folder}</dd>
      </dl>
      <div className="backups-warning">
        <TriangleAlert size={20} aria-hidden="true" />
        <div>
          <p>
            <strong>Everything entered after {when} will no longer be in Keel.</strong> Before anything is replaced, Keel saves the current data as a safety copy, so you can go back to it.
          </p>
          <p>Everyone who is signed in, on every computer, will be signed out and will have to sign in again.</p>
        </div>
      </div>
      <TextField
        label="Type RESTORE to confirm"
        value={typed}
        onChange={setTyped}
        autoComplete="off"
        spellCheck={false}
        hint="This makes sure the backup is not restored by accident."
      />
      {error && <Alert>{error}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={busy} disabled={!confirmed} icon={<RotateCcw size={16} aria-hidden="true" />}>
          Restore this backup
        </Button>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

interface Draft {
  dailyTime: string;
  secondFolder: string;
  daily: string;
  weekly: string;
  monthly: string;
}

function draftOf(settings: BackupSettings): Draft {
  return {
    dailyTime: settings.dailyTime,
    secondFolder: settings.secondFolder ?? '',
    daily: String(settings.retention.daily),
    weekly: String(settings.retention.weekly),
    monthly: String(settings.retention.monthly),
  };
}

function SettingsForm({ loaded, onSaved }: { loaded: BackupSettings; onSaved: () => void }) {
  const [initial, setInitial] = useState(() => draftOf(loaded));
  const [value, setValue] = useState(initial);
  const [saved, setSaved] = useState(false);
  const form = useFormSubmit();
  const dirty = JSON.stringify(value) !== JSON.stringify(initial);

  function change(patch: Partial<Draft>) {
    setSaved(false);
    setValue({ ...value, ...patch });
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    const problems: Record<string, string> = {};
    const whole = (text: string, key: string) => {
      if (!/^\d+$/.test(text.trim())) problems[`retention.${key}`] = text.trim() === '' ? 'Required' : 'Use a whole number';
      return Number(text.trim());
    };
    const retention = { daily: whole(value.daily, 'daily'), weekly: whole(value.weekly, 'weekly'), monthly: whole(value.monthly, 'monthly') };
    if (Object.keys(problems).length > 0) {
      form.setErrors(problems);
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    const input = { dailyTime: value.dailyTime, secondFolder: value.secondFolder.trim(), retention };
    const settings = await form.submit(backupsContract['backups.updateSettings'].input, input, (i) => call('backups.updateSettings', i));
    if (settings) {
      const next = draftOf(settings);
      setInitial(next);
      setValue(next);
      setSaved(true);
      onSaved();
    }
  }

  return (
    <form className="card stack" onSubmit={(e) => void save(e)} noValidate aria-labelledby="backups-settings-title">
      <div>
        <h2 id="backups-settings-title">Backup settings</h2>
        <p className="muted">When Keel backs up by itself, where a second copy goes, and how many old backups are kept.</p>
      </div>
      <div className="form-grid backups-form-grid">
        <TextField
          label="Daily backup time"
          type="time"
          value={value.dailyTime}
          onChange={(dailyTime) => change({ dailyTime })}
          error={form.errors.dailyTime}
          hint="Clinic time. Keel backs up once this time has passed each day while it is open, and also each time it is closed."
          required
        />
        <TextField
          label="Second backup folder (optional)"
          value={value.secondFolder}
          onChange={(secondFolder) => change({ secondFolder })}
          error={form.errors.secondFolder}
          hint={
            <>
              A USB drive or a shared folder on another computer, e.g. <code>E:\Keel backups</code> or <code>/media/usb/keel</code>. Every backup is also written there, so one broken or stolen
              computer cannot lose the clinic’s data. Leave empty for none.
            </>
          }
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <fieldset className="backups-retention" aria-describedby="backups-retention-hint">
        <legend>How many backups to keep</legend>
        <p className="field-hint" id="backups-retention-hint">
          Older backups are deleted automatically: every backup of the last 24 hours is kept, then the newest of each day, week and month below. Yearly backups are all kept, and so are the safety copies made before a restore.
        </p>
        <div className="backups-retention-fields">
          <TextField label="Daily" type="number" inputMode="numeric" min={1} max={60} step={1} value={value.daily} onChange={(daily) => change({ daily })} error={form.errors['retention.daily']} hint="Days, 1 to 60" />
          <TextField label="Weekly" type="number" inputMode="numeric" min={0} max={52} step={1} value={value.weekly} onChange={(weekly) => change({ weekly })} error={form.errors['retention.weekly']} hint="Weeks, 0 to 52" />
          <TextField label="Monthly" type="number" inputMode="numeric" min={0} max={120} step={1} value={value.monthly} onChange={(monthly) => change({ monthly })} error={form.errors['retention.monthly']} hint="Months, 0 to 120" />
        </div>
      </fieldset>
      {form.message && <Alert>{form.message}</Alert>}
      {saved && !dirty && <Alert tone="success">Backup settings saved.</Alert>}
      <SaveUndo
        saveLabel="Save backup settings"
        dirty={dirty}
        busy={form.busy}
        onUndo={() => {
          setValue(initial);
          form.reset();
        }}
      />
    </form>
  );
}
