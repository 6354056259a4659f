import type { Kysely } from 'kysely';
import { getOpeningHours } from '../../db/clinic';
import { standingsFor } from '../../db/credentials';
import { listCoverageRules } from '../../db/coverage';
import { peopleWithShifts, shiftFromRow, shiftsBetween } from '../../db/roster';
import { timeOffBetween } from '../../db/timeoff';
import type { DB } from '../../db/schema';
import { listStaff, type StaffRow } from '../../db/staff';
import type { LabourReport, PersonHours, ProviderAvailability, RosterPerson, RosterWarning, RosterWeek, Shift } from '../../shared/contract/roster';
import type { ShiftChange } from '../../shared/contract/timeoff';
import { coverageGaps, flagOn, labourCostCents, overtimeMinutes, paidMinutes, rosterWarnings, workingIntervals, type RosterPersonLike, type ShiftLike } from '../../shared/domain/roster';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/staff';
import { isoWeekday, addDays, datePart, datesFrom, elapsedMinutes, mondayOf, type WallTime, type ClinicClock } from '../../shared/domain/time';

/** What the roster needs of the clinic's clock. */
type RosterClock = Pick<ClinicClock, 'zone' | 'dateOrder' | 'today'>;

/** Loads and computes the roster: the week view, shift checks, labour and availability. */

function personOf(row: StaffRow): RosterPersonLike {
  return { id: row.id, fullName: row.full_name, staffRole: row.staff_role as StaffRole, contractedMinutes: row.contracted_minutes };
}

const roleOrder = (role: string) => STAFF_ROLES.indexOf(role as StaffRole);

/** Everything a roster week is made of, read from the database in one go. */
export async function rosterWeekRows(db: Kysely<DB>, weekStart: string) {
  const weekEnd = addDays(weekStart, 7);
  // The day before and after too: rest between shifts is checked across the week's edges.
  const shiftRows = await shiftsBetween(db, `${addDays(weekStart, -1)}T00:00`, `${addDays(weekEnd, 1)}T00:00`);
  const rostered = new Set(shiftRows.map((s) => s.staff_id));
  const staff = (await listStaff(db, { status: 'all' })).filter((s) => s.active === 1 || rostered.has(s.id));
  const standings = await standingsFor(db, staff);
  const timeOff = await timeOffBetween(db, `${weekStart}T00:00`, `${weekEnd}T00:00`, { statuses: ['pending', 'approved'] });
  const rules = await listCoverageRules(db);
  return { shiftRows, staff, standings, timeOff, rules };
}

export async function rosterWeek(db: Kysely<DB>, weekStartAny: string, clock: RosterClock, showCost: boolean): Promise<RosterWeek> {
  const weekStart = mondayOf(weekStartAny);
  const weekEnd = addDays(weekStart, 7);
  const days = datesFrom(weekStart, addDays(weekStart, 6));
  const { shiftRows, staff, standings, timeOff, rules } = await rosterWeekRows(db, weekStart);
  // Stable sort by role keeps the database's order by name within each role.
  staff.sort((a, b) => roleOrder(a.staff_role) - roleOrder(b.staff_role));
  const approved = timeOff.filter((t) => t.status === 'approved');
  const allShifts: Shift[] = shiftRows.map((r) => shiftFromRow(r, clock.zone));
  const weekShifts = allShifts.filter((s) => s.start >= `${weekStart}T00:00` && s.start < `${weekEnd}T00:00`);
  const warnings = rosterWarnings({ weekStart, people: staff.map(personOf), shifts: allShifts, approvedTimeOff: approved, standings, zone: clock.zone, dateOrder: clock.dateOrder });
  const gaps = coverageGaps({ days, rules, roleOf: new Map(staff.map((s) => [s.id, s.staff_role as StaffRole])), shifts: weekShifts, approvedTimeOff: approved, openingHours: await getOpeningHours(db) });
  const shiftsOf = new Map<string, Shift[]>();
  for (const shift of weekShifts) shiftsOf.set(shift.staffId, [...(shiftsOf.get(shift.staffId) ?? []), shift]);
  const hours: PersonHours[] = staff.map((s) => {
    const mine = shiftsOf.get(s.id) ?? [];
    const paid = mine.reduce((sum, x) => sum + x.paidMinutes, 0);
    const cost = showCost ? labourCostCents({ payType: s.pay_type, payRateCents: s.pay_rate_cents, startDate: s.start_date, endDate: s.end_date }, paid, weekStart, days[6]!) : null;
    return { staffId: s.id, paidMinutes: paid, overtimeMinutes: overtimeMinutes(mine, clock.zone), costCents: cost };
  });
  const people: RosterPerson[] = staff.map((s) => ({
    id: s.id,
    fullName: s.full_name,
    staffRole: s.staff_role as StaffRole,
    colour: s.colour,
    contractedHours: s.contracted_minutes / 60,
    flag: flagOn(standings.get(s.id), clock.today),
  }));
  return {
    weekStart,
    days,
    people,
    shifts: weekShifts,
    timeOff,
    warnings,
    gaps,
    hours,
    totals: { paidMinutes: hours.reduce((s, h) => s + h.paidMinutes, 0), costCents: showCost ? hours.reduce((s, h) => s + (h.costCents ?? 0), 0) : null },
  };
}

/** The warnings one shift (new, or changed with its id) would raise, with the person's week-level ones. */
export async function warningsForShift(db: Kysely<DB>, person: StaffRow, shift: ShiftLike, clock: RosterClock): Promise<RosterWarning[]> {
  const weekStart = mondayOf(datePart(shift.start));
  const rows = await shiftsBetween(db, `${addDays(weekStart, -1)}T00:00`, `${addDays(weekStart, 8)}T00:00`, [person.id]);
  const shifts: ShiftLike[] = rows.filter((r) => r.id !== shift.id).map((r) => ({ id: r.id, staffId: r.staff_id, start: r.starts_at, end: r.ends_at, breakMinutes: r.break_minutes }));
  shifts.push(shift);
  const approved = await timeOffBetween(db, `${weekStart}T00:00`, `${addDays(weekStart, 8)}T00:00`, { staffIds: [person.id], statuses: ['approved'] });
  const standings = await standingsFor(db, [person]);
  return rosterWarnings({ weekStart, people: [personOf(person)], shifts, approvedTimeOff: approved, standings, zone: clock.zone, dateOrder: clock.dateOrder }).filter(
    (w) => w.shiftId === undefined || w.shiftId === shift.id,
  );
}

export async function labourReport(db: Kysely<DB>, from: string, to: string, zone: string): Promise<LabourReport> {
  const rows = await shiftsBetween(db, `${from}T00:00`, `${addDays(to, 1)}T00:00`);
  const shifts = rows.filter((r) => datePart(r.starts_at) >= from && datePart(r.starts_at) <= to);
  const working = new Set(shifts.map((s) => s.staff_id));
  const staff = (await listStaff(db, { status: 'all' })).filter((s) => working.has(s.id) || (s.active === 1 && s.start_date <= to) || (s.end_date !== null && s.end_date >= from && s.start_date <= to));
  const people = staff.map((s) => {
    const mine: ShiftLike[] = shifts.filter((x) => x.staff_id === s.id).map((x) => ({ id: x.id, staffId: x.staff_id, start: x.starts_at, end: x.ends_at, breakMinutes: x.break_minutes }));
    const paid = mine.reduce((sum, x) => sum + paidMinutes(x, zone), 0);
    const cost = labourCostCents({ payType: s.pay_type, payRateCents: s.pay_rate_cents, startDate: s.start_date, endDate: s.end_date }, paid, from, to);
    return { staffId: s.id, fullName: s.full_name, staffRole: s.staff_role as StaffRole, paidMinutes: paid, overtimeMinutes: overtimeMinutes(mine, zone), costCents: cost };
  });
  people.sort((a, b) => roleOrder(a.staffRole) - roleOrder(b.staffRole));
  return {
    from,
    to,
    people,
    totals: {
      paidMinutes: people.reduce((s, p) => s + p.paidMinutes, 0),
      overtimeMinutes: people.reduce((s, p) => s + p.overtimeMinutes, 0),
      costCents: people.reduce((s, p) => s + p.costCents, 0),
    },
  };
}

/**
 * Each bookable provider's working time: their shifts less approved time off,
 * or, until they have any shift at all, the clinic's opening hours less time off.
 */
export async function providerAvailability(db: Kysely<DB>, from: string, to: string, staffIds?: readonly string[]): Promise<ProviderAvailability[]> {
  const providers = await listStaff(db, { bookableOnly: true, ...(staffIds ? { ids: staffIds } : {}) });
  const ids = providers.map((p) => p.id);
  const rangeStart = `${from}T00:00`;
  const rangeEnd = `${addDays(to, 1)}T00:00`;
  const shifts = await shiftsBetween(db, rangeStart, rangeEnd, ids);
  const offs = await timeOffBetween(db, rangeStart, rangeEnd, { staffIds: ids, statuses: ['approved'] });
  const rostered = await peopleWithShifts(db, ids);
  const hours = await getOpeningHours(db);
  const days = datesFrom(from, to);
  const clip = (s: string, e: string) => ({ start: s < rangeStart ? rangeStart : s, end: e > rangeEnd ? rangeEnd : e });
  return providers.map((p) => {
    const blocked = offs.filter((t) => t.staffId === p.id);
    if (rostered.has(p.id)) {
      const mine = shifts.filter((s) => s.staff_id === p.id).map((s) => clip(s.starts_at, s.ends_at));
      return { staffId: p.id, fullName: p.full_name, source: 'roster', intervals: workingIntervals(mine, blocked) };
    }
    const open = days.flatMap((d) => {
      const day = hours.find((h) => h.weekday === isoWeekday(d));
      return day?.opens && day.closes ? [{ start: `${d}T${day.opens}`, end: `${d}T${day.closes}` }] : [];
    });
    return { staffId: p.id, fullName: p.full_name, source: 'opening_hours', intervals: workingIntervals(open, blocked) };
  });
}

/**
 * What time off does to each shift of the person it overlaps: the parts outside
 * it stay (a shift inside it is removed, one across an edge shortened, one around
 * a part-day absence split in two). The break stays with the longest part that
 * is longer than it.
 */
export function shiftChanges(shifts: readonly Shift[], off: { start: WallTime; end: WallTime }, zone: string): ShiftChange[] {
  return shifts
    .filter((s) => s.start < off.end && s.end > off.start)
    .map((shift) => {
      const parts = [
        { start: shift.start, end: off.start < shift.end ? off.start : shift.end },
        { start: off.end > shift.start ? off.end : shift.start, end: shift.end },
      ].filter((p) => p.start >= shift.start && p.end <= shift.end && p.start < p.end && (p.end <= off.start || p.start >= off.end));
      const length = (p: { start: WallTime; end: WallTime }) => elapsedMinutes(p.start, p.end, zone);
      const longest = parts.reduce<number>((best, p, i) => (best === -1 || length(p) > length(parts[best]!) ? i : best), -1);
      const keeps = parts.map((p, i) => ({ ...p, breakMinutes: i === longest && length(p) > shift.breakMinutes ? shift.breakMinutes : 0 }));
      const kept = keeps.reduce((sum, p) => sum + paidMinutes(p, zone), 0);
      return { shift, effect: keeps.length === 0 ? 'remove' : keeps.length === 1 ? 'shorten' : 'split', keeps, paidMinutesLost: shift.paidMinutes - kept };
    });
}

/** The shifts of a person a stretch of time off overlaps, and what approving it would do to them. */
export async function timeOffShiftChanges(db: Kysely<DB>, staffId: string, off: { start: WallTime; end: WallTime }, zone: string): Promise<ShiftChange[]> {
  const rows = await shiftsBetween(db, off.start, off.end, [staffId]);
  return shiftChanges(
    rows.map((r) => shiftFromRow(r, zone)),
    off,
    zone,
  );
}
