import type { BookingRisk } from '../../../../shared/contract/booking-risks';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatDate } from '../../../../shared/domain/format';
import { CREDENTIAL_LABELS, TIME_OFF_LABELS } from '../../../../shared/domain/staff';
import { describeTimeOff } from '../timeoff/describe';

/** "12/05" (or the clinic's order without the year): dates in a warning line. */
export function monthDay(date: string, order: DateOrder): string {
  const full = formatDate(date, order);
  return order === 'YMD' ? full.slice(5) : full.slice(0, 5);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What makes the person unbookable: "DEA registration expires 12/05", "Last day 12/12", "Vacation 12/09/2026 – 12/10/2026". */
export function riskCause(risk: BookingRisk, order: DateOrder): string {
  const c = risk.cause;
  if (c.kind === 'credential') {
    const label = CREDENTIAL_LABELS[c.credential];
    if (c.state === 'missing') return `${label} missing`;
    return `${label} ${c.state === 'expired' ? 'expired' : 'expires'} ${monthDay(c.expiresOn!, order)}`;
  }
  if (c.kind === 'left') return `Last day ${monthDay(c.endDate, order)}`;
  return `${TIME_OFF_LABELS[c.timeOffKind]} ${describeTimeOff(c, order)}`;
}

/** "48 appointments booked after that date" and the like. */
export function riskCount(risk: BookingRisk): string {
  const n = plural(risk.appointments, 'appointment');
  const c = risk.cause;
  if (c.kind === 'timeOff') return `${n} booked during it`;
  if (c.kind === 'credential' && c.state !== 'expires') return `${n} still booked`;
  return `${n} booked after that date`;
}

/** The whole warning: "DEA registration expires 12/05 · 48 appointments booked after that date". */
export function riskLine(risk: BookingRisk, order: DateOrder): string {
  return `${riskCause(risk, order)} · ${riskCount(risk)}`;
}

export { plural };
