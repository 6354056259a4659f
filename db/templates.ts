import type { Kysely } from 'kysely';
import type { ShiftTemplate } from '../shared/contract/templates';
import { weekdaysOf } from './roster';
import type { DB } from './schema';

export async function listTemplates(db: Kysely<DB>): Promise<ShiftTemplate[]> {
  const rows = await db.selectFrom('shift_templates').selectAll().orderBy('active', 'desc').orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, weekdays: weekdaysOf(r.weekdays), startTime: r.start_time, endTime: r.end_time, breakMinutes: r.break_minutes, active: r.active === 1 }));
}

export async function saveTemplate(db: Kysely<DB>, t: ShiftTemplate, exists: boolean, now: string): Promise<void> {
  const values = { name: t.name, weekdays: [...t.weekdays].sort().join(','), start_time: t.startTime, end_time: t.endTime, break_minutes: t.breakMinutes, active: t.active ? 1 : 0, updated_at: now };
  if (exists) await db.updateTable('shift_templates').set(values).where('id', '=', t.id).execute();
  else await db.insertInto('shift_templates').values({ id: t.id, ...values, created_at: now }).execute();
}
