import type { Appointment } from '../../../../shared/contract/appointments';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { localeFor } from '../../../../shared/domain/format';
import { WEEKDAYS, addDays, mondayOf } from '../../../../shared/domain/time';

interface MonthViewProps {
  month: string;
  today: string;
  order: DateOrder;
  appointments: readonly Appointment[];
  closedWeekdays: readonly number[];
  /** Closure days (holidays) by date, with their labels. */
  closures?: ReadonlyMap<string, string> | undefined;
  onDay: (date: string) => void;
}

/** A month at a glance: appointments per day (and the no-shows), a click opens the day. */
export function MonthView({ month, today, order, appointments, closedWeekdays, closures, onDay }: MonthViewProps) {
  const first = `${month}-01`;
  const start = mondayOf(first);
  const counts = new Map<string, { total: number; noShow: number }>();
  for (const a of appointments) {
    const day = a.start.slice(0, 10);
    const c = counts.get(day) ?? { total: 0, noShow: 0 };
    c.total++;
    if (a.status === 'no_show') c.noShow++;
    counts.set(day, c);
  }
  const weeks: string[][] = [];
  for (let week = start; week.slice(0, 7) <= month; week = addDays(week, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(week, i)));
  const busiest = Math.max(1, ...[...counts.values()].map((c) => c.total));
  const title = new Intl.DateTimeFormat(localeFor(order), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${first}T12:00:00Z`));
  const part = (day: string, option: 'weekday' | 'month') => new Intl.DateTimeFormat(localeFor(order), { [option]: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
  const dayName = (day: string) => `${part(day, 'weekday')}, ${part(day, 'month')}`;
  return (
    <table className="month" aria-label={`Appointments in ${title}`}>
      <thead>
        <tr>
          {WEEKDAYS.map((d) => (
            <th key={d.day} scope="col">
              {d.short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((days) => (
          <tr key={days[0]}>
            {days.map((day, i) => {
              const c = counts.get(day);
              const inMonth = day.startsWith(month);
              const closure = closures?.get(day);
              const closed = closure !== undefined || closedWeekdays.includes(i + 1);
              const closedText = closure ? `Closed: ${closure}` : 'Closed';
              return (
                <td key={day} className={[inMonth ? '' : 'month-other', day === today ? 'month-today' : '', closed ? 'month-closed' : '', closure !== undefined ? 'month-closure' : ''].filter(Boolean).join(' ')}>
                  {/* Named by what it shows, with the rest of the sentence for screen readers only. */}
                  <button type="button" className="month-day" onClick={() => onDay(day)}>
                    <span className="month-date">
                      <span className="sr-only">{`${dayName(day)} `}</span>
                      {Number(day.slice(8, 10))}
                      <span className="sr-only">: </span>
                    </span>
                    {closure !== undefined && (
                      <span className="month-closure-label">
                        {closedText}
                        <span className="sr-only">.</span>
                      </span>
                    )}
                    {c ? (
                      <>
                        <span className="month-count">
                          {c.total}
                          <span className="sr-only">{` appointment${c.total === 1 ? '' : 's'}.`}</span>
                        </span>
                        <span className="month-bar" style={{ width: `${Math.round((c.total / busiest) * 100)}%` }} aria-hidden="true" />
                        {c.noShow > 0 && (
                          <span className="month-noshow">
                            {` ${c.noShow} no-show`}
                            <span className="sr-only">.</span>
                          </span>
                        )}
                      </>
                    ) : (
                      <span className="month-none">
                        {closed && closure === undefined ? 'Closed' : <span className="sr-only">No appointments</span>}
                        <span className="sr-only">.</span>
                      </span>
                    )}
                    <span className="sr-only"> Open the day.</span>
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
