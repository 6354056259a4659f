import { CalendarPlus } from 'lucide-react';
import { useState } from 'react';
import type { Appointment } from '../../../../shared/contract/appointments';
import { STATUS_LABELS, type AppointmentStatus } from '../../../../shared/domain/appointments';
import { formatDate, formatWallTime } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { isoWeekday, WEEKDAYS, datePart, timePart } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Badge, Loading, LoadError } from '../../../ui/Feedback';
import { startBookingFor } from '../../schedule/booking-for';
import type { PickedPatient } from '../../schedule/PatientPicker';

const STATUS_TONES: Record<AppointmentStatus, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  booked: 'neutral',
  confirmed: 'info',
  arrived: 'warn',
  in_room: 'info',
  completed: 'good',
  no_show: 'bad',
  cancelled: 'neutral',
};
/** Past appointments shown before "Show all". */
const RECENT_SHOWN = 5;
const CALENDAR = '/schedule/calendar';

function Status({ a }: { a: Appointment }) {
  if (a.status !== 'cancelled') return <Badge tone={STATUS_TONES[a.status]}>{STATUS_LABELS[a.status]}</Badge>;
  return (
    <span className="badges">
      <Badge tone="neutral">{a.cancelledBy === 'clinic' ? 'Canceled by the clinic' : a.cancelledBy === 'patient' ? 'Canceled by the patient' : STATUS_LABELS.cancelled}</Badge>
      {a.lateCancel && <Badge tone="bad">Late cancel</Badge>}
    </span>
  );
}

/** The appointment in the calendar, its day shown and its dialog open. */
function appointmentPath(a: Appointment): string {
  return `${CALENDAR}/day/${datePart(a.start)}?open=${a.id}`;
}

function AppointmentTable({ rows, caption, past }: { rows: Appointment[]; caption: string; past: boolean }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Time</th>
            <th scope="col">Provider</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => {
            const day = datePart(a.start);
            const weekday = WEEKDAYS.find((w) => w.day === isoWeekday(day))?.short ?? '';
            const opens = appointmentPath(a);
            return (
              <tr
                key={a.id}
                className={past && a.status === 'cancelled' ? 'row-inactive row-opens' : 'row-opens'}
                // The whole row opens it for a mouse; the date is the link for the keyboard and screen readers.
                onClick={(e) => {
                  if (!(e.target instanceof HTMLAnchorElement)) navigate(opens);
                }}
              >
                <td className="nowrap">
                  <a
                    href={`#${opens}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(opens);
                    }}
                  >
                    <span className="muted">{weekday}</span> {formatDate(day, order)}
                  </a>
                </td>
                <td className="nowrap">{formatWallTime(timePart(a.start), order)}</td>
                <td>{a.providerName}</td>
                <td>
                  <span className="person-cell">
                    <span className="swatch" style={{ background: a.colour }} aria-hidden="true" />
                    {a.typeName}
                  </span>
                  {a.reason && <div className="small muted">{a.reason}</div>}
                </td>
                <td>
                  <Status a={a} />
                  {a.status === 'cancelled' && a.cancelReason && <div className="small muted">{a.cancelReason}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The patient record's Appointments section: what is coming, what happened lately, and how often they missed. */
export function PatientAppointments({ patientId, patient, canBook = true }: { patientId: string; patient?: PickedPatient; canBook?: boolean }) {
  const me = useSession((s) => s.me);
  const { data, error, reload } = useLoad(() => call('appointments.forPatient', { patientId }), `patient-appointments-${patientId}`);
  const [allRecent, setAllRecent] = useState(false);
  const mayBook = canBook && (me ? roleHas(me.user.role, 'schedule.manage') : false);
  const recent = data ? (allRecent ? data.recent : data.recent.slice(0, RECENT_SHOWN)) : [];

  return (
    <section className="card stack" aria-labelledby="appointments-title">
      <div className="section-header">
        <h2 id="appointments-title">Appointments</h2>
        {mayBook && (
          <a
            href={`#${CALENDAR}`}
            className="btn btn-secondary"
            onClick={(e) => {
              e.preventDefault();
              // The patient goes with the person to the calendar.
              if (patient) startBookingFor(patient);
              else navigate(CALENDAR);
            }}
          >
            <CalendarPlus size={16} aria-hidden="true" />
            Book an appointment
          </a>
        )}
      </div>
      <LoadError error={error} onRetry={reload} title="The appointments could not be loaded" />
      {!data && !error && <Loading label="Loading appointments…" />}
      {data && (data.noShows > 0 || data.lateCancels > 0) && (
        <p className="badges">
          <Badge tone="bad">No-shows: {data.noShows}</Badge>
          <span aria-hidden="true" className="muted">
            ·
          </span>
          <Badge tone="warn">Late cancellations: {data.lateCancels}</Badge>
        </p>
      )}
      {data && data.upcoming.length === 0 && data.recent.length === 0 && <p className="muted">No appointments yet: nothing booked and nothing in the past.</p>}
      {data && (data.upcoming.length > 0 || data.recent.length > 0) && (
        <>
          <div>
            <h3>Coming up {data.upcoming.length > 0 && <Badge tone="info">{data.upcoming.length}</Badge>}</h3>
            {data.upcoming.length === 0 ? <p className="muted">Nothing booked from now on.</p> : <AppointmentTable rows={data.upcoming} caption="Coming appointments" past={false} />}
          </div>
          <div>
            <h3>Past appointments</h3>
            {data.recent.length === 0 ? (
              <p className="muted">No past appointments.</p>
            ) : (
              <>
                <AppointmentTable rows={recent} caption={`Past appointments, latest first${allRecent ? '' : ` (the last ${recent.length})`}`} past />
                {allRecent && data.recent.length >= 20 && <p className="small muted">Only the last 20 are listed here.</p>}
                {data.recent.length > RECENT_SHOWN && (
                  <div>
                    <button type="button" className="btn btn-ghost" aria-expanded={allRecent} onClick={() => setAllRecent(!allRecent)}>
                      {allRecent ? `Show only the last ${RECENT_SHOWN}` : `Show all ${data.recent.length} past appointments`}
                    </button>
                  </div>
                )}
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}
