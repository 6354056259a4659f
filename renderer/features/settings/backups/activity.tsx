import { Fragment, useEffect, useId, useRef, useState } from 'react';
import type { BackupStatus } from '../../../../shared/contract/backups';
import type { EventPayload } from '../../../../shared/contract/index';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatDate, formatDayShort, formatWallTime } from '../../../../shared/domain/format';
import { dateInZone, wallInZone, addDays } from '../../../../shared/domain/time';
import { call, messageOf, subscribe } from '../../../app/api';

// ---------------------------------------------------------------------------
// Words shared with Today's backup card
// ---------------------------------------------------------------------------

export type Running = NonNullable<BackupStatus['running']>;

const PHASE_WORDS: Record<Running['phase'], string> = {
  copying: 'Copying the database',
  verifying: 'Verifying the backup',
  attachments: 'Copying attachments',
  restoring: 'Restoring a backup',
};

export const REASON_WORDS: Record<string, string> = {
  daily: 'Daily backup',
  manual: 'Backed up by hand',
  quit: 'When Keel was closed',
  cli: 'By the admin command',
};

export const number = new Intl.NumberFormat('en-US');

/** The headline of a failed attempt: the second copy's own words when only that failed. */
export function failureTitle(attempt: NonNullable<BackupStatus['lastAttempt']>): string {
  if (attempt.secondCopy === 'not-connected') return 'USB copy failed — drive not connected';
  if (attempt.secondCopy === 'failed') return 'USB copy failed';
  return 'The last backup failed';
}

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
export function RecordsSummary({ records }: { records: Record<string, number> }) {
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
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 0.1 ? '0.1' : mb < 10 ? mb.toFixed(1) : number.format(Math.round(mb))} MB`;
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A backup (or restore) under way, as a labelled progress bar. */
export function BackupProgress({ running, compact = false }: { running: Running; compact?: boolean }) {
  const id = useId();
  const percent = Math.round(running.fraction * 100);
  // The copy and a restore's steps report how far they are; the check and the attachments mostly do not.
  const known = running.phase === 'copying' || running.fraction > 0;
  return (
    <div className={compact ? 'backups-progress backups-progress-compact' : 'backups-progress'} role="status">
      <label htmlFor={id}>
        {running.message ?? PHASE_WORDS[running.phase]}…{known ? ` ${percent}%` : ''}
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
export function onBackupProgress(listener: (p: ProgressEvent) => void): () => void {
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
          setLive(p.message === undefined ? { phase: p.phase, fraction: p.fraction } : { phase: p.phase, fraction: p.fraction, message: p.message });
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
      call('backups.status', {}, { background: true }).then(
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
