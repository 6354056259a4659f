import { useEffect, useState } from 'react';
import { formatLongDate, formatWallTime, hourInZone } from '../../../shared/domain/format';
import { ROLE_LABELS, roleHas } from '../../../shared/domain/permissions';
import { dateInZone, isoWeekday } from '../../../shared/domain/time';
import { useSession } from '../../app/session-store';
import { Loading } from '../../ui/Feedback';
import { ConcernsCard } from '../patients/concerns/ConcernsCard';
import { BackupCard } from './BackupCard';
import { BookingRisksCard } from './BookingRisksCard';
import { NextFreeSlotsCard, NoShowRateCard, TodayAppointmentsCard, useTodaySchedule, WaitingRoomCard } from './ScheduleCards';
import { CredentialsCard, EquipmentOverdueCard, EvaluationsOverdueCard, UnderCoveredCard, WorkingTodayCard } from './StaffCards';

/** By the clinic's clock (its time zone), not the computer's. */
export function greeting(hour: number): string {
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** The time, moved on every minute: Today stays open all day (the greeting and the date follow). */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * The dashboard: first what needs someone to act (patients waiting, a failed
 * backup, concerns, credentials, coverage, overdue evaluations and service),
 * then the day at a glance. Every card keeps its place and its size while it
 * loads, so nothing moves under the pointer; later sections add their cards here.
 */
export function TodayPage() {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const now = useMinute();
  const schedule = useTodaySchedule();
  if (!me || !clinic) return <Loading label="Loading today…" />;
  const today = dateInZone(now, clinic.timeZone);
  const hours = clinic.openingHours.find((h) => h.weekday === isoWeekday(today));
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
      <h2 className="today-group-title" id="today-action">
        Needs attention
      </h2>
      <div className="card-grid" role="group" aria-labelledby="today-action">
        {schedule && <WaitingRoomCard load={schedule} />}
        {roleHas(me.user.role, 'schedule.manage') && <BookingRisksCard />}
        {roleHas(me.user.role, 'backups.manage') && <BackupCard />}
        <ConcernsCard />
        <CredentialsCard today={today} />
        <UnderCoveredCard today={today} />
        <EvaluationsOverdueCard today={today} />
        <EquipmentOverdueCard today={today} />
      </div>
      <h2 className="today-group-title" id="today-glance">
        The day at a glance
      </h2>
      <div className="card-grid" role="group" aria-labelledby="today-glance">
        {schedule && <TodayAppointmentsCard load={schedule} />}
        {schedule && <NextFreeSlotsCard load={schedule} />}
        <WorkingTodayCard today={today} />
        <section className="card today-card" aria-labelledby="hours-today">
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
        {schedule && <NoShowRateCard load={schedule} />}
      </div>
    </div>
  );
}
