import type { Kysely, Selectable } from 'kysely';
import type { Shift } from '../shared/contract/roster';
import { paidMinutes } from '../shared/domain/roster';
import { type WallTime, addDays, datePart } from '../shared/domain/time';
import { compiledOnce } from './compiled';
import type { DB, ShiftsTable } from './schema';

type ShiftRow = Selectable<ShiftsTable>;

/** Shifts are at most 16 hours and time off at most a year: the bounds that keep range queries on the index. */
const SHIFT_LOOKBACK_DAYS = 1;

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

export const weekdaysOf = (text: string) => text.split(',').filter(Boolean).map(Number);
