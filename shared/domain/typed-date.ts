import { Temporal } from 'temporal-polyfill';
import type { DateOrder } from '../contract/clinic';
import { formatDate } from './format';

/**
 * Dates as people type them at a front desk: 12/8, 12/8/26, 12/08/2026, in the
 * clinic's order (month first in the US, day first elsewhere, year first in
 * ISO clinics), or 2026-12-08 anywhere. Pure, so the date field, the patient
 * search and the CSV import read a typed date the same way.
 */

/** What kind of date is typed: a day to go to or book (near today), or a date of birth (never in the future). */
export type DateKind = 'day' | 'birth';

export type TypedDate = { ok: true; date: string } | { ok: false; problem: string };

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

/** "MM/DD/YYYY": the pattern the clinic writes a date in, for placeholders and messages. */
export function datePattern(order: DateOrder): string {
  return order === 'MDY' ? 'MM/DD/YYYY' : order === 'DMY' ? 'DD/MM/YYYY' : 'YYYY-MM-DD';
}

/** An example date of birth in the clinic's format: 03/07/1980, 07/03/1980 or 1980-03-07. */
export function exampleBirthDate(order: DateOrder): string {
  return formatDate('1980-03-07', order);
}

function plainDate(year: number, month: number, day: number): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/** The year a two-digit year stands for: the one nearest today for a day, the latest not after today for a birth. */
function fullYear(yy: number, month: number, day: number, today: Temporal.PlainDate, kind: DateKind): number {
  const century = Math.floor(today.year / 100) * 100;
  let year = century + yy;
  if (kind === 'birth') {
    const candidate = plainDate(year, month, day);
    if (candidate && Temporal.PlainDate.compare(candidate, today) > 0) year -= 100;
    return year;
  }
  if (year > today.year + 49) year -= 100;
  else if (year < today.year - 50) year += 100;
  return year;
}

/** A month and day without a year: the one nearest today (on Dec 30, 1/5 is next January's). */
function nearestYear(month: number, day: number, today: Temporal.PlainDate): number {
  let best = today.year;
  let bestDistance = Infinity;
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    const candidate = plainDate(year, month, day);
    if (!candidate) continue;
    const distance = Math.abs(today.until(candidate, { largestUnit: 'days' }).days);
    if (distance < bestDistance) {
      best = year;
      bestDistance = distance;
    }
  }
  return best;
}

const pad = (n: number) => String(n).padStart(2, '0');

interface Parts {
  year: string | null;
  month: string;
  day: string;
}

/** Splits what was typed into year, month and day by the clinic's order; null when it has no date's shape. */
function partsOf(text: string, order: DateOrder): Parts | null {
  // Year first with four digits is unambiguous: 2026-12-08, 2026/12/8, 2026.12.08.
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return { year: m[1]!, month: m[2]!, day: m[3]! };
  // Dots are the day-first habit of most of Europe, whatever the clinic's order: 7.3.1980.
  m = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?$/.exec(text);
  if (m && order !== 'YMD') return { year: m[3] ?? null, month: m[2]!, day: m[1]! };
  m = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{1,4}))?$/.exec(text);
  if (m) {
    if (order === 'YMD' && m[3]?.length !== 4) return m[3] === undefined ? { year: null, month: m[1]!, day: m[2]! } : { year: m[1]!, month: m[2]!, day: m[3] };
    const [first, second, year] = [m[1]!, m[2]!, m[3] ?? null];
    // A year-first clinic reading 03/07/1980 reads it the American way, as Keel always has.
    return order === 'DMY' ? { year, month: second, day: first } : { year, month: first, day: second };
  }
  // Eight digits with no separators, in the clinic's order: 12082026.
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (m && order !== 'YMD') return order === 'DMY' ? { year: m[3]!, month: m[2]!, day: m[1]! } : { year: m[3]!, month: m[1]!, day: m[2]! };
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m && order === 'YMD') return { year: m[1]!, month: m[2]!, day: m[3]! };
  return null;
}

/**
 * Reads a typed date. `today` is the clinic's today (`YYYY-MM-DD`): a missing
 * year and a two-digit year are read against it. Says what is wrong, in the
 * clinic's own format, when the text is not a date.
 */
export function readTypedDate(typed: string, order: DateOrder, today: string, kind: DateKind = 'day'): TypedDate {
  const text = typed.trim().toLowerCase();
  const now = Temporal.PlainDate.from(today);
  const like = kind === 'birth' ? exampleBirthDate(order) : formatDate(today, order);
  const shape = `Enter the date as ${datePattern(order)}, like ${like}`;
  if (kind === 'day') {
    const near: Record<string, number> = { today: 0, tomorrow: 1, yesterday: -1 };
    if (text in near) return { ok: true, date: now.add({ days: near[text]! }).toString() };
  }
  const parts = partsOf(text, order);
  if (!parts) return { ok: false, problem: shape };
  const month = Number(parts.month);
  const day = Number(parts.day);
  if (month < 1 || month > 12) return { ok: false, problem: `There is no month ${month}: ${shape.charAt(0).toLowerCase()}${shape.slice(1)}` };
  let year: number;
  if (parts.year === null) {
    if (kind === 'birth') return { ok: false, problem: `Give the year of birth too, like ${like}` };
    year = nearestYear(month, day, now);
  } else if (parts.year.length === 2) {
    year = fullYear(Number(parts.year), month, day, now, kind);
  } else if (parts.year.length === 4) {
    year = Number(parts.year);
  } else {
    return { ok: false, problem: `Give the year with two or four digits, like ${like}` };
  }
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return { ok: false, problem: `Use a year from ${EARLIEST_YEAR} to ${LATEST_YEAR}, like ${like}` };
  const date = plainDate(year, month, day);
  if (!date) return { ok: false, problem: `${formatDate(`${year}-${pad(month)}-${pad(day)}`, order)} is not a date on the calendar` };
  if (kind === 'birth' && Temporal.PlainDate.compare(date, now) > 0) return { ok: false, problem: 'The date of birth is in the future' };
  return { ok: true, date: date.toString() };
}
