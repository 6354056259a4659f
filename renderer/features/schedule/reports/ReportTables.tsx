import type { ReactNode } from 'react';
import type { ScheduleReport } from '../../../../shared/contract/schedule-reports';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatHoursDecimal, localeFor } from '../../../../shared/domain/format';
import { addDays, mondayOf } from '../../../../shared/domain/time';
import { ScrollRegion } from '../../../ui/ScrollRegion';

/** A share as a percentage with one decimal: 0.0421 → "4.2%". */
const percent = (rate: number, digits = 1) => `${(rate * 100).toFixed(digits)}%`;

function ReportCard({ id, title, caption, children }: { id: string; title: string; caption: ReactNode; children: ReactNode }) {
  return (
    <section className="card reports-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted reports-caption" id={`${id}-caption`}>
        {caption}
      </p>
      <ScrollRegion label={`${title} (scrolls sideways)`}>{children}</ScrollRegion>
    </section>
  );
}

/** Every provider in the report (with working time or appointments), by name. */
function providersOf(report: ScheduleReport): Array<{ id: string; name: string }> {
  const names = new Map<string, string>();
  for (const u of report.utilisation) names.set(u.providerId, u.providerName);
  for (const w of report.perWeek) names.set(w.providerId, w.providerName);
  for (const m of report.perMonth) names.set(m.providerId, m.providerName);
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

export function WeeklyCounts({ report, order }: { report: ScheduleReport; order: DateOrder }) {
  const weeks: string[] = [];
  for (let w = mondayOf(report.from); w <= report.to; w = addDays(w, 7)) weeks.push(w);
  const providers = providersOf(report);
  const counts = new Map(report.perWeek.map((w) => [`${w.providerId}|${w.weekStart}`, w.count]));
  const cell = (providerId: string, week: string) => counts.get(`${providerId}|${week}`) ?? 0;
  const weekTotal = (week: string) => providers.reduce((sum, p) => sum + cell(p.id, week), 0);
  const providerTotal = (providerId: string) => weeks.reduce((sum, w) => sum + cell(providerId, w), 0);
  const short = new Intl.DateTimeFormat(localeFor(order), { timeZone: 'UTC', month: 'short', day: 'numeric' });
  const long = new Intl.DateTimeFormat(localeFor(order), { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  const label = (d: string) => short.format(new Date(`${d}T12:00:00Z`));
  const partial = (week: string) => week < report.from || addDays(week, 6) > report.to;

  return (
    <ReportCard
      id="report-weekly"
      title="Appointments per provider per week"
      caption="Appointments that kept their time (booked, confirmed, arrived, in room or completed), counted in the week of their date. Weeks start on Monday; a week marked * is cut by the start or end of the period."
    >
      <table className="table reports-table reports-weekly" aria-labelledby="report-weekly-title" aria-describedby="report-weekly-caption">
        <thead>
          <tr>
            <th scope="col" className="reports-sticky">
              Provider
            </th>
            {weeks.map((w) => (
              <th scope="col" key={w} className="reports-number">
                <span aria-hidden="true">
                  {label(w)}
                  {partial(w) && '*'}
                </span>
                <span className="sr-only">
                  Week of {long.format(new Date(`${w}T12:00:00Z`))}
                  {partial(w) && ', partly outside the period'}
                </span>
              </th>
            ))}
            <th scope="col" className="reports-number">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.id}>
              <th scope="row" className="reports-sticky">
                {p.name}
              </th>
              {weeks.map((w) => {
                const n = cell(p.id, w);
                return (
                  <td key={w} className={n === 0 ? 'reports-number muted' : 'reports-number'}>
                    {n}
                  </td>
                );
              })}
              <td className="reports-number reports-total">{providerTotal(p.id)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="reports-sticky">
              All providers
            </th>
            {weeks.map((w) => (
              <td key={w} className="reports-number reports-total">
                {weekTotal(w)}
              </td>
            ))}
            <td className="reports-number reports-total">{weeks.reduce((sum, w) => sum + weekTotal(w), 0)}</td>
          </tr>
        </tfoot>
      </table>
    </ReportCard>
  );
}

export function MonthlyRates({ report, order, lateCancelHours, today }: { report: ScheduleReport; order: DateOrder; lateCancelHours: number | null; today: string }) {
  const month = new Intl.DateTimeFormat(localeFor(order), { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const monthLabel = (m: string) => month.format(new Date(`${m}-15T12:00:00Z`));
  const byProvider = new Map<string, ScheduleReport['perMonth']>();
  for (const row of report.perMonth) byProvider.set(row.providerId, [...(byProvider.get(row.providerId) ?? []), row]);
  const groups = [...byProvider.values()].sort((a, b) => a[0]!.providerName.localeCompare(b[0]!.providerName));
  const total = report.perMonth.reduce((t, m) => ({ booked: t.booked + m.booked, noShows: t.noShows + m.noShows, lateCancels: t.lateCancels + m.lateCancels }), { booked: 0, noShows: 0, lateCancels: 0 });
  const rate = (n: number, of: number) => (of ? n / of : 0);
  const notice = lateCancelHours === null ? 'with less notice than the clinic asks for' : `less than ${lateCancelHours} hour${lateCancelHours === 1 ? '' : 's'} ahead`;

  return (
    <ReportCard
      id="report-monthly"
      title="No-shows and late cancellations per provider and month"
      caption={
        <>
          Of all appointments booked for the month (including ones later canceled): the no-show rate is the share the patient missed without telling the clinic, the late-cancel rate the share the patient canceled {notice}.
          {report.to >= today && ' Appointments still to come count as booked, so the current month’s rates can still rise.'}
        </>
      }
    >
      <table className="table reports-table" aria-labelledby="report-monthly-title" aria-describedby="report-monthly-caption">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Month</th>
            <th scope="col" className="reports-number">
              Booked
            </th>
            <th scope="col" className="reports-number">
              No-shows
            </th>
            <th scope="col" className="reports-number">
              No-show rate
            </th>
            <th scope="col" className="reports-number">
              Late cancels
            </th>
            <th scope="col" className="reports-number">
              Late-cancel rate
            </th>
          </tr>
        </thead>
        {groups.map((rows) => (
          <tbody key={rows[0]!.providerId} className="reports-group">
            {rows.map((m, i) => (
              <tr key={m.month}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={rows.length} className="reports-group-name">
                    {m.providerName}
                  </th>
                )}
                <td className="nowrap">{monthLabel(m.month)}</td>
                <td className="reports-number">{m.booked}</td>
                <td className="reports-number">{m.noShows}</td>
                <td className="reports-number reports-rate">{percent(m.noShowRate)}</td>
                <td className="reports-number">{m.lateCancels}</td>
                <td className="reports-number reports-rate">{percent(m.lateCancelRate)}</td>
              </tr>
            ))}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              All providers, whole period
            </th>
            <td className="reports-number reports-total">{total.booked}</td>
            <td className="reports-number reports-total">{total.noShows}</td>
            <td className="reports-number reports-total">{percent(rate(total.noShows, total.booked))}</td>
            <td className="reports-number reports-total">{total.lateCancels}</td>
            <td className="reports-number reports-total">{percent(rate(total.lateCancels, total.booked))}</td>
          </tr>
        </tfoot>
      </table>
    </ReportCard>
  );
}

export function UtilisationTable({ report }: { report: ScheduleReport }) {
  const rows = [...report.utilisation].sort((a, b) => a.providerName.localeCompare(b.providerName));
  return (
    <ReportCard
      id="report-utilisation"
      title="Utilization per provider"
      caption="Booked time (appointments that kept their time) divided by working time (rostered shifts minus approved time off; the clinic’s opening hours for providers without shifts). Over 100% means appointments were booked outside working time."
    >
      {rows.length === 0 ? (
        <p className="muted">No provider had working time in this period.</p>
      ) : (
        <table className="table reports-table" aria-labelledby="report-utilisation-title" aria-describedby="report-utilisation-caption">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col" className="reports-number">
                Booked
              </th>
              <th scope="col" className="reports-number">
                Working time
              </th>
              <th scope="col" className="reports-util-col">
                Utilization
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.providerId}>
                <th scope="row">{u.providerName}</th>
                <td className="reports-number">{formatHoursDecimal(u.bookedMinutes)}</td>
                <td className="reports-number">{u.workingMinutes > 0 ? formatHoursDecimal(u.workingMinutes) : <span className="muted">None</span>}</td>
                <td>
                  {u.workingMinutes > 0 ? (
                    <div className="reports-util">
                      <div className="reports-bar" aria-hidden="true">
                        <div className={u.rate > 1 ? 'reports-bar-fill reports-bar-over' : 'reports-bar-fill'} style={{ width: `${Math.min(u.rate, 1) * 100}%` }} />
                      </div>
                      <span className="reports-rate">{percent(u.rate, 0)}</span>
                    </div>
                  ) : (
                    <span className="muted">No working time in this period</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ReportCard>
  );
}
