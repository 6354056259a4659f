import type { Kysely, Selectable } from 'kysely';
import type { AppointmentType } from '../shared/contract/appointment-types';
import type { RoomKind, StaffRole } from '../shared/domain/staff';
import type { DB } from './schema';

export async function listTypes(db: Kysely<DB>, includeRetired = false): Promise<AppointmentType[]> {
  let query = db.selectFrom('appointment_types').selectAll();
  if (!includeRetired) query = query.where('active', '=', 1);
  const rows = await query.orderBy('active', 'desc').orderBy('name').execute();
  return rows.map(typeFromRow);
}

export async function findType(db: Kysely<DB>, id: string): Promise<AppointmentType | undefined> {
  const row = await db.selectFrom('appointment_types').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? typeFromRow(row) : undefined;
}

function typeFromRow(r: Selectable<DB['appointment_types']>): AppointmentType {
  return {
    id: r.id,
    name: r.name,
    durationMinutes: r.duration_minutes,
    colour: r.colour,
    roomKind: r.room_kind as RoomKind | null,
    providerRoles: r.provider_roles.split(',').filter(Boolean) as StaffRole[],
    active: r.active === 1,
  };
}

export async function saveType(db: Kysely<DB>, t: AppointmentType, exists: boolean, now: string): Promise<void> {
  const values = { name: t.name, duration_minutes: t.durationMinutes, colour: t.colour, room_kind: t.roomKind, provider_roles: t.providerRoles.join(','), active: t.active ? 1 : 0, updated_at: now };
  if (exists) await db.updateTable('appointment_types').set(values).where('id', '=', t.id).execute();
  else await db.insertInto('appointment_types').values({ id: t.id, ...values, created_at: now }).execute();
}
