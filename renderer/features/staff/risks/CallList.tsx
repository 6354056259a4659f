import { Copy, Printer } from 'lucide-react';
import { useRef, useState } from 'react';
import type { AffectedAppointment } from '../../../../shared/contract/booking-risks';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatDate, formatDayShort, formatInstant, formatWallTime } from '../../../../shared/domain/format';
import { STATUS_LABELS } from '../../../../shared/domain/appointments';
import { datePart, timePart } from '../../../../shared/domain/time';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { Button } from '../../../ui/Button';
import { plural } from './risk-text';
import './booking-risks.css';

/** A phone number as a tel: link (digits and a leading +), so a softphone or mobile can dial it. */
const telHref = (phone: string) => `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;

/** The list as plain text, one appointment a line, tab-separated: pastes into a spreadsheet or an e-mail. */
export function callListText(title: string, rows: readonly AffectedAppointment[], order: DateOrder): string {
  const lines = rows.map((a) =>
    [`${formatDate(datePart(a.start), order)} ${formatWallTime(timePart(a.start), order)}`, a.patientName, [a.phone || 'No phone on file', ...a.otherPhones].join(', '), a.providerName, a.typeName].join('\t'),
  );
  return [title, ['When', 'Patient', 'Phone', 'Provider', 'Type'].join('\t'), ...lines].join('\n');
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The desktop window denies clipboard permissions: copy the old way, from a selected text box.
    const box = document.createElement('textarea');
    box.value = text;
    box.setAttribute('readonly', '');
    box.className = 'call-list-copy-box';
    document.body.append(box);
    box.select();
    const done = document.execCommand('copy');
    box.remove();
    return done;
  }
}

/** Prints this list alone (booking-risks.css hides the rest of the page while it prints). */
function printOnly(element: HTMLElement): void {
  const root = document.documentElement;
  element.dataset.printing = '';
  root.dataset.printCallList = '';
  window.addEventListener(
    'afterprint',
    () => {
      delete element.dataset.printing;
      delete root.dataset.printCallList;
    },
    { once: true },
  );
  window.print();
}

/** Patients to call to reschedule: when, who, phone; printable and copyable. */
export function CallList({ title, appointments, compact = false }: { title: string; appointments: readonly AffectedAppointment[]; compact?: boolean }) {
  const clinic = useSession((s) => s.clinic);
  const order = clinic?.dateOrder ?? 'MDY';
  const ref = useRef<HTMLDivElement>(null);
  const [notice, setNotice] = useState('');
  const [printedAt, setPrintedAt] = useState(() => new Date());

  async function copy() {
    const ok = await copyText(callListText(title, appointments, order));
    setNotice(ok ? `Copied ${plural(appointments.length, 'appointment')}: paste them into a spreadsheet or a message.` : 'Copying did not work here; print the list instead.');
  }

  return (
    <div className={compact ? 'call-list call-list-compact' : 'call-list'} ref={ref}>
      <div className="call-list-print-head">
        <strong>{clinic?.name}</strong> · {title} · printed {clinic ? formatInstant(printedAt.toISOString(), clinic.timeZone, order) : ''}
      </div>
      <div className="call-list-actions">
        <Button icon={<Copy size={16} aria-hidden="true" />} onClick={() => void copy()}>
          Copy list
        </Button>
        <Button
          icon={<Printer size={16} aria-hidden="true" />}
          onClick={() => {
            setPrintedAt(new Date());
            if (ref.current) printOnly(ref.current);
          }}
        >
          Print list
        </Button>
        <span className="muted small" role="status">
          {notice}
        </span>
      </div>
      <div className="table-wrap call-list-scroll" tabIndex={0} role="region" aria-label={`${title}: ${plural(appointments.length, 'appointment')}`}>
        <table className="table">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Patient</th>
              <th scope="col">Phone</th>
              <th scope="col">Provider</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {appointments.map((a) => (
              <tr key={a.appointmentId}>
                <td className="nowrap">
                  <a
                    href={`#/schedule/calendar/day/${datePart(a.start)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/schedule/calendar/day/${datePart(a.start)}`);
                    }}
                  >
                    {formatDayShort(datePart(a.start), order)}
                  </a>{' '}
                  {formatWallTime(timePart(a.start), order)}
                </td>
                <td>
                  <strong>{a.patientName}</strong>
                  {a.status !== 'booked' && <div className="muted small">{STATUS_LABELS[a.status]}</div>}
                </td>
                <td className="nowrap">
                  {a.phone ? <a href={telHref(a.phone)}>{a.phone}</a> : <span className="muted">No phone on file</span>}
                  {a.otherPhones.map((p) => (
                    <div key={p} className="muted small">
                      {p}
                    </div>
                  ))}
                </td>
                <td className="nowrap">{a.providerName}</td>
                <td>{a.typeName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
