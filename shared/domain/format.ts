import type { DateOrder } from '../contract/types';

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
