import type { CoverageGap, CoverageRule } from '../contract/coverage';
import type { CredentialFlag } from '../contract/credentials';
import type { RosterWarning } from '../contract/roster';
import type { DateOrder } from '../contract/clinic';
import { formatWallTime } from './format';
import { CREDENTIAL_LABELS, MIN_REST_MINUTES, OVERTIME_WEEK_MINUTES, TIME_OFF_LABELS, type CredentialKind, type StaffRole, type TimeOffKind } from './staff';
import { isoWeekday, addDays, datePart, elapsedMinutes, mondayOf, overlaps, timePart, wallMinutes, type CalendarDate, type WallTime } from './time';

/** The rules of the roster, pure: warnings, coverage, hours, cost and availability. */

export interface ShiftLike {
  id: string;
  staffId: string;
  start: WallTime;
  end: WallTime;
  breakMinutes: number;
  /** Already worked out (see paidMinutes), when the caller has it. */
  paidMinutes?: number;
}

export interface TimeOffLike {
  staffId: string;
  kind: TimeOffKind | string;
  start: WallTime;
  end: WallTime;
}

export interface RosterPersonLike {
  id: string;
  fullName: string;
  staffRole: StaffRole;
  contractedMinutes: number;
}

/** What a person holds of their required credentials, to tell whether they are flagged on a given day. */
export interface CredentialStanding {
  missing: CredentialKind[];
  /** Required kinds with the current credential's expiry (null: never expires). */
  expiries: Array<{ kind: CredentialKind; expiresOn: CalendarDate | null }>;
}

export function flagOn(standing: CredentialStanding | undefined, date: CalendarDate): CredentialFlag | null {
  if (!standing) return null;
  const expired = standing.expiries.filter((e) => e.expiresOn !== null && e.expiresOn < date).map((e) => e.kind);
  return standing.missing.length > 0 || expired.length > 0 ? { missing: standing.missing, expired } : null;
}

export function describeFlag(flag: CredentialFlag): string {
  const parts = [...flag.missing.map((k) => `${CREDENTIAL_LABELS[k]} missing`), ...flag.expired.map((k) => `${CREDENTIAL_LABELS[k]} expired`)];
  return parts.join(', ');
}

/** Minutes actually worked (DST-aware) less the unpaid break. */
export function paidMinutes(shift: Pick<ShiftLike, 'start' | 'end' | 'breakMinutes' | 'paidMinutes'>, zone: string): number {
  return shift.paidMinutes ?? Math.max(0, elapsedMinutes(shift.start, shift.end, zone) - shift.breakMinutes);
}

export function formatHours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function when(wall: WallTime, order: DateOrder): string {
  return `${WEEKDAY_SHORT[isoWeekday(datePart(wall)) - 1]} ${formatWallTime(timePart(wall), order)}`;
}

function span(start: WallTime, end: WallTime, order: DateOrder): string {
  return `${when(start, order)}–${datePart(start) === datePart(end) ? formatWallTime(timePart(end), order) : when(end, order)}`;
}

export interface WarningInput {
  weekStart: CalendarDate;
  people: ReadonlyArray<RosterPersonLike>;
  /** Shifts of the week, plus the day before and after (for rest across the week's edges). */
  shifts: ReadonlyArray<ShiftLike>;
  approvedTimeOff: ReadonlyArray<TimeOffLike>;
  standings: ReadonlyMap<string, CredentialStanding>;
  zone: string;
  dateOrder: DateOrder;
}

/** Every warning of a week, each with its reason, for shifts starting in that week. */
export function rosterWarnings(input: WarningInput): RosterWarning[] {
  const { weekStart, zone, dateOrder } = input;
  const first = `${weekStart}T00:00`;
  const after = `${addDays(weekStart, 7)}T00:00`;
  const inWeek = (s: ShiftLike) => s.start >= first && s.start < after;
  const byPerson = new Map<string, ShiftLike[]>();
  for (const shift of input.shifts) {
    const list = byPerson.get(shift.staffId) ?? [];
    list.push(shift);
    byPerson.set(shift.staffId, list);
  }
  const timeOffByPerson = new Map<string, TimeOffLike[]>();
  for (const t of input.approvedTimeOff) timeOffByPerson.set(t.staffId, [...(timeOffByPerson.get(t.staffId) ?? []), t]);

  const warnings: RosterWarning[] = [];
  for (const person of input.people) {
    const shifts = (byPerson.get(person.id) ?? []).slice().sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let weekPaid = 0;
    for (let i = 0; i < shifts.length; i++) {
      const shift = shifts[i]!;
      if (!inWeek(shift)) continue;
      weekPaid += paidMinutes(shift, zone);
      for (let j = 0; j < shifts.length; j++) {
        const other = shifts[j]!;
        if (j !== i && overlaps(shift.start, shift.end, other.start, other.end)) {
          warnings.push({ kind: 'overlap', staffId: person.id, shiftId: shift.id, message: `Overlaps ${person.fullName}’s shift ${span(other.start, other.end, dateOrder)}` });
          break;
        }
      }
      for (const off of timeOffByPerson.get(person.id) ?? []) {
        if (overlaps(shift.start, shift.end, off.start, off.end)) {
          const label = TIME_OFF_LABELS[off.kind as TimeOffKind] ?? 'Time off';
          warnings.push({ kind: 'time_off', staffId: person.id, shiftId: shift.id, message: `During approved time off (${label.toLowerCase()}, ${span(off.start, off.end, dateOrder)})` });
          break;
        }
      }
      // Rest is between working days: the gap in a split shift on one day is not rest.
      const previous = [...shifts.slice(0, i)].reverse().find((p) => p.end <= shift.start && datePart(p.start) < datePart(shift.start));
      if (previous) {
        const rest = elapsedMinutes(previous.end, shift.start, zone);
        if (rest < MIN_REST_MINUTES) {
          warnings.push({ kind: 'rest', staffId: person.id, shiftId: shift.id, message: `Only ${formatHours(rest)} of rest after the shift ending ${when(previous.end, dateOrder)} (at least 8 h)` });
        }
      }
      const flag = flagOn(input.standings.get(person.id), datePart(shift.start));
      if (flag) warnings.push({ kind: 'flagged', staffId: person.id, shiftId: shift.id, message: `Rostered while flagged: ${describeFlag(flag)}` });
    }
    if (weekPaid > OVERTIME_WEEK_MINUTES) {
      warnings.push({ kind: 'overtime', staffId: person.id, message: `${person.fullName}: ${formatHours(weekPaid)} this week, ${formatHours(weekPaid - OVERTIME_WEEK_MINUTES)} over 40 h (overtime)` });
    }
    if (person.contractedMinutes > 0 && weekPaid > person.contractedMinutes) {
      warnings.push({ kind: 'contracted', staffId: person.id, message: `${person.fullName}: ${formatHours(weekPaid)} this week, above the contracted ${formatHours(person.contractedMinutes)}` });
    }
  }
  return warnings;
}

/** Under-covered blocks: for each rule's window on each of its weekdays, the stretches where a role has fewer people than required. */
export function coverageGaps(input: {
  days: ReadonlyArray<CalendarDate>;
  rules: ReadonlyArray<CoverageRule>;
  roleOf: ReadonlyMap<string, StaffRole>;
  shifts: ReadonlyArray<ShiftLike>;
  approvedTimeOff: ReadonlyArray<TimeOffLike>;
  /** The clinic's hours: a rule is checked only while the clinic is open (none given: all of the rule's window). */
  openingHours?: ReadonlyArray<{ weekday: number; opens: string | null; closes: string | null }>;
}): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  for (const day of input.days) {
    const weekday = isoWeekday(day);
    const hours = input.openingHours?.find((h) => h.weekday === weekday);
    for (const rule of input.rules) {
      if (!rule.active || !rule.weekdays.includes(weekday)) continue;
      let start = rule.startTime;
      let end = rule.endTime;
      if (input.openingHours) {
        if (!hours?.opens || !hours.closes) continue;
        if (hours.opens > start) start = hours.opens;
        if (hours.closes < end) end = hours.closes;
        if (end <= start) continue;
      }
      const from: WallTime = `${day}T${start}`;
      const to: WallTime = `${day}T${end}`;
      const shifts = input.shifts.filter((s) => overlaps(s.start, s.end, from, to));
      const offs = input.approvedTimeOff.filter((t) => overlaps(t.start, t.end, from, to));
      const cuts = new Set<WallTime>([from, to]);
      for (const x of [...shifts, ...offs]) {
        if (x.start > from && x.start < to) cuts.add(x.start);
        if (x.end > from && x.end < to) cuts.add(x.end);
      }
      const points = [...cuts].sort();
      for (const requirement of rule.requirements) {
        let open: CoverageGap | null = null;
        for (let i = 0; i + 1 < points.length; i++) {
          const a = points[i]!;
          const b = points[i + 1]!;
          const present = new Set<string>();
          for (const s of shifts) {
            if (input.roleOf.get(s.staffId) !== requirement.staffRole || s.start > a || s.end < b) continue;
            if (offs.some((t) => t.staffId === s.staffId && overlaps(t.start, t.end, a, b))) continue;
            present.add(s.staffId);
          }
          const actual = present.size;
          if (actual < requirement.min) {
            if (open && open.actual === actual && open.to === timePart(a)) open.to = timePart(b);
            else {
              open = { ruleName: rule.name, date: day, from: timePart(a), to: timePart(b), staffRole: requirement.staffRole, required: requirement.min, actual };
              gaps.push(open);
            }
          } else open = null;
        }
      }
    }
  }
  return gaps;
}

export interface PayLike {
  payType: 'hourly' | 'salary' | string;
  payRateCents: number;
  startDate: CalendarDate;
  endDate: CalendarDate | null;
}

/** Labour cost of a person over [from, to]: hourly rate × paid hours, or the salary pro rata by day (1/365 a day). */
export function labourCostCents(pay: PayLike, paidMinutesInRange: number, from: CalendarDate, to: CalendarDate): number {
  if (pay.payType === 'hourly') return Math.round((pay.payRateCents * paidMinutesInRange) / 60);
  const first = pay.startDate > from ? pay.startDate : from;
  const last = pay.endDate !== null && pay.endDate < to ? pay.endDate : to;
  if (last < first) return 0;
  const days = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
  return Math.round((pay.payRateCents * days) / 365);
}

/** Overtime of one person's shifts: paid minutes above 40 h in each ISO week (by the day each shift starts). */
export function overtimeMinutes(shifts: ReadonlyArray<ShiftLike>, zone: string): number {
  const weeks = new Map<string, number>();
  for (const s of shifts) {
    const week = mondayOf(datePart(s.start));
    weeks.set(week, (weeks.get(week) ?? 0) + paidMinutes(s, zone));
  }
  let over = 0;
  for (const minutes of weeks.values()) over += Math.max(0, minutes - OVERTIME_WEEK_MINUTES);
  return over;
}

/** Working intervals from shifts, less approved time off; merged where they touch. */
export function workingIntervals(shifts: ReadonlyArray<Pick<ShiftLike, 'start' | 'end'>>, blocked: ReadonlyArray<Pick<TimeOffLike, 'start' | 'end'>>): Array<{ start: WallTime; end: WallTime }> {
  const sorted = shifts.map((s) => [s.start, s.end] as [WallTime, WallTime]).sort((a, b) => wallMinutes(a[0]) - wallMinutes(b[0]));
  const merged: Array<[WallTime, WallTime]> = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = e > last[1] ? e : last[1];
    else merged.push([s, e]);
  }
  let pieces = merged;
  for (const b of blocked) {
    const next: Array<[WallTime, WallTime]> = [];
    for (const [s, e] of pieces) {
      if (!overlaps(s, e, b.start, b.end)) next.push([s, e]);
      else {
        if (s < b.start) next.push([s, b.start]);
        if (b.end < e) next.push([b.end, e]);
      }
    }
    pieces = next;
  }
  return pieces.map(([start, end]) => ({ start, end }));
}

/**
 * The parts of each open day that no active coverage rule checks (any role), by
 * weekday: "Wed 17:00–19:00" is left unwatched when every rule ends at 17:00.
 */
export function uncheckedOpeningHours(
  rules: ReadonlyArray<Pick<CoverageRule, 'weekdays' | 'startTime' | 'endTime' | 'active'>>,
  hours: ReadonlyArray<{ weekday: number; opens: string | null; closes: string | null }>,
): Array<{ weekday: number; from: string; to: string }> {
  const out: Array<{ weekday: number; from: string; to: string }> = [];
  for (const day of hours) {
    if (!day.opens || !day.closes) continue;
    const windows = rules
      .filter((r) => r.active && r.weekdays.includes(day.weekday))
      .map((r) => [r.startTime, r.endTime] as const)
      .sort((a, b) => a[0].localeCompare(b[0]));
    let at = day.opens;
    for (const [start, end] of windows) {
      if (start > at && at < day.closes) out.push({ weekday: day.weekday, from: at, to: start < day.closes ? start : day.closes });
      if (end > at) at = end;
    }
    if (at < day.closes) out.push({ weekday: day.weekday, from: at, to: day.closes });
  }
  return out;
}
