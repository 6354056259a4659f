import { call } from '../../../app/api';
import { useLoad } from '../../../app/useLoad';
import { LoadError } from '../../../ui/Feedback';
import { BookingRiskList } from './BookingRisks';

/** On a person's page: the appointments they will not be able to keep, when there are any. */
export function PersonRisks({ staffId, refreshKey }: { staffId: string; refreshKey: string }) {
  const { data, error, reload } = useLoad(() => call('bookingRisks.list', { staffId }), `${staffId}|${refreshKey}`);
  if (error) return <LoadError error={error} onRetry={reload} title="The appointments to reschedule could not be loaded" />;
  if (!data || data.length === 0) return null;
  return (
    <section className="card stack risk-card" aria-labelledby="person-risks-title">
      <div>
        <h2 id="person-risks-title">Appointments to reschedule</h2>
        <p className="muted">Booked appointments this person will not be able to keep.</p>
      </div>
      <BookingRiskList risks={data} showStaff={false} />
    </section>
  );
}
