import { useState, type FormEvent } from 'react';
import type { ReminderCall, ReminderListRow } from '../../../../shared/contract/reminders';
import { remindersContract } from '../../../../shared/contract/reminders';
import type { DateOrder } from '../../../../shared/contract/clinic';
import type { AppointmentStatus } from '../../../../shared/domain/appointments';
import { formatWallTime } from '../../../../shared/domain/format';
import { REMINDER_OUTCOME_LABELS, REMINDER_OUTCOMES, type ReminderOutcome } from '../../../../shared/domain/reminders';
import { timePart } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';
import { describeCall } from './reminder-calls';

const EXPLAINED: Record<ReminderOutcome, string> = {
  called: 'No answer, and no message left. Try again later.',
  left_message: 'On voicemail or with someone at home.',
  confirmed: 'The patient said they will come: the appointment becomes confirmed.',
  wrong_number: 'The phone on file needs checking on the patient’s record.',
};

interface RecordCallProps {
  row: ReminderListRow | null;
  zone: string;
  order: DateOrder;
  onClose: () => void;
  onRecorded: (row: ReminderListRow, result: { call: ReminderCall; status: AppointmentStatus }) => void;
}

/** What came of a reminder call: one choice (and a note), kept with who and when. */
export function RecordCallDialog({ row, zone, order, onClose, onRecorded }: RecordCallProps) {
  return (
    <Dialog open={row !== null} title={row ? `Call to ${row.patientName}` : 'Reminder call'} onClose={onClose}>
      {row && <RecordCallForm key={row.appointmentId} row={row} zone={zone} order={order} onClose={onClose} onRecorded={onRecorded} />}
    </Dialog>
  );
}

function RecordCallForm({ row, zone, order, onClose, onRecorded }: Omit<RecordCallProps, 'row'> & { row: ReminderListRow }) {
  const [outcome, setOutcome] = useState<ReminderOutcome | null>(null);
  const [note, setNote] = useState('');
  const form = useFormSubmit();
  const [missing, setMissing] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!outcome) {
      setMissing(true);
      return;
    }
    const result = await form.submit(remindersContract['reminders.record'].input, { appointmentId: row.appointmentId, outcome, note }, (input) => call('reminders.record', input));
    if (result) onRecorded(row, result);
  }

  return (
    <form className="stack" onSubmit={(e) => void save(e)} noValidate>
      <p className="reminder-call-about">
        {formatWallTime(timePart(row.start), order)} with {row.providerName}, {row.typeName}
        {row.phone ? <> · <a href={`tel:${row.phone.replace(/[^\d+]/g, '')}`}>{row.phone}</a></> : ' · no phone on file'}
      </p>
      <fieldset className="reminder-outcomes" aria-describedby={missing ? 'reminder-outcome-error' : undefined}>
        <legend>What came of the call?</legend>
        {REMINDER_OUTCOMES.map((o) => (
          <label key={o} className="reminder-outcome">
            <input
              type="radio"
              name="reminder-outcome"
              value={o}
              checked={outcome === o}
              onChange={() => {
                setOutcome(o);
                setMissing(false);
              }}
            />
            <span>
              <strong>{REMINDER_OUTCOME_LABELS[o]}</strong>
              <span className="muted small">{o === 'confirmed' && row.status === 'confirmed' ? 'Already confirmed; the call is noted.' : EXPLAINED[o]}</span>
            </span>
          </label>
        ))}
        {missing && (
          <p className="field-error" id="reminder-outcome-error" role="alert">
            Choose what came of the call
          </p>
        )}
      </fieldset>
      <TextField label="Note (optional)" value={note} onChange={setNote} maxLength={300} error={form.errors.note} placeholder="e.g. Asked to call back after 3 PM" />
      {row.calls.length > 0 && (
        <div>
          <h3 className="reminder-history-title">Earlier calls</h3>
          <ul className="reminder-history">
            {row.calls.map((c) => (
              <li key={c.id}>{describeCall(c, zone, order)}</li>
            ))}
          </ul>
        </div>
      )}
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Save call
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
