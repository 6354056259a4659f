import type { ReportSpan } from '../contract/schedule-reports';
import { addDays, addMonths } from './time';

/** A period of whole days, `YYYY-MM-DD` to `YYYY-MM-DD`, both included. */
export interface ReportRange {
  from: string;
  to: string;
}

/**
 * The period the schedule reports open on: the last 3 months, kept to the days
 * that have appointments, so a clinic's first weeks (or a demo's) do not open
 * on a row of zero weeks, one that stopped booking opens on its last months,
 * and one whose appointments are all to come opens on them.
 */
export function openingRange(today: string, span: ReportSpan | null): ReportRange {
  const lastThreeMonths = (to: string): ReportRange => ({ from: addDays(addMonths(to, -3), 1), to });
  if (!span?.first || !span.last) return lastThreeMonths(today);
  if (span.first > today) {
    const ahead = addDays(addMonths(span.first, 3), -1);
    return { from: span.first, to: ahead < span.last ? ahead : span.last };
  }
  const range = lastThreeMonths(span.last < today ? span.last : today);
  return range.from < span.first ? { ...range, from: span.first } : range;
}
