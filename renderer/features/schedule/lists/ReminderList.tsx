import { ChevronLeft, ChevronRight, Printer } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ReminderListRow } from '../../../../shared/contract/reminders';
import { REMINDER_OUTCOME_LABELS, type ReminderOutcome } from '../../../../shared/domain/reminders';
import { formatInstant, formatLongDate, formatWallTime } from '../../../../shared/domain/format';
import { addDays, timePart } from '../../../../shared/domain/time';
import { call, subscribe } from '../../../app/api';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Badge, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';
import type { SheetContext } from './DaySheet';
import { isDate } from './dates';
import { printPart } from './print';
import { RecordCallDialog } from './RecordCallDialog';
import { callTime } from './reminder-calls';

/** A phone number as a tel: link (digits and a leading +), so a softphone or mobile can dial it. */
const telHref = (phone: string) => `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;

const OUTCOME_TONE: Record<ReminderOutcome, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = { called: 'neutral', left_message: 'info', confirmed: 'good', wrong_number: 'bad' };

/** The reminder call list: who to ring about their appointment on a day, each call's outcome kept with who made it and when. */
export function ReminderList({ initialDate, today, context }: { initialDate: string; today: string; context: Omit<SheetContext, 'date' | 'dateLabel'> }) {
  const [date, setDate] = useState(initialDate);
  const [draft, setDraft] = useState(initialDate);
  const choose = (value: string) => {
    setDraft(value);
    if (isDate(value)) setDate(value);
  };
  const { data, error, loading, reload } = useLoad(() => call('appointments.reminders', { date }), date);
  const [calling, setCalling] = useState<ReminderListRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const returnFocus = useRef<string | null>(null);
  const rows = data ? [...data].sort((a, b) => a.start.localeCompare(b.start) || a.patientName.localeCompare(b.patientName)) : null;
  const done = rows?.filter((r) => r.calls.length > 0).length ?? 0;
  const confirmed = rows?.filter((r) => r.calls[0]?.outcome === 'confirmed').length ?? 0;
  const dateLabel = formatLongDate(new Date(`${date}T12:00:00Z`), 'UTC', context.order);
  const relative = date === addDays(today, 1) ? 'tomorrow' : date === today ? 'today' : null;

  // Other windows record calls too; the list follows.
  useEffect(() => subscribe('data.changed', (payload) => payload.domains.includes('appointments') && reload()), [reload]);
  // After a call is saved, the focus goes back to that row's button once the list has reloaded.
  useEffect(() => {
    if (!returnFocus.current || !data) return;
    document.querySelector<HTMLElement>(`[data-call-for="${returnFocus.current}"]`)?.focus();
    returnFocus.current = null;
  }, [data]);

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
            {rows && rows.length > 0 && ` · ${rows.length} to call${done > 0 ? `, ${done} called` : ''}${confirmed > 0 ? `, ${confirmed} confirmed` : ''}`}
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
      <p className="reminder-notice lists-controls" role="status">
        {notice}
      </p>
      {rows && rows.length === 0 && <EmptyState title="Nobody to call">No booked or confirmed appointments on {dateLabel}.</EmptyState>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="table lists-table reminder-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Patient and phone</th>
                <th scope="col">With</th>
                <th scope="col">Last call</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const last = r.calls[0];
                return (
                  <tr key={r.appointmentId} className={last ? `reminder-called reminder-${last.outcome}` : undefined}>
                    <td className="nowrap">{formatWallTime(timePart(r.start), context.order)}</td>
                    <td>
                      <strong>{r.patientName}</strong>
                      <div className="nowrap">{r.phone ? <a href={telHref(r.phone)}>{r.phone}</a> : <span className="muted">No phone on file</span>}</div>
                      {r.status === 'confirmed' && <div className="muted small">Appointment confirmed</div>}
                    </td>
                    <td>
                      {r.providerName}
                      <div className="muted small">{r.typeName}</div>
                    </td>
                    <td>
                      <div className="reminder-last">
                        {last ? (
                          <div>
                            <Badge tone={OUTCOME_TONE[last.outcome]}>{REMINDER_OUTCOME_LABELS[last.outcome]}</Badge>
                            <div className="muted small">
                              {last.calledBy}, {callTime(last, context.zone, context.order, today)}
                              {r.calls.length > 1 && ` · ${r.calls.length} calls`}
                            </div>
                            {last.note && <div className="small reminder-note">{last.note}</div>}
                          </div>
                        ) : (
                          <span className="muted small">Not called yet</span>
                        )}
                        <Button className="reminder-record lists-controls" data-call-for={r.appointmentId} onClick={() => setCalling(r)} aria-label={`${last ? 'Call again' : 'Record call'}: ${r.patientName}`}>
                          {last ? 'Call again' : 'Record call'}
                        </Button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <RecordCallDialog
        row={calling}
        zone={context.zone}
        order={context.order}
        onClose={() => setCalling(null)}
        onRecorded={(row, result) => {
          returnFocus.current = row.appointmentId;
          setCalling(null);
          setNotice(`Saved: ${REMINDER_OUTCOME_LABELS[result.call.outcome].toLowerCase()}, ${row.patientName}${result.call.outcome === 'confirmed' ? ' — the appointment is confirmed' : ''}.`);
          reload();
        }}
      />
    </section>
  );
}
