import type { Kysely } from 'kysely';
import type { ClosureDay } from '../shared/domain/closures';
import { HOLDS_TIME } from '../shared/domain/appointments';
import { addDays } from '../shared/domain/time';
import type { DB } from './schema';

/** The clinic's closure days: one row per date; removing one deactivates it. */

export interface ClosureRow extends ClosureDay {
  id: string;
}

/** Active closure days from `from` to `to` (both included), by date. */
export async function closuresBetween(db: Kysely<DB>, from: string, to: string): Promise<ClosureRow[]> {
  const rows = await db.selectFrom('clinic_closures').select(['id', 'date', 'label']).where('active', '=', 1).where('date', '>=', from).where('date', '<=', to).orderBy('date').execute();
  return rows;
}

/** The closure on a date, active or not. */
export async function findClosure(db: Kysely<DB>, date: string): Promise<(ClosureRow & { active: boolean }) | undefined> {
  const row = await db.selectFrom('clinic_closures').select(['id', 'date', 'label', 'active']).where('date', '=', date).executeTakeFirst();
  return row ? { ...row, active: row.active === 1 } : undefined;
}

export async function findClosureById(db: Kysely<DB>, id: string): Promise<(ClosureRow & { active: boolean }) | undefined> {
  const row = await db.selectFrom('clinic_closures').select(['id', 'date', 'label', 'active']).where('id', '=', id).executeTakeFirst();
  return row ? { ...row, active: row.active === 1 } : undefined;
}

/** Adds a closure day, or brings back one removed earlier with the new label. */
export async function saveClosure(db: Kysely<DB>, c: { id: string; date: string; label: string; by: string | null }, now: string): Promise<ClosureRow> {
  const existing = await findClosure(db, c.date);
  if (existing) {
    await db.updateTable('clinic_closures').set({ label: c.label, active: 1, updated_at: now }).where('id', '=', existing.id).execute();
    return { id: existing.id, date: c.date, label: c.label };
  }
  await db.insertInto('clinic_closures').values({ id: c.id, date: c.date, label: c.label, active: 1, created_by: c.by, created_at: now, updated_at: now }).execute();
  return { id: c.id, date: c.date, label: c.label };
}

export async function deactivateClosure(db: Kysely<DB>, id: string, now: string): Promise<void> {
  await db.updateTable('clinic_closures').set({ active: 0, updated_at: now }).where('id', '=', id).execute();
}

/** How many appointments still hold time on a day (each day a range on starts_at, so it uses the index). */
export async function bookedOn(db: Kysely<DB>, date: string): Promise<number> {
  const row = await db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('starts_at', '>=', `${date}T00:00`)
    .where('starts_at', '<', `${addDays(date, 1)}T00:00`)
    .where('status', 'in', [...HOLDS_TIME])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
