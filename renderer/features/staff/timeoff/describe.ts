import type { TimeOff } from '../../../../shared/contract/timeoff';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatDate, formatWallTime } from '../../../../shared/domain/format';
import { addDays } from '../../../../shared/domain/time';

/** "Mon 03/09/2026 – Fri 03/13/2026" for whole days, "03/09/2026 12:00 PM – 3:00 PM" for part of a day. */
export function describeTimeOff(t: Pick<TimeOff, 'start' | 'end'>, order: DateOrder): string {
  const startDate = t.start.slice(0, 10);
  const endDate = t.end.slice(0, 10);
  const wholeDays = t.start.endsWith('T00:00') && t.end.endsWith('T00:00');
  if (wholeDays) {
    const last = addDays(endDate, -1);
    return last === startDate ? formatDate(startDate, order) : `${formatDate(startDate, order)} – ${formatDate(last, order)}`;
  }
  const from = `${formatDate(startDate, order)} ${formatWallTime(t.start.slice(11), order)}`;
  return startDate === endDate ? `${from} – ${formatWallTime(t.end.slice(11), order)}` : `${from} – ${formatDate(endDate, order)} ${formatWallTime(t.end.slice(11), order)}`;
}
