import { formatLongDate, formatWallTime, hourInZone } from '../../../shared/domain/format';
import { ROLE_LABELS, roleHas } from '../../../shared/domain/permissions';
import { dateInZone, isoWeekday } from '../../../shared/domain/time';
import { useSession } from '../../app/session-store';
import { Loading } from '../../ui/Feedback';
import { ConcernsCard } from '../patients/concerns/ConcernsCard';
import { BackupCard } from './BackupCard';
import { BookingRisksCard } from './BookingRisksCard';
import { ScheduleCards } from './ScheduleCards';
import { StaffCards } from './StaffCards';

function greeting(hour: number): string {
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** The dashboard; later sections add their cards here. */
export function TodayPage() {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  if (!me || !clinic) return <Loading label="Loading today…" />;
  const now = new Date();
  const weekday = isoWeekday(dateInZone(now, clinic.timeZone));
  const hours = clinic.openingHours.find((h) => h.weekday === weekday);
  const firstName = me.user.fullName.split(' ')[0] ?? me.user.fullName;
  return (
    <div className="stack">
      <section className="today-hero" aria-labelledby="today-title">
        <p className="today-date">{formatLongDate(now, clinic.timeZone, clinic.dateOrder)}</p>
        <h2 id="today-title">
          {greeting(hourInZone(now, clinic.timeZone))}, {firstName}
        </h2>
        <p className="muted">
          {clinic.name} · signed in as {me.user.fullName} ({ROLE_LABELS[me.user.role]})
        </p>
      </section>
      <div className="card-grid">
        {roleHas(me.user.role, 'schedule.manage') && <BookingRisksCard />}
        <ScheduleCards />
        <section className="card" aria-labelledby="hours-today">
          <h3 id="hours-today">Opening hours today</h3>
          {hours?.opens && hours.closes ? (
            <p className="big-figure">
              {formatWallTime(hours.opens, clinic.dateOrder)} – {formatWallTime(hours.closes, clinic.dateOrder)}
            </p>
          ) : (
            <p className="big-figure">Closed today</p>
          )}
          <p className="muted small">Time zone {clinic.timeZone.replaceAll('_', ' ')}</p>
        </section>
        {roleHas(me.user.role, 'backups.manage') && <BackupCard />}
        <ConcernsCard />
        <StaffCards today={dateInZone(now, clinic.timeZone)} />
      </div>
    </div>
  );
}
