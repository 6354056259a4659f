import { Temporal } from 'temporal-polyfill';

/**
 * Clinic wall-clock time: `YYYY-MM-DDTHH:MM` in the clinic's zone, kept as the
 * clock on the wall across DST changes. Ordering and overlap work on the text
 * itself; durations that pay or rest depend on use the zone's real offsets.
 */
export type WallTime = string;
export type CalendarDate = string;

const DAY_MS = 86_400_000;

/** Minutes since 1970-01-01T00:00 on a clock that never changes (the wall as if UTC). */
export function wallMinutes(wall: WallTime): number {
  return Date.UTC(+wall.slice(0, 4), +wall.slice(5, 7) - 1, +wall.slice(8, 10), +wall.slice(11, 13), +wall.slice(14, 16)) / 60_000;
}

export function wallFromMinutes(minutes: number): WallTime {
  return new Date(minutes * 60_000).toISOString().slice(0, 16);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The Monday of the ISO week holding `date`. */
export function mondayOf(date: CalendarDate): CalendarDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, weekday === 0 ? -6 : 1 - weekday);
}

/** Every date from `from` to `to`, both included. */
export function datesFrom(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function addMonths(date: CalendarDate, months: number): CalendarDate {
  return Temporal.PlainDate.from(date).add({ months }).toString();
}

const offsetMemo = new Map<string, number>();

/** The zone's UTC offset in minutes at a wall-clock time (the earlier one when the clock repeats). */
export function offsetAt(wall: WallTime, zone: string): number {
  const key = `${zone}|${wall}`;
  let offset = offsetMemo.get(key);
  if (offset === undefined) {
    const zoned = Temporal.PlainDateTime.from(wall).toZonedDateTime(zone, { disambiguation: 'compatible' });
    offset = zoned.offsetNanoseconds / 60e9;
    if (offsetMemo.size > 50_000) offsetMemo.clear();
    offsetMemo.set(key, offset);
  }
  return offset;
}

/** Real minutes between two wall-clock times in a zone: a night across the spring DST change is an hour shorter. */
export function elapsedMinutes(start: WallTime, end: WallTime, zone: string): number {
  return wallMinutes(end) - wallMinutes(start) - (offsetAt(end, zone) - offsetAt(start, zone));
}

/** Do [aStart, aEnd) and [bStart, bEnd) share any time? */
export function overlaps(aStart: WallTime, aEnd: WallTime, bStart: WallTime, bEnd: WallTime): boolean {
  return aStart < bEnd && bStart < aEnd;
}

export function datePart(wall: WallTime): CalendarDate {
  return wall.slice(0, 10);
}

export function timePart(wall: WallTime): string {
  return wall.slice(11, 16);
}
