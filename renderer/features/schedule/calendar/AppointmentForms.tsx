import { useRef, useState } from 'react';
import type { Appointment } from '../../../../shared/contract/appointments';
import type { ScheduleFrame } from '../../../../shared/contract/schedule';
import type { WaitlistOffer } from '../../../../shared/contract/waitlist';
import { ApiFailure, call, messageOf } from '../../../app/api';
import { Button } from '../../../ui/Button';
import { DateField } from '../../../ui/DateField';
import { Alert } from '../../../ui/Feedback';
import { FieldFrame, SelectField, TextField } from '../../../ui/Field';

export type Scope = 'this' | 'following' | 'all';

export interface ChangeOutcome {
  /** What to say, e.g. "Smith, Ann checked in." */
  text: string;
  /** How to take it back, when it can be. */
  undo?: () => Promise<unknown>;
  offers?: WaitlistOffer[];
}

export interface MoveChanges {
  start: string;
  end: string;
  providerId?: string;
  roomId?: string | null;
}

/** Reasons the desk hears most, by who cancels; one click fills the reason in. */
const COMMON_REASONS: Record<'patient' | 'clinic', readonly string[]> = {
  patient: ['Feeling better', 'Schedule conflict', 'Ill', 'No transportation', 'Weather', 'Going elsewhere'],
  clinic: ['Provider unavailable', 'Clinic closed', 'Booked by mistake', 'Rescheduled by the clinic'],
};

export function CancelForm({ a, onBack, onDone, onDirty }: { a: Appointment; onBack: () => void; onDone: (o: ChangeOutcome) => void; onDirty: (dirty: boolean) => void }) {
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
        text: `Canceled ${result.cancelled === 1 ? `${a.patient.name}’s appointment` : `${result.cancelled} appointments of the series`}.${late}`,
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
export function EditForm({ a, frame, onBack, onDone, onDirty }: { a: Appointment; frame: ScheduleFrame; onBack: () => void; onDone: (o: ChangeOutcome) => void; onDirty: (dirty: boolean) => void }) {
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

export function MoveForm({ a, frame, onBack, onMove }: { a: Appointment; frame: ScheduleFrame; onBack: () => void; onMove: (changes: MoveChanges) => void }) {
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

/** Asked when an appointment of a series is dragged: move only it, it and the following, or all. */
export function SeriesMoveDialog({ onCancel, onChoose }: { onCancel: () => void; onChoose: (scope: Scope) => void }) {
  const [scope, setScope] = useState<Scope>('this');
  return (
    <div className="cal-scope" role="dialog" aria-modal="false" aria-label="Move a series appointment">
      <ScopeChoice scope={scope} onChange={setScope} verb="Move" />
      <div className="row">
        <Button variant="primary" onClick={() => onChoose(scope)}>
          Move
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
