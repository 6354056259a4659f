import { AlertTriangle, Repeat } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Appointment, SeriesPreview } from '../../../../shared/contract/appointments';
import type { ScheduleFrame } from '../../../../shared/contract/schedule';
import { appointmentsContract } from '../../../../shared/contract/appointments';
import type { DateOrder } from '../../../../shared/contract/clinic';
import type { Conflict } from '../../../../shared/domain/appointments';
import { clockOf, isoWeekday, WEEKDAYS } from '../../../../shared/domain/time';
import { roleHas } from '../../../../shared/domain/permissions';
import { ROOM_KIND_LABELS } from '../../../../shared/domain/staff';
import { ApiFailure, call, messageOf } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { Button } from '../../../ui/Button';
import { DateField } from '../../../ui/DateField';
import { Dialog } from '../../../ui/Dialog';
import { Alert } from '../../../ui/Feedback';
import { SelectField, TextField } from '../../../ui/Field';
import { useDiscardGuard } from '../../../ui/DiscardGuard';
import { revealFirstInvalid } from '../../../ui/Reveal';
import { PatientPicker, type PickedPatient } from '../PatientPicker';
import { SeriesPreviewList, minutesOf, nthLabel, timeOptions } from './booking-parts';

export interface BookingDraft {
  patient?: PickedPatient | null;
  providerId: string;
  roomId: string | null;
  typeId?: string;
  date: string;
  start: string;
  /** An explicit end (`HH:MM`), from dragging over a range; otherwise the type's duration. */
  end?: string | null;
  /** Set when a manager chose a slot the grid marks not bookable: the booking is an override, and why ("not working then (works …)"). */
  overrideNeeded?: string;
  /** Opened from a waitlist match ("Offer to …"). */
  fromOffer?: boolean;
}

type RepeatChoice = 'none' | 'daily' | 'workdays' | 'weekly' | 'monthly';

interface BookingDialogProps {
  draft: BookingDraft;
  frame: ScheduleFrame;
  order: DateOrder;
  onClose: () => void;
  onBooked: (result: { appointment?: Appointment; series?: { booked: number; skipped: number } }) => void;
}

const ANY_ROOM = '';
const NO_ROOM = 'none';

/**
 * Book an appointment without the mouse: patient first (search or register),
 * then type, provider, day and time, room, reason. Clashes are checked as you
 * go; a manager may book over a provider or hours clash with a reason. A series
 * is previewed occurrence by occurrence before anything is booked.
 */
export function BookingDialog({ draft, frame, order, onClose, onBooked }: BookingDialogProps) {
  const me = useSession((s) => s.me);
  const isManager = me ? roleHas(me.user.role, 'schedule.override') : false;
  const [patient, setPatient] = useState<PickedPatient | null>(draft.patient ?? null);
  const providerRole = frame.providers.find((p) => p.id === draft.providerId)?.staffRole;
  const firstType = frame.types.find((t) => t.id === draft.typeId) ?? frame.types.find((t) => !providerRole || t.providerRoles.includes(providerRole)) ?? frame.types[0];
  const [typeId, setTypeId] = useState(firstType?.id ?? '');
  const [providerId, setProviderId] = useState(draft.providerId);
  const [date, setDate] = useState(draft.date);
  const [start, setStart] = useState(draft.start);
  const type = frame.types.find((t) => t.id === typeId);
  const [chosenEnd, setEnd] = useState(draft.end ?? null);
  // The type sets the length, unless someone chose the end themselves.
  const end = chosenEnd ?? (type ? clockOf(Math.min(1439, minutesOf(start) + type.durationMinutes)) : start);
  const [room, setRoom] = useState<string>(draft.roomId ?? ANY_ROOM);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [found, setConflicts] = useState<Conflict[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [repeat, setRepeat] = useState<RepeatChoice>('none');
  const [interval, setIntervalN] = useState('1');
  const [weekdays, setWeekdays] = useState<number[]>([isoWeekday(draft.date)]);
  const [monthlyBy, setMonthlyBy] = useState<'date' | 'weekday'>('date');
  const [endsBy, setEndsBy] = useState<'count' | 'until'>('count');
  const [count, setCount] = useState('6');
  const [until, setUntil] = useState('');
  const [preview, setPreview] = useState<SeriesPreview | null>(null);
  const checkSequence = useRef(0);
  const formRef = useRef<HTMLFormElement>(null);
  const [initialType] = useState(typeId);
  // Esc, × or Cancel on a form someone has filled in asks before anything is lost.
  const dirty =
    (patient !== null && patient.id !== draft.patient?.id) ||
    Boolean(reason.trim() || note.trim() || overrideReason.trim()) ||
    repeat !== 'none' ||
    typeId !== initialType ||
    providerId !== draft.providerId ||
    date !== draft.date ||
    start !== draft.start;
  const { requestClose, confirm } = useDiscardGuard({ dirty, onClose, what: 'this appointment' });

  const providers = frame.providers.filter((p) => !type || type.providerRoles.includes(p.staffRole));
  const rooms = frame.rooms.filter((r) => !type?.roomKind || r.kind === type.roomKind);
  const roomId = room === ANY_ROOM || room === NO_ROOM ? null : room;
  const booking = useMemo(
    () => ({ patientId: patient?.id ?? '', providerId, typeId, roomId, start: `${date}T${start}`, end: `${date}T${end}`, reason: reason.trim(), note: note.trim() }),
    [patient, providerId, typeId, roomId, date, start, end, reason, note],
  );
  const repeatRule = useMemo(() => {
    if (repeat === 'none') return null;
    const n = Number(interval);
    return {
      freq: repeat,
      interval: repeat === 'workdays' ? 1 : Number.isInteger(n) ? n : 0,
      ...(repeat === 'weekly' ? { weekdays } : {}),
      ...(repeat === 'monthly' ? { monthlyBy } : {}),
      ...(endsBy === 'count' ? { count: Number(count) } : { until }),
    };
  }, [repeat, interval, weekdays, monthlyBy, endsBy, count, until]);

  // Clashes, checked in the main process as the booking takes shape.
  const checkable = Boolean(patient && typeId && providerId && /^\d{2}:\d{2}$/.test(start) && /^\d{2}:\d{2}$/.test(end));
  useEffect(() => {
    if (!checkable) return;
    const mine = ++checkSequence.current;
    const timer = setTimeout(() => {
      const { reason: _r, note: _n, ...parts } = booking;
      call('appointments.check', parts).then(
        (found) => mine === checkSequence.current && setConflicts(found),
        () => mine === checkSequence.current && setConflicts([]),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [booking, checkable]);

  const conflicts = checkable ? found : [];
  const hard = conflicts.filter((c) => !c.overridable);
  const canOverride = isManager && conflicts.length > 0 && hard.length === 0;

  const problemsRef = useRef<HTMLDivElement>(null);
  const clashRef = useRef<HTMLDivElement>(null);
  // What is wrong is said once, beside the Book button, and takes the focus when a booking is refused.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals === 0) return;
    const clash = clashRef.current?.querySelector<HTMLElement>('input') ?? clashRef.current;
    if (clash) clash.focus();
    else if (!revealFirstInvalid(problemsRef.current?.closest('dialog') ?? null)) problemsRef.current?.focus();
  }, [refusals]);

  /** The clashes as the main process sees them now (the check as you go may not have answered yet). */
  async function checkNow(): Promise<Conflict[]> {
    const { reason: _r, note: _n, ...parts } = booking;
    checkSequence.current++;
    const now = await call('appointments.check', parts).catch(() => [] as Conflict[]);
    setConflicts(now);
    return now;
  }

  async function fail(error: unknown) {
    if (error instanceof ApiFailure) setErrors(Object.fromEntries(error.issues.map((i) => [i.path.replace(/^booking\./, ''), i.message])));
    // A clash is shown in the clash box only, never a second time as a message.
    if (error instanceof ApiFailure && error.code === 'conflict' && (await checkNow()).length > 0) setMessage(null);
    else setMessage(messageOf(error));
    setRefusals((n) => n + 1);
  }

  function checkLocally(): boolean {
    const parsed = appointmentsContract['appointments.book'].input.safeParse({ booking });
    const local: Record<string, string> = {};
    if (!patient) local.patientId = 'Choose the patient (or register them)';
    if (!parsed.success) for (const issue of parsed.error.issues) local[String(issue.path.slice(1).join('.'))] ??= issue.message;
    if (local.patientId && patient) delete local.patientId;
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage('Please correct the highlighted fields.');
      setRefusals((n) => n + 1);
      return false;
    }
    setErrors({});
    return true;
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy || !checkLocally()) return;
    if (repeatRule) {
      await previewSeries();
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const override = canOverride && overrideReason.trim() ? { reason: overrideReason.trim() } : undefined;
      // Enter may come before the check as you go has answered: ask once more rather than be refused.
      if (!override && (await checkNow()).length > 0) {
        setRefusals((n) => n + 1);
        return;
      }
      const appointment = await call('appointments.book', { booking, ...(override ? { override } : {}) });
      onBooked({ appointment });
    } catch (error) {
      await fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function previewSeries() {
    if (!repeatRule) return;
    setBusy(true);
    setMessage(null);
    try {
      setPreview(await call('appointments.previewSeries', { booking, repeat: repeatRule }));
    } catch (error) {
      if (error instanceof ApiFailure) setErrors(Object.fromEntries(error.issues.map((i) => [i.path.replace(/^(booking|repeat)\./, ''), i.message])));
      setMessage(messageOf(error));
      setRefusals((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  async function bookSeries(skipConflicts: boolean) {
    if (!repeatRule) return;
    setBusy(true);
    setMessage(null);
    try {
      const override = !skipConflicts && isManager && overrideReason.trim() ? { reason: overrideReason.trim() } : undefined;
      const result = await call('appointments.bookSeries', { booking, repeat: repeatRule, skipConflicts, ...(override ? { override } : {}) });
      onBooked({ series: { booked: result.booked, skipped: result.skipped.length } });
    } catch (error) {
      if (error instanceof ApiFailure) setErrors(Object.fromEntries(error.issues.map((i) => [i.path.replace(/^booking\./, ''), i.message])));
      setMessage(messageOf(error));
      setRefusals((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const clashing = preview?.occurrences.filter((o) => o.conflicts.length > 0).length ?? 0;
  const clinic = useSession((s) => s.clinic);
  const startOptions = timeOptions(clinic?.slotMinutes ?? 15, order, start);

  return (
    <>
      <Dialog open title={preview ? 'Check the series before booking' : 'New appointment'} onClose={requestClose} wide>
        {preview ? (
          <div className="stack">
            <SeriesPreviewList preview={preview} order={order} />
          </div>
        ) : (
          <form ref={formRef} className="stack booking-form" onSubmit={(e) => void submit(e)} noValidate>
            <PatientPicker value={patient} onChange={setPatient} error={errors.patientId} autoFocus={!patient} required focusAfterPick={() => formRef.current?.querySelector<HTMLElement>('[data-after-patient]')?.focus()} />
            <div className="form-grid">
              <SelectField label="Type" value={typeId} onChange={setTypeId} options={frame.types.map((t) => ({ value: t.id, label: `${t.name} (${t.durationMinutes} min)` }))} error={errors.typeId} required />
              <SelectField
                label="Provider"
                value={providerId}
                onChange={setProviderId}
                options={(providers.some((p) => p.id === providerId) ? providers : [...providers, ...frame.providers.filter((p) => p.id === providerId)]).map((p) => ({ value: p.id, label: p.fullName }))}
                error={errors.providerId}
                required
              />
              <DateField label="Day" value={date} onChange={setDate} error={errors.start && !errors.start.includes(':') ? errors.start : undefined} required />
              <div className="time-pair">
                <SelectField label="Starts" value={start} onChange={setStart} options={startOptions} error={errors.start} required />
                <TextField
                  label="Ends"
                  type="time"
                  step={300}
                  value={end}
                  onChange={setEnd}
                  error={errors.end}
                />
              </div>
              <SelectField
                label="Room"
                value={room}
                onChange={setRoom}
                options={[
                  type?.roomKind ? { value: ANY_ROOM, label: `Any free ${ROOM_KIND_LABELS[type.roomKind].toLowerCase()} room` } : { value: ANY_ROOM, label: 'No room needed' },
                  ...rooms.map((r) => ({ value: r.id, label: r.name })),
                ]}
                error={errors.roomId}
              />
              <TextField label="Reason for visit" value={reason} onChange={setReason} maxLength={300} placeholder="e.g. Blood pressure check" error={errors.reason} data-after-patient />
              <TextField label="Note for the front desk" value={note} onChange={setNote} maxLength={1000} className="form-span" error={errors.note} />
            </div>

            <fieldset className="repeat-fields">
              <legend>
                <Repeat size={16} aria-hidden="true" /> Repeat
              </legend>
              <div className="inline-choice" role="radiogroup" aria-label="Repeat">
                {(['none', 'daily', 'workdays', 'weekly', 'monthly'] as const).map((r) => (
                  <label key={r}>
                    <input type="radio" name="repeat" checked={repeat === r} onChange={() => setRepeat(r)} /> {r === 'none' ? 'Does not repeat' : r === 'daily' ? 'Daily' : r === 'workdays' ? 'Each workday' : r === 'weekly' ? 'Weekly' : 'Monthly'}
                  </label>
                ))}
              </div>
              {repeat !== 'none' && (
                <div className="form-grid">
                  {repeat === 'workdays' ? (
                    <p className="muted small span-2">Every day the clinic is open; its closure days (Settings → Closures) are skipped.</p>
                  ) : (
                    <TextField label={`Every how many ${repeat === 'daily' ? 'days' : repeat === 'weekly' ? 'weeks' : 'months'}`} type="number" min={1} max={52} value={interval} onChange={setIntervalN} error={errors['repeat.interval'] ?? errors.interval} />
                  )}
                  {repeat === 'weekly' && (
                    <fieldset className="weekday-picks">
                      <legend>On</legend>
                      {WEEKDAYS.map((d) => (
                        <label key={d.day}>
                          <input type="checkbox" checked={weekdays.includes(d.day)} onChange={(e) => setWeekdays((w) => (e.target.checked ? [...w, d.day] : w.filter((x) => x !== d.day)))} /> {d.short}
                        </label>
                      ))}
                    </fieldset>
                  )}
                  {repeat === 'monthly' && (
                    <SelectField
                      label="On"
                      value={monthlyBy}
                      onChange={(v) => setMonthlyBy(v as 'date' | 'weekday')}
                      options={[
                        { value: 'date', label: `Day ${Number(date.slice(8, 10))} of each month` },
                        { value: 'weekday', label: `The ${nthLabel(date)} ${WEEKDAYS[isoWeekday(date) - 1]?.name ?? ''} of each month` },
                      ]}
                    />
                  )}
                  <SelectField label="Ends" value={endsBy} onChange={(v) => setEndsBy(v as 'count' | 'until')} options={[{ value: 'count', label: 'After a number of times' }, { value: 'until', label: 'On a date' }]} />
                  {endsBy === 'count' ? (
                    <TextField label="How many times (at most 300)" type="number" min={1} max={300} value={count} onChange={setCount} error={errors.count} />
                  ) : (
                    <DateField label="Last date" value={until} onChange={setUntil} error={errors.until} min={date} />
                  )}
                </div>
              )}
            </fieldset>

            <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
          </form>
        )}
        <footer className="dialog-footer booking-footer">
          <div className="booking-problems" ref={problemsRef} tabIndex={-1}>
            {message && <Alert>{message}</Alert>}
            {!preview && conflicts.length > 0 && (
              <div ref={clashRef} tabIndex={-1} className={hard.length > 0 ? 'conflict-box conflict-hard' : 'conflict-box'} role="alert">
                <strong>
                  <AlertTriangle size={16} aria-hidden="true" /> {repeat !== 'none' ? 'The first appointment clashes:' : 'This clashes:'}
                </strong>
                <ul>
                  {conflicts.map((c, i) => (
                    <li key={i}>{c.message}</li>
                  ))}
                </ul>
                {canOverride && (
                  <TextField
                    label="Book anyway — reason (kept in the audit trail)"
                    value={overrideReason}
                    onChange={setOverrideReason}
                    maxLength={300}
                    onKeyDown={(e) => {
                      if (e.key !== 'Enter') return;
                      e.preventDefault();
                      void submit();
                    }}
                  />
                )}
                {!isManager && hard.length === 0 && <p className="small">Only the office manager can book over this.</p>}
              </div>
            )}
            {preview && isManager && clashing > 0 && preview.occurrences.every((o) => o.conflicts.every((c) => c.overridable)) && (
              <div ref={clashRef} className="conflict-box">
                <TextField label="Book all anyway — reason (kept in the audit trail)" value={overrideReason} onChange={setOverrideReason} maxLength={300} />
              </div>
            )}
          </div>
          {preview ? (
            <>
              <Button variant="ghost" onClick={() => setPreview(null)}>
                Back to the booking
              </Button>
              <span className="spacer" />
              {clashing > 0 && clashing < preview.occurrences.length && (
                <Button variant="primary" busy={busy} onClick={() => void bookSeries(true)}>
                  Book {preview.occurrences.length - clashing}, skip {clashing} that clash
                </Button>
              )}
              {clashing === 0 ? (
                <Button variant="primary" busy={busy} onClick={() => void bookSeries(false)}>
                  Book all {preview.occurrences.length}
                </Button>
              ) : (
                isManager &&
                preview.occurrences.every((o) => o.conflicts.every((c) => c.overridable)) && (
                  <Button busy={busy} disabled={!overrideReason.trim()} onClick={() => void bookSeries(false)}>
                    Book all {preview.occurrences.length} anyway
                  </Button>
                )
              )}
              <Button variant="ghost" onClick={requestClose}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <span className="small muted">Enter books · Esc closes</span>
              <span className="spacer" />
              <Button variant="ghost" onClick={requestClose}>
                Cancel
              </Button>
              <Button variant="primary" busy={busy} disabled={hard.length > 0 || (conflicts.length > 0 && !(canOverride && overrideReason.trim()))} onClick={() => void submit()}>
                {repeat !== 'none' ? 'Preview the series' : canOverride && overrideReason.trim() ? 'Book anyway' : 'Book'}
              </Button>
            </>
          )}
        </footer>
      </Dialog>
      {confirm}
    </>
  );
}
