import 'temporal-polyfill/global';
import { Temporal } from 'temporal-polyfill';
import { RRuleTemporal } from 'rrule-temporal';
import { MAX_SERIES } from './appointments';
import { isoWeekday, addDays, type WallTime } from './time';

/**
 * Recurring series as RFC 5545 RRULEs: every N days or weeks (on chosen
 * weekdays), monthly on a date or on the nth weekday, ending after a count or
 * on a date. Occurrences keep the wall-clock time across DST changes.
 */

export interface RepeatRule {
  /** `workdays`: each day the clinic is open, closure days skipped. */
  freq: 'daily' | 'weekly' | 'monthly' | 'workdays';
  interval: number;
  /** ISO weekdays, for weekly series. */
  weekdays?: number[] | undefined;
  /** Monthly: on the same date, or on the same nth weekday (e.g. the 2nd Tuesday; -1 for the last). */
  monthlyBy?: 'date' | 'weekday' | undefined;
  count?: number | undefined;
  /** Last date, inclusive. */
  until?: string | undefined;
}

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const compact = (wall: WallTime) => `${wall.slice(0, 4)}${wall.slice(5, 7)}${wall.slice(8, 10)}T${wall.slice(11, 13)}${wall.slice(14, 16)}00`;

/** The RRULE line for a rule starting at `first` (whose weekday and date the monthly forms use). */
export function toRRule(rule: RepeatRule, first: WallTime, zone: string): string {
  if (rule.freq === 'workdays') throw new RecurrenceError('Each workday depends on the clinic’s days: see workdaySeries');
  const parts = [`FREQ=${rule.freq.toUpperCase()}`];
  if (rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.freq === 'weekly' && rule.weekdays?.length) parts.push(`BYDAY=${[...rule.weekdays].sort().map((d) => DAY_CODES[d - 1]).join(',')}`);
  if (rule.freq === 'monthly') {
    const date = Temporal.PlainDate.from(first.slice(0, 10));
    if (rule.monthlyBy === 'weekday') {
      const nth = Math.ceil(date.day / 7);
      // A 5th weekday is not in every month: it repeats as the last one.
      parts.push(`BYDAY=${nth >= 5 ? -1 : nth}${DAY_CODES[date.dayOfWeek - 1]}`);
    } else parts.push(`BYMONTHDAY=${date.day}`);
  }
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  else if (rule.until) {
    // RFC 5545: with a zoned start, UNTIL is given in UTC: the end of that day in the clinic.
    const end = Temporal.PlainDateTime.from(`${rule.until}T23:59:59`).toZonedDateTime(zone).toInstant().toString();
    parts.push(`UNTIL=${end.slice(0, 19).replace(/[-:]/g, '')}Z`);
  }
  return `RRULE:${parts.join(';')}`;
}

export class RecurrenceError extends Error {}

/**
 * Every occurrence's start, as wall-clock time in the clinic's zone. Refuses a
 * rule that yields none or more than 300.
 */
export function occurrences(rrule: string, first: WallTime, zone: string): WallTime[] {
  let rule: RRuleTemporal;
  try {
    rule = new RRuleTemporal({ rruleString: `DTSTART;TZID=${zone}:${compact(first)}\n${rrule}` });
  } catch (error) {
    throw new RecurrenceError(`The repeat rule is not valid: ${(error as Error).message}`);
  }
  if (!/COUNT=|UNTIL=/.test(rrule)) throw new RecurrenceError('Say when the series ends: after a number of times, or on a date');
  const found: WallTime[] = [];
  const seen = rule.all((_date, index) => index < MAX_SERIES + 1);
  for (const zdt of seen) found.push(zdt.toPlainDateTime().toString().slice(0, 16));
  if (found.length === 0) throw new RecurrenceError('The repeat rule gives no appointments at all');
  if (found.length > MAX_SERIES) throw new RecurrenceError(`The series would have more than ${MAX_SERIES} appointments; end it sooner`);
  return found;
}

/** What "each workday" needs to know about the clinic: the weekdays it opens and its closure days. */
export interface ClinicDays {
  openWeekdays: readonly number[];
  /** Closure dates (`YYYY-MM-DD`) from the first occurrence on. */
  closures: readonly string[];
}

/**
 * "Each workday": every day the clinic opens, from the first start on, closure
 * days skipped, ending after a count (of appointments actually booked, not of
 * days skipped) or on a date. Stored as a weekly RRULE on the open weekdays
 * that ends on the last occurrence, with the closure days as EXDATEs, so
 * `occurrences` gives the same starts back.
 */
export function workdaySeries(rule: RepeatRule, first: WallTime, zone: string, clinic: ClinicDays): { rrule: string; starts: WallTime[] } {
  const open = [...new Set(clinic.openWeekdays)].sort();
  if (open.length === 0) throw new RecurrenceError('The clinic has no opening hours, so it has no workdays');
  if (rule.count === undefined && !rule.until) throw new RecurrenceError('Say when the series ends: after a number of times, or on a date');
  if (rule.until && rule.until < first.slice(0, 10)) throw new RecurrenceError('The series ends before its first appointment');
  const closed = new Set(clinic.closures);
  const time = first.slice(11, 16);
  const starts: WallTime[] = [first];
  const skipped: string[] = [];
  for (let day = addDays(first.slice(0, 10), 1); ; day = addDays(day, 1)) {
    if (rule.count !== undefined ? starts.length >= rule.count : day > rule.until!) break;
    if (!open.includes(isoWeekday(day))) continue;
    if (closed.has(day)) {
      skipped.push(day);
      continue;
    }
    if (starts.length >= MAX_SERIES) throw new RecurrenceError(`The series would have more than ${MAX_SERIES} appointments; end it sooner`);
    starts.push(`${day}T${time}`);
  }
  const last = starts.at(-1)!.slice(0, 10);
  const parts = [`FREQ=WEEKLY`, `BYDAY=${open.map((d) => DAY_CODES[d - 1]).join(',')}`];
  const end = Temporal.PlainDateTime.from(`${last}T23:59:59`).toZonedDateTime(zone).toInstant().toString();
  parts.push(`UNTIL=${end.slice(0, 19).replace(/[-:]/g, '')}Z`);
  const exdates = skipped.filter((d) => d < last).map((d) => compact(`${d}T${time}`));
  const rrule = `RRULE:${parts.join(';')}${exdates.length ? `\nEXDATE;TZID=${zone}:${exdates.join(',')}` : ''}`;
  return { rrule, starts };
}
