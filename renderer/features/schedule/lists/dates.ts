import type { OpeningHours } from '../../../../shared/contract/clinic';
import { isoWeekday, addDays } from '../../../../shared/domain/time';

/** A real calendar date `YYYY-MM-DD` (a date field is empty while someone is still typing one). */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** The next day after `date` the clinic opens (closure days skipped): on a Friday the calls are for Monday. Tomorrow when no hours are set. */
export function nextOpenDay(date: string, hours: readonly OpeningHours[], closed: ReadonlySet<string> = new Set()): string {
  for (let i = 1; i <= 21; i++) {
    const day = addDays(date, i);
    if (!closed.has(day) && hours.some((h) => h.weekday === isoWeekday(day) && h.opens)) return day;
  }
  return addDays(date, 1);
}
