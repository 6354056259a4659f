import { call } from '../../app/api';
import { useLoad } from '../../app/useLoad';
import { Badge, Loading } from '../../ui/Feedback';
import { BookingRiskList } from '../staff/risks/BookingRisks';

/** Today: booked patients whose provider will not be able to see them (credential lapsing, leaving, time off). */
export function BookingRisksCard() {
  const { data, error } = useLoad(() => call('bookingRisks.list', {}), 'booking-risks');
  const total = data?.reduce((n, r) => n + r.appointments, 0) ?? 0;
  return (
    <section className="card today-card risk-card" aria-labelledby="card-booking-risks">
      <h3 id="card-booking-risks">
        Appointments to reschedule {data && data.length > 0 && <Badge tone="bad">{total.toLocaleString('en-US')}</Badge>}
      </h3>
      {error && <p className="field-error">{error}</p>}
      {!data && !error && <Loading label="Loading…" />}
      {data && data.length === 0 && <p className="muted">Every booked patient’s provider can see them: no credential lapses, departures or time off in the way.</p>}
      {data && data.length > 0 && <BookingRiskList risks={data} showStaff />}
    </section>
  );
}
