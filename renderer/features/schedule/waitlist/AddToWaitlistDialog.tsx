import { useRef, useState } from 'react';
import type { ScheduleFrame } from '../../../../shared/contract/schedule';
import type { WaitlistEntry } from '../../../../shared/contract/waitlist';
import type { WaitlistUrgency } from '../../../../shared/domain/appointments';
import { URGENCY_LABELS } from '../../../../shared/domain/appointments';
import { dateInZone, WEEKDAYS } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Loading, LoadError } from '../../../ui/Feedback';
import { FieldFrame, SelectField, TextField } from '../../../ui/Field';
import { PatientPicker, type PickedPatient } from '../PatientPicker';
import { URGENCY_HINTS } from './WaitlistParts';
import { waitlistContract } from '../../../../shared/contract/waitlist';

const URGENCIES: readonly WaitlistUrgency[] = ['urgent', 'soon', 'routine'];
/** Monday to Saturday: the days a clinic may open. */
const BOOKABLE_DAYS = WEEKDAYS.filter((w) => w.day <= 6);
const NOTE_MAX = 500;

interface AddProps {
  open: boolean;
  onClose: () => void;
  onAdded: (entry: WaitlistEntry) => void;
  /** Who is already waiting, to warn before adding someone twice. */
  waiting: readonly WaitlistEntry[];
}

/** Put a patient on the waitlist with what would suit them. */
export function AddToWaitlistDialog({ open, onClose, onAdded, waiting }: AddProps) {
  return (
    <Dialog open={open} title="Add a patient to the waitlist" onClose={onClose} wide>
      {open && <AddForm onClose={onClose} onAdded={onAdded} waiting={waiting} />}
    </Dialog>
  );
}

function AddForm({ onClose, onAdded, waiting }: Omit<AddProps, 'open'>) {
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : '';
  const frame = useLoad(() => (today ? call('schedule.frame', { from: today, to: today }) : new Promise<ScheduleFrame>(() => undefined)), `waitlist-frame-${today}`);
  if (frame.error) return <LoadError error={frame.error} onRetry={frame.reload} title="The appointment types could not be loaded" />;
  if (!frame.data) return <Loading label="Loading appointment types and providers…" />;
  return <AddFields frame={frame.data} onClose={onClose} onAdded={onAdded} waiting={waiting} />;
}

function AddFields({ frame, onClose, onAdded, waiting }: Omit<AddProps, 'open'> & { frame: ScheduleFrame }) {
  const [patient, setPatient] = useState<PickedPatient | null>(null);
  const [typeId, setTypeId] = useState('');
  const [providerIds, setProviderIds] = useState<string[]>([]);
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [timeFrom, setTimeFrom] = useState('08:00');
  const [timeTo, setTimeTo] = useState('17:00');
  const [urgency, setUrgency] = useState<WaitlistUrgency>('routine');
  const [note, setNote] = useState('');
  const form = useFormSubmit();
  const formRef = useRef<HTMLFormElement>(null);

  const types = frame.types.filter((t) => t.active);
  const type = types.find((t) => t.id === typeId);
  // Only providers who may see this type of appointment can be preferred for it.
  const providers = type ? frame.providers.filter((p) => type.providerRoles.includes(p.staffRole)) : frame.providers;
  const already = patient && type ? waiting.find((w) => w.patient.id === patient.id && w.typeId === type.id) : undefined;

  function chooseType(id: string) {
    setTypeId(id);
    const next = types.find((t) => t.id === id);
    if (next) setProviderIds((ids) => ids.filter((pid) => frame.providers.some((p) => p.id === pid && next.providerRoles.includes(p.staffRole))));
  }

  function toggle<T>(list: T[], value: T, on: boolean): T[] {
    return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    // Missing choices are sent as missing, so the contract's own check names them.
    const input = {
      patientId: patient?.id as string,
      typeId: (typeId || undefined) as string,
      providerIds,
      weekdays: [...weekdays].sort((a, b) => a - b),
      timeFrom,
      timeTo,
      urgency,
      note,
    };
    const added = await form.submit(waitlistContract['waitlist.add'].input, input, (i) => call('waitlist.add', i));
    if (added) onAdded(added);
  }

  const patientError = form.errors.patientId ? (patient ? form.errors.patientId : 'Choose the patient who is waiting') : undefined;
  const typeError = form.errors.typeId ? (typeId ? form.errors.typeId : 'Choose what kind of appointment they need') : undefined;
  const providerError = Object.entries(form.errors).find(([path]) => path.startsWith('providerIds'))?.[1];

  return (
    <form ref={formRef} onSubmit={submit} className="stack" noValidate aria-label="Add to the waitlist">
      <PatientPicker
        label="Patient"
        value={patient}
        onChange={(p) => {
          setPatient(p);
          if (p && form.errors.patientId) form.setErrors({ ...form.errors, patientId: '' });
          // The search box goes away once someone is chosen: carry on with the next question rather than lose focus.
          if (p) requestAnimationFrame(() => formRef.current?.querySelector<HTMLSelectElement>('select[name="typeId"]')?.focus());
        }}
        error={patientError}
        autoFocus
      />
      {already && (
        <Alert tone="warning">
          {already.patient.name} is already waiting for a {already.typeName.toLowerCase()} appointment. Add them again only if they need a second, separate visit.
        </Alert>
      )}
      <div className="form-grid waitlist-form-grid">
        <SelectField
          label="Type of appointment"
          name="typeId"
          value={typeId}
          onChange={chooseType}
          options={[{ value: '', label: 'Choose a type' }, ...types.map((t) => ({ value: t.id, label: `${t.name} (${t.durationMinutes} min)` }))]}
          error={typeError}
        />
        <div className="time-pair">
          <TextField label="Earliest time" type="time" value={timeFrom} onChange={setTimeFrom} error={form.errors.timeFrom} step={300} />
          <TextField label="Latest time" type="time" value={timeTo} onChange={setTimeTo} error={form.errors.timeTo} step={300} hint="The appointment must end by then." />
        </div>
      </div>

      <fieldset className="waitlist-fieldset" aria-describedby="waitlist-providers-hint">
        <legend>Preferred providers</legend>
        <p className="field-hint" id="waitlist-providers-hint">
          Check none for any provider{type ? ` who sees ${type.name.toLowerCase()} appointments` : ''}.
        </p>
        {providers.length === 0 ? (
          <p className="muted">No provider can be booked for this type of appointment.</p>
        ) : (
          <div className="waitlist-choices">
            {providers.map((p) => (
              <label key={p.id} className="checkbox waitlist-choice">
                <input type="checkbox" checked={providerIds.includes(p.id)} onChange={(e) => setProviderIds(toggle(providerIds, p.id, e.target.checked))} />
                <span className="swatch" style={{ background: p.colour }} aria-hidden="true" />
                {p.fullName}
              </label>
            ))}
          </div>
        )}
        {providerError && <p className="field-error">{providerError}</p>}
      </fieldset>

      <fieldset className="waitlist-fieldset" aria-describedby="waitlist-days-hint">
        <legend>Days that suit</legend>
        <p className="field-hint" id="waitlist-days-hint">
          Check none for any day.
        </p>
        <div className="waitlist-choices">
          {BOOKABLE_DAYS.map((w) => (
            <label key={w.day} className="checkbox waitlist-choice">
              <input type="checkbox" checked={weekdays.includes(w.day)} onChange={(e) => setWeekdays(toggle(weekdays, w.day, e.target.checked))} aria-label={w.name} />
              {w.short}
            </label>
          ))}
        </div>
        {form.errors.weekdays && <p className="field-error">{form.errors.weekdays}</p>}
      </fieldset>

      <fieldset className="waitlist-fieldset">
        <legend>How urgent</legend>
        <div className="waitlist-urgencies">
          {URGENCIES.map((u) => (
            <label key={u} className={urgency === u ? `waitlist-urgency waitlist-urgency-${u} waitlist-urgency-on` : `waitlist-urgency waitlist-urgency-${u}`}>
              <input type="radio" name="waitlist-urgency" value={u} checked={urgency === u} onChange={() => setUrgency(u)} />
              <span>
                <strong>{URGENCY_LABELS[u]}</strong>
                <span className="small muted">{URGENCY_HINTS[u]}</span>
              </span>
            </label>
          ))}
        </div>
        {form.errors.urgency && <p className="field-error">{form.errors.urgency}</p>}
      </fieldset>

      <FieldFrame label="Note" hint="Anything that helps when a time frees up: “can come at short notice”, “call her mobile after 3”." error={form.errors.note}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={NOTE_MAX} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </FieldFrame>

      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Add to waitlist
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
