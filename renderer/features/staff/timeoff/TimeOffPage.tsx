import { useState } from 'react';
import { roleHas } from '../../../../shared/domain/permissions';
import { TIME_OFF_KINDS, TIME_OFF_LABELS, type TimeOffKind } from '../../../../shared/domain/staff';
import { dateInZone, addDays } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, Loading } from '../../../ui/Feedback';
import { SelectField, TextField } from '../../../ui/Field';
import { describeTimeOff, TimeOffList } from './TimeOffList';
import { timeoffContract } from '../../../../shared/contract/timeoff';

/** Request time off (own, or anyone's for the manager); the manager decides the waiting ones. */
export function TimeOffPage() {
  const me = useSession((s) => s.me);
  const [refresh, setRefresh] = useState(0);
  const canDecide = me ? roleHas(me.user.role, 'timeoff.decide') : false;
  return (
    <div className="stack">
      {/* The approver's queue first: it is what needs doing. */}
      {canDecide && (
        <section className="card stack" aria-labelledby="pending-title">
          <h2 id="pending-title">Waiting for your decision</h2>
          <TimeOffList pendingOnly refreshKey={String(refresh)} onChanged={() => setRefresh((n) => n + 1)} />
        </section>
      )}
      <RequestForm onRequested={() => setRefresh((n) => n + 1)} />
      <section className="card stack" aria-labelledby="all-timeoff-title">
        <h2 id="all-timeoff-title">{canDecide ? 'All time off' : 'Time off'}</h2>
        <TimeOffList refreshKey={String(refresh)} onChanged={() => setRefresh((n) => n + 1)} />
      </section>
    </div>
  );
}

function RequestForm({ onRequested }: { onRequested: () => void }) {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : '';
  const canDecide = me ? roleHas(me.user.role, 'timeoff.decide') : false;
  const { data: own, loading } = useLoad(() => call('staff.me', {}), 'me');
  const { data: staff } = useLoad(() => (canDecide ? call('staff.list', {}) : Promise.resolve([])), `staff-${canDecide}`);
  const [who, setWho] = useState('');
  const [kind, setKind] = useState<TimeOffKind>('vacation');
  const [partDay, setPartDay] = useState(false);
  const [from, setFrom] = useState(addDays(today, 7));
  const [to, setTo] = useState(addDays(today, 7));
  const [startTime, setStartTime] = useState('12:00');
  const [endTime, setEndTime] = useState('17:00');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const form = useFormSubmit();

  if (loading) return <Loading label="Loading…" />;
  const staffId = canDecide ? who || own?.id || '' : (own?.id ?? '');
  if (!canDecide && !own) {
    return (
      <Alert tone="info" title="Your account is not linked to a staff record">
        Ask the office manager to link your sign-in to your staff record; then you can request time off here.
      </Alert>
    );
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    const start = partDay ? `${from}T${startTime}` : `${from}T00:00`;
    const end = partDay ? `${from}T${endTime}` : `${to && to >= from ? addDays(to, 1) : to}T00:00`;
    const input = { ...(staffId ? { staffId } : {}), kind, start, end, note };
    const saved = await form.submit(timeoffContract['timeoff.request'].input, input, (i) => call('timeoff.request', i));
    if (saved) {
      setDone(`Requested: ${TIME_OFF_LABELS[saved.kind].toLowerCase()} for ${saved.staffName}, ${describeTimeOff(saved, clinic?.dateOrder ?? 'MDY')}. ${canDecide ? 'Approve it under “Waiting for your decision”.' : 'The office manager will decide.'}`);
      setNote('');
      onRequested();
    }
  }

  const fieldError = form.errors.start ?? form.errors.end;
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="request-title">
      <h2 id="request-title">Request time off</h2>
      <div className="form-grid">
        {canDecide && (
          <SelectField
            label="For"
            value={staffId}
            onChange={setWho}
            options={[...(own ? [] : [{ value: '', label: 'Choose a person' }]), ...(staff ?? []).map((s) => ({ value: s.id, label: s.id === own?.id ? `${s.fullName} (you)` : s.fullName }))]}
            error={form.errors.staffId}
          />
        )}
        <SelectField label="Kind" value={kind} onChange={(v) => setKind(v as TimeOffKind)} options={TIME_OFF_KINDS.map((k) => ({ value: k, label: TIME_OFF_LABELS[k] }))} />
      </div>
      <fieldset className="inline-choice">
        <legend>How long</legend>
        <label className="checkbox">
          <input type="radio" name="length" checked={!partDay} onChange={() => setPartDay(false)} /> Whole days
        </label>
        <label className="checkbox">
          <input type="radio" name="length" checked={partDay} onChange={() => setPartDay(true)} /> Part of a day
        </label>
      </fieldset>
      <div className="form-grid">
        <TextField label={partDay ? 'Date' : 'First day'} type="date" value={from} onChange={setFrom} error={fieldError} />
        {partDay ? (
          <div className="time-pair">
            <TextField label="From" type="time" step={300} value={startTime} onChange={setStartTime} />
            <TextField label="Until" type="time" step={300} value={endTime} onChange={setEndTime} />
          </div>
        ) : (
          <TextField label="Last day" type="date" value={to} onChange={setTo} />
        )}
      </div>
      <TextField label="Note (optional)" value={note} onChange={setNote} maxLength={500} hint={canDecide ? undefined : 'Only you and the office manager see the note.'} />
      {form.message && <Alert>{form.message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Send request
        </Button>
      </div>
    </form>
  );
}
