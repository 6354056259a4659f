import type { Kysely, Selectable } from 'kysely';
import type { CoverageRule } from '../shared/contract/coverage';
import type { Shift } from '../shared/contract/roster';
import type { ShiftTemplate } from '../shared/contract/templates';
import type { TimeOff } from '../shared/contract/timeoff';
import { paidMinutes } from '../shared/domain/roster';
import type { StaffRole, TimeOffKind, TimeOffStatus } from '../shared/domain/staff';
import { addDays, datePart, type WallTime } from '../shared/domain/wallclock';
import { compiledOnce } from './compiled';
import type { CoverageRulesTable, DB, ShiftsTable, TimeOffTable } from './schema';

type ShiftRow = Selectable<ShiftsTable>;
type TimeOffRow = Selectable<TimeOffTable>;

/** Shifts are at most 16 hours and time off at most a year: the bounds that keep range queries on the index. */
const SHIFT_LOOKBACK_DAYS = 1;
const TIME_OFF_LOOKBACK_DAYS = 367;

export function shiftFromRow(row: Pick<ShiftRow, 'id' | 'staff_id' | 'starts_at' | 'ends_at' | 'break_minutes' | 'note'>, zone: string): Shift {
  return {
    id: row.id,
    staffId: row.staff_id,
    start: row.starts_at,
    end: row.ends_at,
    breakMinutes: row.break_minutes,
    note: row.note,
    paidMinutes: paidMinutes({ start: row.starts_at, end: row.ends_at, breakMinutes: row.break_minutes }, zone),
  };
}

function shiftsQuery(db: Kysely<DB>, earliest: string, from: WallTime, to: WallTime) {
  return db.selectFrom('shifts').selectAll().where('starts_at', '>=', earliest).where('starts_at', '<', to).where('ends_at', '>', from).where('deleted_at', 'is', null);
}

/** Everyone's shifts in a range, the roster's hottest read: compiled once. */
const everyonesShifts = compiledOnce<ShiftRow, { earliest: string; from: string; to: string }>((db, v) =>
  shiftsQuery(db, v('earliest'), v('from'), v('to')).orderBy('starts_at').orderBy('staff_id'),
);

/** Shifts that overlap [from, to), by start. */
export async function shiftsBetween(db: Kysely<DB>, from: WallTime, to: WallTime, staffIds?: readonly string[]): Promise<ShiftRow[]> {
  const earliest = `${addDays(datePart(from), -SHIFT_LOOKBACK_DAYS)}T00:00`;
  if (!staffIds) return (await everyonesShifts(db, { earliest, from, to })).rows;
  return shiftsQuery(db, earliest, from, to)
    .where('staff_id', 'in', staffIds.length > 0 ? [...staffIds] : [''])
    .orderBy('starts_at')
    .orderBy('staff_id')
    .execute();
}

export async function findShift(db: Kysely<DB>, id: string): Promise<ShiftRow | undefined> {
  return db.selectFrom('shifts').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export interface ShiftInput {
  staffId: string;
  start: WallTime;
  end: WallTime;
  breakMinutes: number;
  note: string;
}

export async function insertShifts(db: Kysely<DB>, shifts: ReadonlyArray<ShiftInput & { id: string }>, now: string): Promise<void> {
  for (let i = 0; i < shifts.length; i += 500) {
    await db
      .insertInto('shifts')
      .values(
        shifts.slice(i, i + 500).map((s) => ({ id: s.id, staff_id: s.staffId, starts_at: s.start, ends_at: s.end, break_minutes: s.breakMinutes, note: s.note, deleted_at: null, created_at: now, updated_at: now })),
      )
      .execute();
  }
}

export async function updateShift(db: Kysely<DB>, id: string, s: ShiftInput, now: string): Promise<void> {
  await db.updateTable('shifts').set({ staff_id: s.staffId, starts_at: s.start, ends_at: s.end, break_minutes: s.breakMinutes, note: s.note, updated_at: now }).where('id', '=', id).execute();
}

export async function deleteShift(db: Kysely<DB>, id: string, now: string): Promise<void> {
  await db.updateTable('shifts').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}

/** Which of these people have ever had a shift (providers without any are available in opening hours). */
export async function peopleWithShifts(db: Kysely<DB>, staffIds: readonly string[]): Promise<Set<string>> {
  if (staffIds.length === 0) return new Set();
  // One index probe per person (does any live shift exist?), not a walk over all their years of shifts.
  const rows = await db
    .selectFrom('staff')
    .select('id')
    .where('id', 'in', [...staffIds])
    .where(({ exists, selectFrom }) => exists(selectFrom('shifts').select('shifts.id').whereRef('shifts.staff_id', '=', 'staff.id').where('shifts.deleted_at', 'is', null)))
    .execute();
  return new Set(rows.map((r) => r.id));
}

export function timeOffFromRow(row: TimeOffRow & { full_name: string }): TimeOff {
  return {
    id: row.id,
    staffId: row.staff_id,
    staffName: row.full_name,
    kind: row.kind as TimeOffKind,
    start: row.starts_at,
    end: row.ends_at,
    status: row.status as TimeOffStatus,
    requestNote: row.request_note,
    decisionNote: row.decision_note,
    requestedBy: row.requested_by,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

function timeOffQuery(db: Kysely<DB>, earliest: string, from: WallTime, to: WallTime) {
  return db
    .selectFrom('time_off')
    .innerJoin('staff', 'staff.id', 'time_off.staff_id')
    .selectAll('time_off')
    .select('staff.full_name')
    .where('time_off.starts_at', '>=', earliest)
    .where('time_off.starts_at', '<', to)
    .where('time_off.ends_at', '>', from);
}

/** Everyone's pending and approved time off in a range, as the roster shows it: compiled once. */
const openTimeOff = compiledOnce<TimeOffRow & { full_name: string }, { earliest: string; from: string; to: string }>((db, v) =>
  timeOffQuery(db, v('earliest'), v('from'), v('to')).where('time_off.status', 'in', ['pending', 'approved']).orderBy('time_off.starts_at'),
);

/** Time off overlapping [from, to). */
export async function timeOffBetween(db: Kysely<DB>, from: WallTime, to: WallTime, filter: { staffIds?: readonly string[]; statuses?: readonly TimeOffStatus[] } = {}): Promise<TimeOff[]> {
  const earliest = `${addDays(datePart(from), -TIME_OFF_LOOKBACK_DAYS)}T00:00`;
  if (!filter.staffIds && filter.statuses?.length === 2 && filter.statuses.includes('pending') && filter.statuses.includes('approved')) {
    return (await openTimeOff(db, { earliest, from, to })).rows.map(timeOffFromRow);
  }
  let query = timeOffQuery(db, earliest, from, to);
  if (filter.staffIds) query = query.where('time_off.staff_id', 'in', filter.staffIds.length > 0 ? [...filter.staffIds] : ['']);
  if (filter.statuses) query = query.where('time_off.status', 'in', [...filter.statuses]);
  const rows = await query.orderBy('time_off.starts_at').execute();
  return rows.map(timeOffFromRow);
}

export async function findTimeOff(db: Kysely<DB>, id: string): Promise<TimeOff | undefined> {
  const row = await db.selectFrom('time_off').innerJoin('staff', 'staff.id', 'time_off.staff_id').selectAll('time_off').select('staff.full_name').where('time_off.id', '=', id).executeTakeFirst();
  return row ? timeOffFromRow(row) : undefined;
}

export async function insertTimeOff(
  db: Kysely<DB>,
  row: { id: string; staffId: string; kind: TimeOffKind; start: WallTime; end: WallTime; note: string; requestedBy: string | null; status: TimeOffStatus },
  now: string,
): Promise<void> {
  await db
    .insertInto('time_off')
    .values({
      id: row.id,
      staff_id: row.staffId,
      kind: row.kind,
      starts_at: row.start,
      ends_at: row.end,
      status: row.status,
      request_note: row.note,
      decision_note: '',
      requested_by: row.requestedBy,
      decided_by: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function setTimeOffStatus(db: Kysely<DB>, id: string, status: TimeOffStatus, decision: { note?: string; by?: string | null; at?: string | null }, now: string): Promise<void> {
  await db
    .updateTable('time_off')
    .set({ status, ...(decision.note !== undefined ? { decision_note: decision.note } : {}), ...(decision.by !== undefined ? { decided_by: decision.by, decided_at: decision.at ?? now } : {}), updated_at: now })
    .where('id', '=', id)
    .execute();
}

const weekdaysOf = (text: string) => text.split(',').filter(Boolean).map(Number);

export async function listTemplates(db: Kysely<DB>): Promise<ShiftTemplate[]> {
  const rows = await db.selectFrom('shift_templates').selectAll().orderBy('active', 'desc').orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, weekdays: weekdaysOf(r.weekdays), startTime: r.start_time, endTime: r.end_time, breakMinutes: r.break_minutes, active: r.active === 1 }));
}

export async function saveTemplate(db: Kysely<DB>, t: ShiftTemplate, exists: boolean, now: string): Promise<void> {
  const values = { name: t.name, weekdays: [...t.weekdays].sort().join(','), start_time: t.startTime, end_time: t.endTime, break_minutes: t.breakMinutes, active: t.active ? 1 : 0, updated_at: now };
  if (exists) await db.updateTable('shift_templates').set(values).where('id', '=', t.id).execute();
  else await db.insertInto('shift_templates').values({ id: t.id, ...values, created_at: now }).execute();
}

const coverageRules = compiledOnce<Selectable<CoverageRulesTable>, Record<string, never>>((db) => db.selectFrom('coverage_rules').selectAll().orderBy('active', 'desc').orderBy('name'));

export async function listCoverageRules(db: Kysely<DB>): Promise<CoverageRule[]> {
  const { rows } = await coverageRules(db, {});
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    weekdays: weekdaysOf(r.weekdays),
    startTime: r.start_time,
    endTime: r.end_time,
    requirements: JSON.parse(r.requirements) as Array<{ staffRole: StaffRole; min: number }>,
    active: r.active === 1,
  }));
}

export async function saveCoverageRule(db: Kysely<DB>, rule: CoverageRule, exists: boolean, now: string): Promise<void> {
  const values = {
    name: rule.name,
    weekdays: [...rule.weekdays].sort().join(','),
    start_time: rule.startTime,
    end_time: rule.endTime,
    requirements: JSON.stringify(rule.requirements),
    active: rule.active ? 1 : 0,
    updated_at: now,
  };
  if (exists) await db.updateTable('coverage_rules').set(values).where('id', '=', rule.id).execute();
  else await db.insertInto('coverage_rules').values({ id: rule.id, ...values, created_at: now }).execute();
}
