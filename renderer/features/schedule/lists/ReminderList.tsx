import { ChevronLeft, ChevronRight, Printer } from 'lucide-react';
import { useState } from 'react';
import { formatInstant, formatLongDate, formatWallTime } from '../../../../shared/domain/format';
import { addDays, timePart } from '../../../../shared/domain/wallclock';
import { call } from '../../../app/api';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';
import type { SheetContext } from './DaySheet';
import { isDate } from './dates';
import { printPart } from './print';

/** A phone number as a tel: link (digits and a leading +), so a softphone or mobile can dial it. */
const telHref = (phone: string) => `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;

/** The reminder call list: who to ring about their appointment on a day, ticked off as the calls are made. */
export function ReminderList({ initialDate, today, context }: { initialDate: string; today: string; context: Omit<SheetContext, 'date' | 'dateLabel'> }) {
  const [date, setDate] = useState(initialDate);
  const [draft, setDraft] = useState(initialDate);
  const choose = (value: string) => {
    setDraft(value);
    if (isDate(value)) setDate(value);
  };
  const { data, error, loading, reload } = useLoad(() => call('appointments.reminders', { date }), date);
  // Kept only while the page is open: the list is a worksheet, not a record.
  const [called, setCalled] = useState<ReadonlySet<string>>(new Set());
  const rows = data ? [...data].sort((a, b) => a.start.localeCompare(b.start) || a.patientName.localeCompare(b.patientName)) : null;
  const done = rows?.filter((r) => called.has(r.appointmentId)).length ?? 0;
  const dateLabel = formatLongDate(new Date(`${date}T12:00:00Z`), 'UTC', context.order);
  const relative = date === addDays(today, 1) ? 'tomorrow' : date === today ? 'today' : null;

  function toggle(id: string) {
    setCalled((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <section className="card lists-reminders" aria-labelledby="reminders-title" tabIndex={-1}>
      <div className="lists-print-head lists-print-only">
        <strong>{context.clinicName}</strong>
        <span>Printed {formatInstant(context.printedAt.toISOString(), context.zone, context.order)}</span>
      </div>
      <div className="section-header">
        <div>
          <h2 id="reminders-title">Reminder calls</h2>
          <p className="muted">
            Patients booked for {dateLabel}
            {relative && ` (${relative})`}
            {rows && rows.length > 0 && ` · ${rows.length} to call${done > 0 ? `, ${done} called` : ''}`}
          </p>
        </div>
        <Button icon={<Printer size={16} aria-hidden="true" />} onClick={() => printPart('reminders')} disabled={!rows || rows.length === 0} className="lists-controls">
          Print list
        </Button>
      </div>
      <div className="lists-reminder-date lists-controls">
        <Button icon={<ChevronLeft size={16} aria-hidden="true" />} onClick={() => choose(addDays(date, -1))} aria-label="Calls for the day before" />
        <TextField label="Calls for" type="date" value={draft} onChange={choose} required error={isDate(draft) ? undefined : 'Enter a date'} />
        <Button icon={<ChevronRight size={16} aria-hidden="true" />} onClick={() => choose(addDays(date, 1))} aria-label="Calls for the day after" />
      </div>
      <LoadError error={error} onRetry={reload} title="The call list could not be loaded" />
      {!data && loading && <Loading label="Loading the call list…" />}
      {rows && rows.length === 0 && <EmptyState title="Nobody to call">No booked or confirmed appointments on {dateLabel}.</EmptyState>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="table lists-table">
            <thead>
              <tr>
                <th scope="col">Called</th>
                <th scope="col">Time</th>
                <th scope="col">Patient</th>
                <th scope="col">Phone</th>
                <th scope="col">Provider</th>
                <th scope="col">Type</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.appointmentId} className={called.has(r.appointmentId) ? 'lists-called' : undefined}>
                  <td>
                    <input type="checkbox" checked={called.has(r.appointmentId)} onChange={() => toggle(r.appointmentId)} aria-label={`Called ${r.patientName}`} />
                  </td>
                  <td className="nowrap">{formatWallTime(timePart(r.start), context.order)}</td>
                  <td>
                    <strong>{r.patientName}</strong>
                    {r.status === 'confirmed' && <div className="muted small">Already confirmed</div>}
                  </td>
                  <td className="nowrap">{r.phone ? <a href={telHref(r.phone)}>{r.phone}</a> : <span className="muted">No phone on file</span>}</td>
                  <td className="nowrap">{r.providerName}</td>
                  <td>{r.typeName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
