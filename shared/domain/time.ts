import { Temporal } from 'temporal-polyfill';
import type { DateOrder } from '../contract/clinic';

/**
 * Clinic time, the one module for it: dates are `YYYY-MM-DD`, times of day
 * `HH:MM`, wall-clock times `YYYY-MM-DDTHH:MM` in the clinic's time zone,
 * instants UTC ISO-8601. Intl and the Temporal polyfill only, so this runs in
 * the main process and in the renderer alike.
 */

export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Building a formatter costs far more than using one (more so under the Temporal polyfill): one per zone, kept. */
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(zone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    wallFormats.set(zone, format);
  }
  return format;
}

/** The calendar date of an instant in a time zone, as `YYYY-MM-DD`. */
export function dateInZone(instant: Date, zone: string): string {
  return wallInZone(instant, zone).slice(0, 10);
}

/** Minutes since midnight of `HH:MM`. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** ISO weekday of a `YYYY-MM-DD` date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export const WEEKDAYS = [
  { day: 1, name: 'Monday', short: 'Mon' },
  { day: 2, name: 'Tuesday', short: 'Tue' },
  { day: 3, name: 'Wednesday', short: 'Wed' },
  { day: 4, name: 'Thursday', short: 'Thu' },
  { day: 5, name: 'Friday', short: 'Fri' },
  { day: 6, name: 'Saturday', short: 'Sat' },
  { day: 7, name: 'Sunday', short: 'Sun' },
] as const;

export const SLOT_SIZES = [5, 10, 15, 20, 30, 60] as const;
export type SlotSize = (typeof SLOT_SIZES)[number];

/** The wall-clock time of an instant in a zone, `YYYY-MM-DDTHH:MM`. */
export function wallInZone(instant: Date, zone: string): string {
  const parts = wallFormat(zone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/**
 * Clinic wall-clock time: `YYYY-MM-DDTHH:MM` in the clinic's zone, kept as the
 * clock on the wall across DST changes. Ordering and overlap work on the text
 * itself; durations that pay or rest depend on use the zone's real offsets.
 */
export type WallTime = string;
export type CalendarDate = string;


const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/** Days since 1970-01-01 of a civil date (proleptic Gregorian). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** Minutes since 1970-01-01T00:00 on a clock that never changes (the wall as if UTC); a bare date is its midnight. Hot: parsed by hand. */
export function wallMinutes(wall: WallTime): number {
  const year = digit(wall, 0) * 1000 + digit(wall, 1) * 100 + digit(wall, 2) * 10 + digit(wall, 3);
  const month = digit(wall, 5) * 10 + digit(wall, 6);
  const day = digit(wall, 8) * 10 + digit(wall, 9);
  const minutes = wall.length >= 16 ? (digit(wall, 11) * 10 + digit(wall, 12)) * 60 + digit(wall, 14) * 10 + digit(wall, 15) : 0;
  return daysFromCivil(year, month, day) * 1440 + minutes;
}

export function wallFromMinutes(minutes: number): WallTime {
  return new Date(minutes * 60_000).toISOString().slice(0, 16);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** The civil date of a day count since 1970-01-01 (inverse of daysFromCivil). */
function civilFromDays(days: number): CalendarDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

const dayNumber = (date: CalendarDate) => Math.floor(wallMinutes(date) / 1440);

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return civilFromDays(dayNumber(date) + days);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The Monday of the ISO week holding `date`. */
export function mondayOf(date: CalendarDate): CalendarDate {
  const days = dayNumber(date);
  // 1970-01-01 was a Thursday: (days + 3) mod 7 counts from Monday.
  return civilFromDays(days - (((days + 3) % 7) + 7) % 7);
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

/**
 * A zone's offset changes between 1990 and 2060, in wall-clock minutes: from
 * `from[i]` on, the offset is `offset[i]`. The wall time where an offset starts
 * is the transition instant plus the larger of the two offsets, which matches
 * Temporal's 'compatible' reading of skipped and repeated wall times.
 */
interface OffsetTable {
  from: number[];
  offset: number[];
  lo: number;
  hi: number;
}
const TABLE_FIRST_YEAR = 1990;
const TABLE_LAST_YEAR = 2060;
const offsetTables = new Map<string, OffsetTable>();

function offsetTable(zone: string): OffsetTable {
  let table = offsetTables.get(zone);
  if (table) return table;
  const start = Temporal.PlainDateTime.from(`${TABLE_FIRST_YEAR}-01-01T00:00`).toZonedDateTime(zone);
  table = { from: [Number.NEGATIVE_INFINITY], offset: [start.offsetNanoseconds / 60e9], lo: wallMinutes(`${TABLE_FIRST_YEAR}-01-02T00:00`), hi: wallMinutes(`${TABLE_LAST_YEAR}-12-30T00:00`) };
  let at: Temporal.ZonedDateTime | null = start;
  while ((at = at.getTimeZoneTransition('next')) && at.year <= TABLE_LAST_YEAR) {
    const before = table.offset[table.offset.length - 1]!;
    const after = at.offsetNanoseconds / 60e9;
    table.from.push(Math.floor(at.epochMilliseconds / 60_000) + Math.max(before, after));
    table.offset.push(after);
  }
  offsetTables.set(zone, table);
  return table;
}

/**
 * The offset that reads a wall-clock time as an instant (wall − offset), as
 * Temporal's 'compatible' does: a skipped time counts from before the jump, a
 * repeated time is the earlier of the two.
 */
export function offsetAt(wall: WallTime, zone: string): number {
  return offsetAtMinutes(wallMinutes(wall), zone);
}

function offsetAtMinutes(minutes: number, zone: string): number {
  const table = offsetTable(zone);
  if (minutes < table.lo || minutes > table.hi) {
    const wall = wallFromMinutes(minutes);
    return Temporal.PlainDateTime.from(wall).toZonedDateTime(zone, { disambiguation: 'compatible' }).offsetNanoseconds / 60e9;
  }
  let low = 0;
  let high = table.from.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (table.from[mid]! <= minutes) low = mid;
    else high = mid - 1;
  }
  return table.offset[low]!;
}

/** Real minutes between two wall-clock times in a zone: a night across the spring DST change is an hour shorter. */
export function elapsedMinutes(start: WallTime, end: WallTime, zone: string): number {
  const a = wallMinutes(start);
  const b = wallMinutes(end);
  return b - a - (offsetAtMinutes(b, zone) - offsetAtMinutes(a, zone));
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

/** Minutes since midnight of a wall-clock time on `date` (may be below 0 or above 1440 for a neighbour day). */
export function minuteOfDay(wall: WallTime, date: string): number {
  return wallMinutes(wall) - wallMinutes(`${date}T00:00`);
}

/** `HH:MM` of a minute of the day. */
export function clockOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The clinic's clock for one call: its zone and date order, today, the wall-clock time now, and the booking slot size. */
export interface ClinicClock {
  zone: string;
  dateOrder: DateOrder;
  today: string;
  /** The clinic's wall-clock time now. */
  now: WallTime;
  slotMinutes: number;
}
