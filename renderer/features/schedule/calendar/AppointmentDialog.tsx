import { useRef, useState } from 'react';
import type { Appointment, ScheduleFrame, WaitlistOffer } from '../../../../shared/contract/appointment-types';
import type { DateOrder } from '../../../../shared/contract/types';
import { STATUS_LABELS, STATUS_MOVES, type AppointmentStatus } from '../../../../shared/domain/appointments';
import { formatDate, formatInstant, formatLongDate, formatWallTime } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { wallInZone } from '../../../../shared/domain/time';
import { ApiFailure, call, messageOf } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { DateField } from '../../../ui/DateField';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Badge, Loading } from '../../../ui/Feedback';
import { FieldFrame, SelectField, TextField } from '../../../ui/Field';
import { useDiscardGuard } from '../../../ui/DiscardGuard';
import { StatusBadge } from './StatusBadge';

export type Scope = 'this' | 'following' | 'all';

export interface ChangeOutcome {
  /** What to say, e.g. "Smith, Ann checked in." */
  text: string;
  /** How to take it back, when it can be. */
  undo?: () => Promise<unknown>;
  offers?: WaitlistOffer[];
}

interface AppointmentDialogProps {
  id: string;
  frame: ScheduleFrame;
  order: DateOrder;
  zone: string;
  onClose: () => void;
  onChanged: (outcome: ChangeOutcome) => void;
  onMove: (a: Appointment, changes: MoveChanges) => void;
}

export interface MoveChanges {
  start: string;
  end: string;
  providerId?: string;
  roomId?: string | null;
}

/** The next steps a person takes at the desk, in the order they happen. */
const FORWARD: Partial<Record<AppointmentStatus, { to: Exclude<AppointmentStatus, 'cancelled'>; label: string }>> = {
  booked: { to: 'arrived', label: 'Check in (arrived)' },
  confirmed: { to: 'arrived', label: 'Check in (arrived)' },
  arrived: { to: 'in_room', label: 'Into the room' },
  in_room: { to: 'completed', label: 'Completed' },
};

/**
 * One appointment, opened (which counts as a look at the patient's record):
 * who, when, where, its time stamps, and the desk's actions — confirm, check in,
 * into the room, complete, no-show, one step back, move, cancel.
 */
export function AppointmentDialog({ id, frame, order, zone, onClose, onChanged, onMove }: AppointmentDialogProps) {
  const me = useSession((s) => s.me);
  const [refresh, setRefresh] = useState(0);
  const { data: a, error, loading } = useLoad(() => call('appointments.get', { id }), `${id}|${refresh}`);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [mode, setMode] = useState<'view' | 'cancel' | 'move' | 'edit'>('view');
  // A half-filled edit or cancellation is not lost to a stray Esc.
  const [formDirty, setFormDirty] = useState(false);
  const { requestClose, confirm } = useDiscardGuard({ dirty: mode !== 'view' && formDirty, onClose, what: mode === 'cancel' ? 'this cancellation' : 'these changes' });
  const backToView = () => {
    setFormDirty(false);
    setMode('view');
  };
  const canManage = me ? roleHas(me.user.role, 'schedule.manage') : false;
  const own = a && frame.myStaffId === a.providerId;
  // Check-in happens on the day; a no-show only once the start has passed (the main process insists too).
  const [now] = useState(() => wallInZone(new Date(), zone));
  const onTheDay = a ? a.start.slice(0, 10) <= now.slice(0, 10) : false;
  const started = a ? a.start <= now : false;
  const canStatus = me ? roleHas(me.user.role, 'schedule.manage') || (roleHas(me.user.role, 'schedule.status') && own) : false;

  async function setStatus(to: Exclude<AppointmentStatus, 'cancelled'>) {
    if (!a || a.status === 'cancelled') return;
    setBusy(true);
    setMessage(null);
    try {
      const from: Exclude<AppointmentStatus, 'cancelled'> = a.status;
      const done = await call('appointments.setStatus', { id: a.id, status: to });
      setRefresh((n) => n + 1);
      onChanged({ text: `${done.patient.name}: ${STATUS_LABELS[to].toLowerCase()}.`, undo: () => call('appointments.setStatus', { id: a.id, status: from }) });
    } catch (e) {
      setMessage(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const title = a ? `${a.patient.name} · ${formatWallTime(a.start.slice(11), order)}` : 'Appointment';
  return (
    <>
      <Dialog open title={title} onClose={requestClose} wide>
        {loading && !a && <Loading label="Opening the appointment…" />}
        {error && <Alert>{error}</Alert>}
        {a && mode === 'view' && (
          <div className="stack">
            {message && <Alert>{message}</Alert>}
            <div className="appt-summary">
              <dl className="facts">
                <dt>Patient</dt>
                <dd>
                  <a
                    href={`#/patients/record/${a.patient.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/patients/record/${a.patient.id}`);
                    }}
                  >
                    {a.patient.name}
                  </a>{' '}
                  <span className="muted">
                    born {formatDate(a.patient.dob, order)} · record {a.patient.mrn} · {a.patient.phone || 'no phone'}
                  </span>
                </dd>
                <dt>When</dt>
                <dd>
                  {formatLongDate(new Date(`${a.start.slice(0, 10)}T12:00:00Z`), 'UTC', order)}, {formatWallTime(a.start.slice(11), order)}–{formatWallTime(a.end.slice(11), order)}
                </dd>
                <dt>With</dt>
                <dd>
                  {a.providerName}
                  {a.roomName ? ` · ${a.roomName}` : ''}
                </dd>
                <dt>Type</dt>
                <dd>
                  <span className="swatch" style={{ background: a.colour }} aria-hidden="true" /> {a.typeName}
                  {a.seriesId && <Badge tone="info">Part of a series</Badge>}
                </dd>
                {a.reason && (
                  <>
                    <dt>Reason</dt>
                    <dd>{a.reason}</dd>
                  </>
                )}
                {a.note && (
                  <>
                    <dt>Note</dt>
                    <dd>{a.note}</dd>
                  </>
                )}
                <dt>Status</dt>
                <dd>
                  <StatusBadge status={a.status} /> {a.lateCancel && <Badge tone="warn">Late cancel</Badge>}
                  <Stamps a={a} order={order} zone={zone} />
                </dd>
                {a.overrideReason && (
                  <>
                    <dt>Booked over a clash</dt>
                    <dd>{a.overrideReason}</dd>
                  </>
                )}
                {a.cancelReason && (
                  <>
                    <dt>Cancelled</dt>
                    <dd>
                      by the {a.cancelledBy}: {a.cancelReason}
                    </dd>
                  </>
                )}
              </dl>
            </div>
            {canStatus && (
              <div className="row appt-actions" role="group" aria-label="Change the status">
                {FORWARD[a.status] && onTheDay && (
                  <Button variant="primary" busy={busy} onClick={() => void setStatus(FORWARD[a.status]!.to)}>
                    {FORWARD[a.status]!.label}
                  </Button>
                )}
                {a.status === 'booked' && (
                  <Button busy={busy} onClick={() => void setStatus('confirmed')}>
                    Confirmed by phone
                  </Button>
                )}
                {a.status === 'arrived' && onTheDay && (
                  <Button busy={busy} onClick={() => void setStatus('completed')}>
                    Completed
                  </Button>
                )}
                {STATUS_MOVES[a.status].includes('no_show') && started && (
                  <Button busy={busy} onClick={() => void setStatus('no_show')}>
                    No-show
                  </Button>
                )}
                {stepBack(a.status) && (
                  <Button variant="ghost" busy={busy} onClick={() => void setStatus(stepBack(a.status)!)}>
                    Back to {STATUS_LABELS[stepBack(a.status)!].toLowerCase()}
                  </Button>
                )}
              </div>
            )}
            {canManage && (a.status === 'booked' || a.status === 'confirmed') && (
              <div className="row">
                <Button onClick={() => setMode('edit')}>Edit type, reason or note…</Button>
                <Button onClick={() => setMode('move')}>Move…</Button>
                <Button variant="danger" onClick={() => setMode('cancel')}>
                  Cancel appointment…
                </Button>
              </div>
            )}
          </div>
        )}
        {a && mode === 'cancel' && <CancelForm a={a} onBack={backToView} onDirty={setFormDirty} onDone={(o) => onChanged(o)} />}
        {a && mode === 'edit' && (
          <EditForm
            a={a}
            frame={frame}
            onBack={backToView}
            onDirty={setFormDirty}
            onDone={(o) => {
              backToView();
              setRefresh((n) => n + 1);
              onChanged(o);
            }}
          />
        )}
        {a && mode === 'move' && (
          <MoveForm
            a={a}
            frame={frame}
            onBack={backToView}
            onMove={(changes) => {
              onMove(a, changes);
            }}
          />
        )}
      </Dialog>
      {confirm}
    </>
  );
}

/** One step back along the flow, to undo a slip of the finger. */
function stepBack(status: AppointmentStatus): Exclude<AppointmentStatus, 'cancelled'> | null {
  const back: Partial<Record<AppointmentStatus, Exclude<AppointmentStatus, 'cancelled'>>> = { arrived: 'confirmed', in_room: 'arrived', completed: 'in_room', no_show: 'booked' };
  return back[status] ?? null;
}

function Stamps({ a, order, zone }: { a: Appointment; order: DateOrder; zone: string }) {
  const time = (iso: string) => formatInstant(iso, zone, order).split(', ').at(-1);
  const minutes = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
  return (
    <span className="appt-stamps">
      {a.arrivedAt && <span>Arrived {time(a.arrivedAt)}</span>}
      {a.arrivedAt && a.status === 'arrived' && <span className="appt-waiting">waiting {Math.max(0, minutes(a.arrivedAt, new Date().toISOString()))} min</span>}
      {a.inRoomAt && (
        <span>
          In room {time(a.inRoomAt)}
          {a.arrivedAt ? ` (waited ${Math.max(0, minutes(a.arrivedAt, a.inRoomAt))} min)` : ''}
        </span>
      )}
      {a.completedAt && <span>Completed {time(a.completedAt)}</span>}
    </span>
  );
}

/** Reasons the desk hears most, by who cancels; one click fills the reason in. */
const COMMON_REASONS: Record<'patient' | 'clinic', readonly string[]> = {
  patient: ['Feeling better', 'Schedule conflict', 'Ill', 'No transportation', 'Weather', 'Going elsewhere'],
  clinic: ['Provider unavailable', 'Clinic closed', 'Booked by mistake', 'Rescheduled by the clinic'],
};

function CancelForm({ a, onBack, onDone, onDirty }: { a: Appointment; onBack: () => void; onDone: (o: ChangeOutcome) => void; onDirty: (dirty: boolean) => void }) {
  const [by, setBy] = useState<'patient' | 'clinic'>('patient');
  const [reason, setReasonText] = useState('');
  const [scope, setScope] = useState<Scope>('this');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const setReason = (value: string) => {
    setReasonText(value);
    setMissing(false);
    onDirty(value.trim() !== '');
  };
  async function cancel() {
    if (!reason.trim()) {
      setMissing(true);
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await call('appointments.cancel', { id: a.id, by, reason: reason.trim(), ...(a.seriesId ? { scope } : {}) });
      const late = result.lateCancel ? ' It counts as a late cancellation.' : '';
      const status = a.status === 'confirmed' ? 'confirmed' : 'booked';
      onDone({
        text: `Cancelled ${result.cancelled === 1 ? `${a.patient.name}’s appointment` : `${result.cancelled} appointments of the series`}.${late}`,
        undo: () => call('appointments.restore', { id: a.id, status }),
        offers: result.offers,
      });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void cancel();
      }}
    >
      <fieldset className="inline-choice">
        <legend>Who cancelled?</legend>
        <label>
          <input type="radio" name="by" checked={by === 'patient'} onChange={() => setBy('patient')} /> The patient
        </label>
        <label>
          <input type="radio" name="by" checked={by === 'clinic'} onChange={() => setBy('clinic')} /> The clinic
        </label>
      </fieldset>
      <FieldFrame label="Reason" required error={missing ? 'Say why, in a few words, or choose a common reason below' : undefined} announceError={missing}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            ref={reasonRef}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={300}
            autoFocus
            required
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </FieldFrame>
      <div className="reason-chips" role="group" aria-label="Common reasons">
        {COMMON_REASONS[by].map((r) => (
          <button key={r} type="button" className={reason === r ? 'chip chip-on' : 'chip'} aria-pressed={reason === r} onClick={() => setReason(r)}>
            {r}
          </button>
        ))}
      </div>
      {a.seriesId && <ScopeChoice scope={scope} onChange={setScope} verb="Cancel" />}
      {error && <Alert>{error}</Alert>}
      <div className="row">
        <Button variant="danger" type="submit" busy={busy}>
          Cancel the appointment
        </Button>
        <Button variant="ghost" onClick={onBack}>
          Keep it
        </Button>
      </div>
    </form>
  );
}

/** Type, reason and note of a booked appointment; a new type of another length moves its end. Undone like a move. */
function EditForm({ a, frame, onBack, onDone, onDirty }: { a: Appointment; frame: ScheduleFrame; onBack: () => void; onDone: (o: ChangeOutcome) => void; onDirty: (dirty: boolean) => void }) {
  const [typeId, setTypeId] = useState(a.typeId);
  const [reason, setReason] = useState(a.reason);
  const [note, setNote] = useState(a.note);
  const [scope, setScope] = useState<Scope>('this');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const role = frame.providers.find((p) => p.id === a.providerId)?.staffRole;
  const types = frame.types.filter((t) => t.id === a.typeId || !role || t.providerRoles.includes(role));
  const type = frame.types.find((t) => t.id === typeId);
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    onDirty(true);
  };

  async function save() {
    const changes: { typeId?: string; end?: string; reason?: string; note?: string } = {};
    if (typeId !== a.typeId) {
      changes.typeId = typeId;
      if (type) changes.end = new Date((minutes(a.start) + type.durationMinutes) * 60_000).toISOString().slice(0, 16);
    }
    if (reason.trim() !== a.reason) changes.reason = reason.trim();
    if (note.trim() !== a.note) changes.note = note.trim();
    if (Object.keys(changes).length === 0) {
      onBack();
      return;
    }
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const withScope = a.seriesId ? { scope } : {};
      await call('appointments.update', { id: a.id, changes, ...withScope });
      const back: typeof changes = {};
      if (changes.typeId) Object.assign(back, { typeId: a.typeId, end: a.end });
      if (changes.reason !== undefined) back.reason = a.reason;
      if (changes.note !== undefined) back.note = a.note;
      onDone({ text: `Saved ${a.patient.name}’s appointment.`, undo: () => call('appointments.update', { id: a.id, changes: back, ...withScope }) });
    } catch (e) {
      if (e instanceof ApiFailure) setErrors(Object.fromEntries(e.issues.map((i) => [i.path.replace(/^changes\./, ''), i.message])));
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="form-grid">
        <SelectField label="Type" value={typeId} onChange={change(setTypeId)} options={types.map((t) => ({ value: t.id, label: `${t.name} (${t.durationMinutes} min)${t.active ? '' : ' — retired'}` }))} error={errors.typeId} autoFocus />
        <TextField label="Reason for visit" value={reason} onChange={change(setReason)} maxLength={300} error={errors.reason} />
        <FieldFrame label="Note for the front desk" error={errors.note} className="span-2">
          {({ id, describedBy, invalid }) => <textarea id={id} rows={3} maxLength={1000} value={note} onChange={(e) => change(setNote)(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />}
        </FieldFrame>
      </div>
      {type && type.durationMinutes !== minutes(a.end) - minutes(a.start) && typeId !== a.typeId && <p className="small muted">With this type it takes {type.durationMinutes} minutes; the end moves to match.</p>}
      {a.seriesId && <ScopeChoice scope={scope} onChange={setScope} verb="Change" />}
      {error && <Alert>{error}</Alert>}
      <div className="row">
        <Button variant="primary" type="submit" busy={busy}>
          Save changes
        </Button>
        <Button variant="ghost" onClick={onBack}>
          Back
        </Button>
      </div>
    </form>
  );
}

export function ScopeChoice({ scope, onChange, verb }: { scope: Scope; onChange: (s: Scope) => void; verb: string }) {
  return (
    <fieldset className="inline-choice">
      <legend>This appointment is part of a series. {verb}:</legend>
      <label>
        <input type="radio" name="scope" checked={scope === 'this'} onChange={() => onChange('this')} /> This one only
      </label>
      <label>
        <input type="radio" name="scope" checked={scope === 'following'} onChange={() => onChange('following')} /> This and the following ones
      </label>
      <label>
        <input type="radio" name="scope" checked={scope === 'all'} onChange={() => onChange('all')} /> All of the series
      </label>
    </fieldset>
  );
}

function MoveForm({ a, frame, onBack, onMove }: { a: Appointment; frame: ScheduleFrame; onBack: () => void; onMove: (changes: MoveChanges) => void }) {
  const length = minutes(a.end) - minutes(a.start);
  const [date, setDate] = useState(a.start.slice(0, 10));
  const [time, setTime] = useState(a.start.slice(11));
  const [providerId, setProviderId] = useState(a.providerId);
  const [roomId, setRoomId] = useState(a.roomId ?? '');
  const type = frame.types.find((t) => t.id === a.typeId);
  const rooms = frame.rooms.filter((r) => !type?.roomKind || r.kind === type.roomKind);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        const start = `${date}T${time}`;
        const end = new Date((minutes(start) + length) * 60_000).toISOString().slice(0, 16);
        onMove({ start, end, ...(providerId !== a.providerId ? { providerId } : {}), ...(roomId !== (a.roomId ?? '') ? { roomId: roomId || null } : {}) });
      }}
    >
      <div className="form-grid">
        <DateField label="Day" value={date} onChange={setDate} required autoFocus />
        <TextField label="Time" type="time" step={300} value={time} onChange={setTime} required />
        <SelectField label="Provider" value={providerId} onChange={setProviderId} options={frame.providers.map((p) => ({ value: p.id, label: p.fullName }))} />
        <SelectField label="Room" value={roomId} onChange={setRoomId} options={[{ value: '', label: type?.roomKind ? 'Any free room' : 'No room' }, ...rooms.map((r) => ({ value: r.id, label: r.name }))]} />
      </div>
      <div className="row">
        <Button variant="primary" type="submit">
          Move it
        </Button>
        <Button variant="ghost" onClick={onBack}>
          Back
        </Button>
      </div>
    </form>
  );
}

function minutes(wall: string): number {
  return Date.parse(`${wall}:00Z`) / 60_000;
}
