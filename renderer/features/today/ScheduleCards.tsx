import { useEffect, useRef, type ReactNode } from 'react';
import type { TodaySchedule } from '../../../shared/contract/appointments';
import { formatDayShort, formatWallTime } from '../../../shared/domain/format';
import { APPOINTMENT_STATUSES, STATUS_LABELS } from '../../../shared/domain/appointments';
import { roleHas } from '../../../shared/domain/permissions';
import { wallInZone, datePart, timePart } from '../../../shared/domain/time';
import { call } from '../../app/api';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session-store';
import { useLoad } from '../../app/useLoad';
import { Button } from '../../ui/Button';
import { Badge } from '../../ui/Feedback';
import { CardSkeleton } from '../../ui/Skeleton';
import './schedule-cards.css';

/** The front desk leaves Today open all day: look again every minute. */
const REFRESH_MS = 60_000;
const WAIT_WARN = 15;
const WAIT_BAD = 30;
const WAITING_SHOWN = 8;
const CALENDAR = '/schedule/calendar';

function Link({ to, children }: { to: string; children: ReactNode }) {
  return (
    <a
      href={`#${to}`}
      className="small"
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** "8 min", "1 h 05 min". */
function waited(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function waitTone(minutes: number): 'bad' | 'warn' | 'neutral' {
  return minutes > WAIT_BAD ? 'bad' : minutes > WAIT_WARN ? 'warn' : 'neutral';
}

function percent(rate: number): string {
  return new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: rate > 0 && rate < 0.1 ? 1 : 0 }).format(rate);
}

/** Today's schedule, looked at again every minute; shared by its cards (one request for all four). */
export interface TodayScheduleLoad {
  data: { today: TodaySchedule; at: string } | null;
  error: string | null;
  reload: () => void;
}

/** Today's schedule for everyone who may see it; null for the others. */
export function useTodaySchedule(): TodayScheduleLoad | null {
  const me = useSession((s) => s.me);
  const zone = useSession((s) => s.clinic?.timeZone ?? 'UTC');
  const may = me ? roleHas(me.user.role, 'schedule.view') : false;
  // The minute-by-minute refresh is not the person at the desk: it must not keep the session from locking.
  const byTimer = useRef(false);
  const { data, error, reload } = useLoad(async () => {
    if (!may) return null;
    const background = byTimer.current;
    byTimer.current = false;
    return { today: await call('appointments.today', {}, { background }), at: wallInZone(new Date(), zone) };
  }, `today-schedule-${may}-${zone}`);
  useEffect(() => {
    if (!may) return;
    const timer = window.setInterval(() => {
      byTimer.current = true;
      reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload, may]);
  return may ? { data, error, reload } : null;
}

/** A schedule card's frame: its title always, then the content, grey bars while loading, or the error with a retry. */
function ScheduleCard({ id, title, badge, load, children }: { id: string; title: string; badge?: ReactNode; load: TodayScheduleLoad; children: (data: NonNullable<TodayScheduleLoad['data']>) => ReactNode }) {
  return (
    <section className="card today-card" aria-labelledby={id}>
      <h3 id={id}>
        {title} {load.data && badge}
      </h3>
      {load.data ? (
        children(load.data)
      ) : load.error ? (
        <>
          <p className="field-error">The schedule could not be loaded: {load.error}</p>
          <div>
            <Button onClick={load.reload}>Try again</Button>
          </div>
        </>
      ) : (
        <CardSkeleton label="Loading today’s schedule…" />
      )}
    </section>
  );
}

export function TodayAppointmentsCard({ load }: { load: TodayScheduleLoad }) {
  return (
    <ScheduleCard id="card-schedule-status" title="Today’s appointments" load={load}>
      {(d) => <StatusCard today={d.today} updatedAt={d.at} refreshError={load.error} />}
    </ScheduleCard>
  );
}

export function WaitingRoomCard({ load }: { load: TodayScheduleLoad }) {
  const waiting = load.data?.today.waiting ?? [];
  const longest = waiting[0]?.waitedMinutes ?? 0;
  return (
    <ScheduleCard id="card-schedule-waiting" title="Waiting room" load={load} badge={waiting.length > 0 && <Badge tone={waitTone(longest) === 'neutral' ? 'info' : waitTone(longest)}>{waiting.length}</Badge>}>
      {(d) => <WaitingCard today={d.today} />}
    </ScheduleCard>
  );
}

export function NextFreeSlotsCard({ load }: { load: TodayScheduleLoad }) {
  return (
    <ScheduleCard id="card-schedule-free" title="Next free slots" load={load}>
      {(d) => <FreeSlotsCard today={d.today} />}
    </ScheduleCard>
  );
}

export function NoShowRateCard({ load }: { load: TodayScheduleLoad }) {
  return (
    <ScheduleCard id="card-schedule-noshow" title="No-show rate this month" load={load}>
      {(d) => <NoShowCard rate={d.today.noShowRateThisMonth} />}
    </ScheduleCard>
  );
}

function StatusCard({ today, updatedAt, refreshError }: { today: TodaySchedule; updatedAt: string; refreshError: string | null }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const all = APPOINTMENT_STATUSES.reduce((sum, s) => sum + today.byStatus[s], 0);
  const booked = all - today.byStatus.cancelled;
  return (
    <>
      <p className="schedule-total">
        <span className="big-figure">{booked}</span>{' '}
        <span className="muted">{booked === 1 ? 'appointment' : 'appointments'}</span>
      </p>
      {all === 0 ? (
        <p className="muted">Nothing is booked for today.</p>
      ) : (
        <ul className="schedule-status-list" aria-label="Appointments by status">
          {APPOINTMENT_STATUSES.map((status) => {
            const count = today.byStatus[status];
            return (
              <li key={status} className={count === 0 ? 'schedule-status-zero' : undefined}>
                <span className={`schedule-dot schedule-dot-${status}`} aria-hidden="true" />
                <span>{STATUS_LABELS[status]}</span>
                <strong className="schedule-count">{count}</strong>
              </li>
            );
          })}
        </ul>
      )}
      {refreshError && <p className="field-error small">Could not refresh: {refreshError}</p>}
      <div className="schedule-card-foot">
        <Link to={CALENDAR}>Open the calendar</Link>
        <span className="muted small">Updated {formatWallTime(timePart(updatedAt), order)}</span>
      </div>
    </>
  );
}

function WaitingCard({ today }: { today: TodaySchedule }) {
  const me = useSession((s) => s.me);
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const canOpen = me ? roleHas(me.user.role, 'patients.view') : false;
  const waiting = today.waiting;
  return (
    <>
      {waiting.length === 0 ? (
        <p className="muted">Nobody is waiting.</p>
      ) : (
        <ul className="today-list schedule-waiting" aria-label="Patients waiting, longest first">
          {waiting.slice(0, WAITING_SHOWN).map(({ appointment: a, waitedMinutes }) => {
            const tone = waitTone(waitedMinutes);
            return (
              <li key={a.id} className={`schedule-wait schedule-wait-${tone}`}>
                <div className="schedule-wait-who">
                  {canOpen ? (
                    <a
                      href={`#/patients/record/${a.patient.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/patients/record/${a.patient.id}`);
                      }}
                    >
                      {a.patient.name}
                    </a>
                  ) : (
                    <strong>{a.patient.name}</strong>
                  )}
                  <div className="small muted">
                    {formatWallTime(timePart(a.start), order)} · {a.typeName} · {a.providerName}
                  </div>
                </div>
                <Badge tone={tone}>
                  {waited(waitedMinutes)}
                  {tone !== 'neutral' && <span className="sr-only">, over {tone === 'bad' ? WAIT_BAD : WAIT_WARN} minutes</span>}
                </Badge>
              </li>
            );
          })}
        </ul>
      )}
      {waiting.length > WAITING_SHOWN && <p className="small muted">and {waiting.length - WAITING_SHOWN} more</p>}
      <p className="small muted schedule-note">Minutes since they arrived. Amber after {WAIT_WARN} minutes, red after {WAIT_BAD}.</p>
    </>
  );
}

function FreeSlotsCard({ today }: { today: TodaySchedule }) {
  const me = useSession((s) => s.me);
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const canBook = me ? roleHas(me.user.role, 'schedule.manage') : false;
  const slots = today.nextFree.slice().sort((a, b) => a.start.localeCompare(b.start) || a.providerName.localeCompare(b.providerName));
  return (
    <>
      {slots.length === 0 ? (
        <p className="muted">No free time left today.</p>
      ) : (
        <ul className="today-list" aria-label="Next free slot for each provider">
          {slots.map((s) => (
            <li key={s.providerId} className="schedule-slot">
              <strong className="schedule-slot-time">
                {datePart(s.start) !== today.date && <>{formatDayShort(datePart(s.start), order)} </>}
                {formatWallTime(timePart(s.start), order)}
              </strong>
              <span>{s.providerName}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="small muted schedule-note">The first free time today for a short appointment, for each provider.</p>
      <Link to={CALENDAR}>{canBook ? 'Book in the calendar' : 'Open the calendar'}</Link>
    </>
  );
}

function NoShowCard({ rate }: { rate: number }) {
  const me = useSession((s) => s.me);
  const canReport = me ? roleHas(me.user.role, 'schedule.reports') : false;
  return (
    <>
      <p className="big-figure">{percent(rate)}</p>
      <p className="small muted schedule-note">Of this month’s appointments so far, the share where the patient did not come. Cancellations are not counted.</p>
      {canReport && <Link to="/schedule/reports">See the schedule reports</Link>}
    </>
  );
}
