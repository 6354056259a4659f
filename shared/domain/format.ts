import type { DateOrder } from '../contract/clinic';

/** The locale whose conventions match the clinic's date order. */
export function localeFor(order: DateOrder): string {
  return order === 'DMY' ? 'en-GB' : order === 'YMD' ? 'sv-SE' : 'en-US';
}

/** "Friday, November 27, 2026" (or the clinic's order) for an instant in the clinic's zone. */
export function formatLongDate(instant: Date, zone: string, order: DateOrder): string {
  return new Intl.DateTimeFormat(localeFor(order), { timeZone: zone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(instant);
}

/** A wall-clock `HH:MM` as the clinic reads it: "8:30 AM" in the US, "08:30" elsewhere. */
export function formatWallTime(time: string, order: DateOrder): string {
  const [h, m] = time.split(':').map(Number);
  if (order !== 'MDY') return time;
  const hour = h ?? 0;
  const suffix = hour < 12 ? 'AM' : 'PM';
  return `${hour % 12 === 0 ? 12 : hour % 12}:${String(m ?? 0).padStart(2, '0')} ${suffix}`;
}

/** An instant (UTC ISO) as a short date and time in the clinic's zone. */
export function formatInstant(iso: string, zone: string, order: DateOrder): string {
  return new Intl.DateTimeFormat(localeFor(order), { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The hour of day (0–23) of an instant in a zone, for greetings. */
export function hourInZone(instant: Date, zone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(instant));
}

/** A calendar date `YYYY-MM-DD` the way the clinic writes it: 03/07/1980, 07/03/1980 or 1980-03-07. */
export function formatDate(date: string, order: DateOrder): string {
  const [y, m, d] = date.split('-');
  if (order === 'MDY') return `${m}/${d}/${y}`;
  if (order === 'DMY') return `${d}/${m}/${y}`;
  return date;
}

/** "Mon 2 Mar" / "Mon, Mar 2": a short day label for grids and lists. */
export function formatDayShort(date: string, order: DateOrder): string {
  return new Intl.DateTimeFormat(localeFor(order), { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

/** "Sat 12": the weekday and the day of the month, for a column too narrow for the month. */
export function formatWeekdayAndDay(date: string, order: DateOrder): string {
  const weekday = new Intl.DateTimeFormat(localeFor(order), { timeZone: 'UTC', weekday: 'short' }).format(new Date(`${date}T00:00:00Z`));
  return `${weekday} ${Number(date.slice(8, 10))}`;
}

/** Money in whole cents as dollars: "$1,234.56". */
export function formatCents(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** Minutes as hours: "37.5 h". */
export function formatHoursDecimal(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100;
  return `${hours} h`;
}

/** A wall-clock time as short as it can be for a busy grid: "8a", "4:30p" in the US, "08:00" elsewhere. */
export function formatCompactTime(time: string, order: DateOrder): string {
  if (order !== 'MDY') return time;
  const [h, m] = time.split(':').map(Number);
  const hour = h ?? 0;
  const minutes = m ?? 0;
  return `${hour % 12 === 0 ? 12 : hour % 12}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}${hour < 12 ? 'a' : 'p'}`;
}

/** Whole years between a date of birth and a day. */
export function ageOn(dob: string, today: string): number {
  const [y1, m1, d1] = dob.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = today.split('-').map(Number) as [number, number, number];
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}
