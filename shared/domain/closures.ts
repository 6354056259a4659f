import { formatDayShort } from './format';
import type { DateOrder } from '../contract/clinic';
import { isoWeekday, addDays } from './time';

/**
 * Closure days: whole days the clinic is shut (holidays, a move, a snow day).
 * US federal holidays are offered as a starting list (5 U.S.C. 6103), with the
 * weekday a weekend holiday is observed on.
 */

export interface ClosureDay {
  date: string;
  /** What the day is, e.g. "Christmas Day"; may be empty. */
  label: string;
}

export type FederalHolidayKey =
  | 'new_year'
  | 'mlk'
  | 'washington'
  | 'memorial'
  | 'juneteenth'
  | 'independence'
  | 'labor'
  | 'columbus'
  | 'veterans'
  | 'thanksgiving'
  | 'christmas';

export interface HolidaySuggestion extends ClosureDay {
  key: FederalHolidayKey;
  /** The weekday a Saturday or Sunday holiday is observed on (Friday before, Monday after). */
  observed: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The nth (1-based) ISO weekday of a month, or the last one when n is -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = ymd(year, month, 1);
    const shift = (weekday - isoWeekday(first) + 7) % 7;
    return addDays(first, shift + (n - 1) * 7);
  }
  const last = addDays(month === 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1), -1);
  return addDays(last, -((isoWeekday(last) - weekday + 7) % 7));
}

function holidaysOf(year: number): Array<{ key: FederalHolidayKey; date: string; label: string; fixed: boolean }> {
  return [
    { key: 'new_year', date: ymd(year, 1, 1), label: 'New Year’s Day', fixed: true },
    { key: 'mlk', date: nthWeekday(year, 1, 1, 3), label: 'Birthday of Martin Luther King, Jr.', fixed: false },
    { key: 'washington', date: nthWeekday(year, 2, 1, 3), label: 'Washington’s Birthday (Presidents Day)', fixed: false },
    { key: 'memorial', date: nthWeekday(year, 5, 1, -1), label: 'Memorial Day', fixed: false },
    { key: 'juneteenth', date: ymd(year, 6, 19), label: 'Juneteenth National Independence Day', fixed: true },
    { key: 'independence', date: ymd(year, 7, 4), label: 'Independence Day', fixed: true },
    { key: 'labor', date: nthWeekday(year, 9, 1, 1), label: 'Labor Day', fixed: false },
    { key: 'columbus', date: nthWeekday(year, 10, 1, 2), label: 'Columbus Day', fixed: false },
    { key: 'veterans', date: ymd(year, 11, 11), label: 'Veterans Day', fixed: true },
    { key: 'thanksgiving', date: nthWeekday(year, 11, 4, 4), label: 'Thanksgiving Day', fixed: false },
    { key: 'christmas', date: ymd(year, 12, 25), label: 'Christmas Day', fixed: true },
  ];
}

/**
 * The US federal holidays falling in a year, in date order, each on its own date
 * and, when that is a Saturday or Sunday, also on the weekday it is observed
 * (New Year's Day on a Saturday is observed on December 31 of the year before).
 */
export function usFederalHolidays(year: number): HolidaySuggestion[] {
  const out: HolidaySuggestion[] = [];
  for (const h of [...holidaysOf(year), ...holidaysOf(year + 1).filter((x) => x.key === 'new_year')]) {
    out.push({ key: h.key, date: h.date, label: h.label, observed: false });
    const weekday = isoWeekday(h.date);
    if (h.fixed && weekday >= 6) out.push({ key: h.key, date: addDays(h.date, weekday === 6 ? -1 : 1), label: `${h.label} (observed)`, observed: true });
  }
  return out.filter((h) => h.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
}

/** "The clinic is closed on Fri, Dec 25: Christmas Day": the reason a booking on a closure day is refused. */
export function closedMessage(closure: ClosureDay, order: DateOrder): string {
  return `The clinic is closed on ${formatDayShort(closure.date, order)}${closure.label ? `: ${closure.label}` : ''}`;
}
