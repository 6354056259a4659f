import { Search } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { Appointment, OpenSlot } from '../../../../shared/contract/appointments';
import type { ScheduleFrame } from '../../../../shared/contract/schedule';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatDayShort, formatWallTime } from '../../../../shared/domain/format';
import { WEEKDAYS, addDays } from '../../../../shared/domain/time';
import { ApiFailure, call, messageOf } from '../../../app/api';
import { Button } from '../../../ui/Button';
import { DateField } from '../../../ui/DateField';
import { Dialog } from '../../../ui/Dialog';
import { Alert, EmptyState } from '../../../ui/Feedback';
import { SelectField, TextField } from '../../../ui/Field';
import { PatientPicker, type PickedPatient } from '../PatientPicker';
import type { BookingDraft } from './BookingDialog';

interface NextSlotDialogProps {
  frame: ScheduleFrame;
  order: DateOrder;
  today: string;
  onClose: () => void;
  /** Book straight away (a patient was chosen) … */
  onBooked: (a: Appointment) => void;
  /** … or open the booking form on the slot. */
  onChoose: (draft: BookingDraft) => void;
}

/**
 * "When is the next free …?": for a type, any or some providers, days of the
 * week and a time of day, the first free slot on each of the next days (up to
 * ten), honouring hours, shifts, time off, bookings and rooms. One click books it.
 */
export function NextSlotDialog({ frame, order, today, onClose, onBooked, onChoose }: NextSlotDialogProps) {
  const [patient, setPatient] = useState<PickedPatient | null>(null);
  const [typeId, setTypeId] = useState(frame.types[0]?.id ?? '');
  const [providerIds, setProviderIds] = useState<string[]>([]);
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 59));
  const [timeFrom, setTimeFrom] = useState('');
  const [timeTo, setTimeTo] = useState('');
  const [slots, setSlots] = useState<OpenSlot[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [booking, setBooking] = useState<string | null>(null);
  const type = frame.types.find((t) => t.id === typeId);
  const providers = frame.providers.filter((p) => !type || type.providerRoles.includes(p.staffRole));

  async function search(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setMessage(null);
    setErrors({});
    try {
      setSlots(
        await call('appointments.findOpenSlots', {
          typeId,
          from,
          to,
          ...(providerIds.length ? { providerIds } : {}),
          ...(weekdays.length ? { weekdays } : {}),
          ...(timeFrom ? { timeFrom } : {}),
          ...(timeTo ? { timeTo } : {}),
        }),
      );
    } catch (e) {
      if (e instanceof ApiFailure) setErrors(Object.fromEntries(e.issues.map((i) => [i.path, i.message])));
      setMessage(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function book(slot: OpenSlot) {
    if (!patient) {
      onChoose({ providerId: slot.providerId, roomId: slot.roomId, typeId, date: slot.date, start: slot.start.slice(11), end: null });
      return;
    }
    setBooking(slot.start + slot.providerId);
    setMessage(null);
    try {
      onBooked(await call('appointments.book', { booking: { patientId: patient.id, providerId: slot.providerId, typeId, roomId: slot.roomId, start: slot.start, reason: '', note: '' } }));
    } catch (e) {
      setMessage(messageOf(e));
      void search();
    } finally {
      setBooking(null);
    }
  }

  const toggle = (list: string[] | number[], value: string | number, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value));

  return (
    <Dialog open title="Find the next open slot" onClose={onClose} wide>
      <form className="stack" onSubmit={(e) => void search(e)}>
        {message && <Alert>{message}</Alert>}
        <PatientPicker label="Patient (optional: choose them to book in one click)" value={patient} onChange={setPatient} />
        <div className="form-grid">
          <SelectField label="Type" value={typeId} onChange={setTypeId} options={frame.types.map((t) => ({ value: t.id, label: `${t.name} (${t.durationMinutes} min)` }))} error={errors.typeId} />
          <div className="time-pair">
            <DateField label="From" value={from} onChange={setFrom} error={errors.from} />
            <DateField label="To" value={to} onChange={setTo} error={errors.to} min={from} />
          </div>
          <fieldset className="check-list">
            <legend>Providers (none checked: anyone)</legend>
            {providers.map((p) => (
              <label key={p.id}>
                <input type="checkbox" checked={providerIds.includes(p.id)} onChange={(e) => setProviderIds(toggle(providerIds, p.id, e.target.checked) as string[])} /> {p.fullName}
              </label>
            ))}
          </fieldset>
          <div className="stack">
            <fieldset className="weekday-picks">
              <legend>Days (none checked: any day)</legend>
              {WEEKDAYS.slice(0, 6).map((d) => (
                <label key={d.day}>
                  <input type="checkbox" checked={weekdays.includes(d.day)} onChange={(e) => setWeekdays(toggle(weekdays, d.day, e.target.checked) as number[])} /> {d.short}
                </label>
              ))}
            </fieldset>
            <div className="time-pair">
              <TextField label="Not before" type="time" step={300} value={timeFrom} onChange={setTimeFrom} error={errors.timeFrom} />
              <TextField label="Not after" type="time" step={300} value={timeTo} onChange={setTimeTo} error={errors.timeTo} />
            </div>
          </div>
        </div>
        <div className="row">
          <Button variant="primary" type="submit" busy={busy} icon={<Search size={16} aria-hidden="true" />}>
            Find slots
          </Button>
        </div>
      </form>
      {slots && slots.length === 0 && (
        <EmptyState title="No open slot in that range">Try more days of the week, a wider time of day, another provider, or a later end date.</EmptyState>
      )}
      {slots && slots.length > 0 && (
        <ul className="slot-list" aria-label="Open slots">
          {slots.map((slot) => (
            <li key={slot.start + slot.providerId}>
              <span className="slot-when">
                <strong>{formatDayShort(slot.date, order)}</strong> {formatWallTime(slot.start.slice(11), order)}
              </span>
              <span>{slot.providerName}</span>
              <span className="muted">{slot.roomName ?? 'No room needed'}</span>
              <Button variant={patient ? 'primary' : 'secondary'} busy={booking === slot.start + slot.providerId} onClick={() => void book(slot)}>
                {patient ? `Book for ${patient.name}` : 'Book…'}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
