import { CalendarCheck } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Appointment, OpenSlot } from '../../../../shared/contract/appointments';
import type { WaitlistEntry } from '../../../../shared/contract/waitlist';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatDayShort, formatWallTime } from '../../../../shared/domain/format';
import { dateInZone, addDays, daysBetween, timePart } from '../../../../shared/domain/time';
import { call, messageOf } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Loading, LoadError } from '../../../ui/Feedback';
import { providersLabel, timeWindowLabel, UrgencyBadge, weekdaysLabel } from './WaitlistParts';

/** How far ahead a waitlist search looks. */
export const SEARCH_DAYS = 60;

interface FindSlotProps {
  entry: WaitlistEntry | null;
  onClose: () => void;
  onBooked: (appointment: Appointment, entry: WaitlistEntry) => void;
}

/** The next free times that suit a waiting patient, each bookable with one press. */
export function FindSlotDialog({ entry, onClose, onBooked }: FindSlotProps) {
  return (
    <Dialog open={entry !== null} title={entry ? `Find a slot for ${entry.patient.name}` : 'Find a slot'} onClose={onClose} wide>
      {entry && <FindSlot key={entry.id} entry={entry} onBooked={onBooked} onClose={onClose} />}
    </Dialog>
  );
}

/** A day as "Tue, Mar 3", with "today" or "tomorrow" when it is. */
export function slotDay(date: string, today: string, order: DateOrder): string {
  const gap = daysBetween(today, date);
  const day = formatDayShort(date, order);
  return gap === 0 ? `${day} (today)` : gap === 1 ? `${day} (tomorrow)` : day;
}

function FindSlot({ entry, onBooked, onClose }: { entry: WaitlistEntry; onBooked: FindSlotProps['onBooked']; onClose: () => void }) {
  const clinic = useSession((s) => s.clinic);
  const order = clinic?.dateOrder ?? 'MDY';
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : '';
  const [anyProvider, setAnyProvider] = useState(false);
  const [anyDay, setAnyDay] = useState(false);
  const [anyTime, setAnyTime] = useState(false);
  const [booking, setBooking] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const firstBook = useRef<HTMLButtonElement>(null);
  const focused = useRef(false);

  const providerIds = anyProvider ? [] : entry.providerIds;
  const weekdays = anyDay ? [] : entry.weekdays;
  const search = {
    typeId: entry.typeId,
    from: today,
    to: today ? addDays(today, SEARCH_DAYS) : today,
    days: 10,
    ...(providerIds.length ? { providerIds } : {}),
    ...(weekdays.length ? { weekdays } : {}),
    ...(anyTime ? {} : { timeFrom: entry.timeFrom, timeTo: entry.timeTo }),
  };
  const key = JSON.stringify(search);
  // Each answer carries the search it answers, so a wider search never shows the narrower one's times as its own.
  const loaded = useLoad(() => (today ? call('appointments.findOpenSlots', search).then((found) => ({ key, found })) : new Promise<{ key: string; found: OpenSlot[] }>(() => undefined)), key);
  const slots = { data: loaded.data?.key === key ? loaded.data.found : null, loading: loaded.data?.key !== key && !loaded.error, error: loaded.error, reload: loaded.reload };

  // One Enter books the earliest time: start on its button once the first search is in.
  useEffect(() => {
    if (!focused.current && slots.data && slots.data.length > 0) {
      focused.current = true;
      firstBook.current?.focus();
    }
  }, [slots.data]);

  async function book(slot: OpenSlot) {
    setBooking(slot.start);
    setFailure(null);
    try {
      const appointment = await call('appointments.book', {
        booking: { patientId: entry.patient.id, providerId: slot.providerId, typeId: entry.typeId, roomId: slot.roomId, start: slot.start, reason: '', note: entry.note },
      });
      onBooked(appointment, entry);
    } catch (error) {
      setFailure(messageOf(error));
      slots.reload();
    } finally {
      setBooking(null);
    }
  }

  const narrowed = { provider: entry.providerIds.length > 0, day: entry.weekdays.length > 0, time: entry.timeFrom > '00:00' || entry.timeTo < '23:59' };
  const widened = anyProvider || anyDay || anyTime;
  const canWiden = (narrowed.provider && !anyProvider) || (narrowed.day && !anyDay) || (narrowed.time && !anyTime);

  return (
    <div className="stack">
      <div className="waitlist-find-summary">
        <UrgencyBadge urgency={entry.urgency} />
        <span>
          <strong>{entry.typeName}</strong> with {providersLabel(entry).replace(/^Any provider$/, 'any provider')}, {weekdaysLabel(entry.weekdays).replace(/^Any day$/, 'any day')},{' '}
          {timeWindowLabel(entry.timeFrom, entry.timeTo, order)}
        </span>
      </div>
      {entry.note && (
        <p className="waitlist-find-note">
          <span className="muted">Note:</span> {entry.note}
        </p>
      )}

      {(narrowed.provider || narrowed.day || narrowed.time) && (
        <fieldset className="waitlist-widen">
          <legend>Search wider than their wishes</legend>
          <div className="waitlist-choices">
            {narrowed.provider && (
              <label className="checkbox">
                <input type="checkbox" checked={anyProvider} onChange={(e) => setAnyProvider(e.target.checked)} /> Any provider
              </label>
            )}
            {narrowed.day && (
              <label className="checkbox">
                <input type="checkbox" checked={anyDay} onChange={(e) => setAnyDay(e.target.checked)} /> Any day
              </label>
            )}
            {narrowed.time && (
              <label className="checkbox">
                <input type="checkbox" checked={anyTime} onChange={(e) => setAnyTime(e.target.checked)} /> Any time of day
              </label>
            )}
          </div>
        </fieldset>
      )}

      {failure && <Alert title="That time could not be booked">{failure} The list below has been refreshed; choose another time.</Alert>}
      <LoadError error={slots.error} onRetry={slots.reload} title="Free times could not be searched" />
      {slots.loading && <Loading label="Looking for free times…" />}
      {!slots.loading && slots.data && slots.data.length === 0 && (
        <Alert tone="info" title={`No free time in the next ${SEARCH_DAYS} days`}>
          {canWiden
            ? `Nothing suits these wishes. Try searching wider above (${[narrowed.provider && !anyProvider ? 'any provider' : '', narrowed.day && !anyDay ? 'any day' : '', narrowed.time && !anyTime ? 'any time of day' : ''].filter(Boolean).join(', ')}), or ask the patient whether more days or times would work.`
            : `The calendar is full for ${entry.typeName.toLowerCase()} appointments. ${entry.patient.name} stays on the waitlist; ask them whether other days or times would work.`}
        </Alert>
      )}
      {!slots.loading && slots.data && slots.data.length > 0 && (
        <>
          <p className="muted waitlist-find-hint">
            The earliest free time on each of the next days that {widened ? 'match the wider search' : 'suit'}. Booking takes {entry.patient.name} off the waitlist.
          </p>
          <div className="table-wrap">
            <table className="table waitlist-slots">
              <caption className="sr-only">Free times for {entry.patient.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Time</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Room</th>
                  <th scope="col">
                    <span className="sr-only">Book</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {slots.data.map((slot, i) => {
                  const day = slotDay(slot.date, today, order);
                  const time = formatWallTime(timePart(slot.start), order);
                  return (
                    <tr key={`${slot.start}-${slot.providerId}`}>
                      <td className="nowrap">{day}</td>
                      <td className="nowrap">
                        {time} – {formatWallTime(timePart(slot.end), order)}
                      </td>
                      <td>{slot.providerName}</td>
                      <td>{slot.roomName ?? <span className="muted">No room needed</span>}</td>
                      <td className="cell-actions">
                        <Button
                          ref={i === 0 ? firstBook : undefined}
                          variant={i === 0 ? 'primary' : 'secondary'}
                          icon={<CalendarCheck size={16} aria-hidden="true" />}
                          busy={booking === slot.start}
                          disabled={booking !== null}
                          onClick={() => void book(slot)}
                          aria-label={`Book ${day} at ${time} with ${slot.providerName}`}
                        >
                          Book
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="form-actions">
        <Button onClick={onClose}>Close</Button>
      </div>
    </div>
  );
}
