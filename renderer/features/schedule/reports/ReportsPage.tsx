import { BarChart3 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { appointmentsContract } from '../../../../shared/contract/appointments';
import { formatLongDate } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { openingRange } from '../../../../shared/domain/report-period';
import { dateInZone, addDays, addMonths } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';
import { MonthlyRates, UtilisationTable, WeeklyCounts } from './ReportTables';
import './reports.css';

interface Range {
  from: string;
  to: string;
}

/** Quick ranges a manager asks for most; each at most the 366 days the report allows. */
function presets(today: string): Array<{ label: string; range: Range }> {
  const monthStart = `${today.slice(0, 8)}01`;
  const lastMonthStart = addMonths(monthStart, -1);
  return [
    { label: 'Last 3 months', range: { from: addDays(addMonths(today, -3), 1), to: today } },
    { label: 'This month', range: { from: monthStart, to: addDays(addMonths(monthStart, 1), -1) } },
    { label: 'Last month', range: { from: lastMonthStart, to: addDays(monthStart, -1) } },
    { label: 'Last 12 months', range: { from: addDays(addMonths(today, -12), 1), to: today } },
  ];
}

/** Schedule reports for the office manager: appointments per week, no-shows and late cancels, utilisation. */
export function ReportsPage() {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const allowed = me ? roleHas(me.user.role, 'schedule.reports') : false;
  const span = useLoad(() => (allowed ? call('scheduleReports.get', {}) : Promise.resolve(null)), `report-span|${allowed}`);

  if (!me) return null;
  if (!allowed) {
    return (
      <Alert tone="info" title="Reports are for the office manager">
        Ask the office manager if you need figures about the schedule.
      </Alert>
    );
  }
  const today = dateInZone(new Date(), clinic?.timeZone ?? 'UTC');
  if (span.loading && !span.data) return <Loading label="Counting appointments…" />;
  // Without the span (it could not be read), the last 3 months.
  return <Reports today={today} opening={openingRange(today, span.data)} />;
}

function Reports({ today, opening }: { today: string; opening: Range }) {
  const clinic = useSession((s) => s.clinic);
  const quick = presets(today);
  const [range, setRange] = useState<Range>(opening);
  const [draft, setDraft] = useState<Range>(range);
  const form = useFormSubmit();
  const report = useLoad(() => call('appointments.report', range), `${range.from}|${range.to}`);
  const settings = useLoad(() => call('scheduleSettings.get', {}), 'settings');
  const order = clinic?.dateOrder ?? 'MDY';
  const long = (d: string) => formatLongDate(new Date(`${d}T12:00:00Z`), 'UTC', order);

  async function show(e: FormEvent) {
    e.preventDefault();
    const ok = await form.submit(appointmentsContract['appointments.report'].input, draft, async (input) => input);
    if (!ok) return;
    if (ok.from === range.from && ok.to === range.to) report.reload();
    else setRange(ok);
  }

  function choose(preset: Range) {
    form.reset();
    setDraft(preset);
    setRange(preset);
  }

  const data = report.data;
  const nothing = data && data.perWeek.length === 0 && data.perMonth.length === 0;

  return (
    <div className="stack reports-page">
      <form className="card reports-range" onSubmit={(e) => void show(e)} noValidate aria-label="Report period">
        <div className="reports-range-fields">
          <TextField label="From" type="date" value={draft.from} onChange={(from) => setDraft((d) => ({ ...d, from }))} error={form.errors.from} required />
          <TextField label="To" type="date" value={draft.to} onChange={(to) => setDraft((d) => ({ ...d, to }))} error={form.errors.to} hint="At most a year" required />
          <Button type="submit" variant="primary" busy={report.loading && Boolean(data)}>
            Show report
          </Button>
        </div>
        <div className="reports-presets" role="group" aria-label="Quick periods">
          {quick.map((p) => (
            <Button key={p.label} variant="ghost" onClick={() => choose(p.range)} aria-pressed={p.range.from === range.from && p.range.to === range.to}>
              {p.label}
            </Button>
          ))}
        </div>
        {form.message && <p className="field-error">{form.message}</p>}
      </form>

      <p className="reports-period">
        <BarChart3 size={18} aria-hidden="true" /> {long(range.from)} to {long(range.to)}
        {range === opening && !quick.some((p) => p.range.from === opening.from && p.range.to === opening.to) && <span className="muted small"> · the latest period with appointments</span>}
      </p>
      <LoadError error={report.error} onRetry={report.reload} title="The report could not be made" />
      {!data && report.loading && <Loading label="Counting appointments…" />}
      {nothing && (
        <div className="card">
          <EmptyState title="No appointments in this period">
            Nothing was booked between {long(range.from)} and {long(range.to)}. Choose another period above.
          </EmptyState>
        </div>
      )}
      {data && !nothing && (
        <>
          <WeeklyCounts report={data} order={order} />
          <MonthlyRates report={data} order={order} lateCancelHours={settings.data?.lateCancelHours ?? null} today={today} />
          <UtilisationTable report={data} />
        </>
      )}
    </div>
  );
}
