import type { Kysely } from 'kysely';
import type { Room } from '../shared/contract/rooms';
import type { RoomKind } from '../shared/domain/staff';
import type { DB } from './schema';

export async function listRooms(db: Kysely<DB>, includeInactive = false): Promise<Room[]> {
  let query = db.selectFrom('rooms').selectAll();
  if (!includeInactive) query = query.where('active', '=', 1);
  const rows = await query.orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as RoomKind, note: r.note, active: r.active === 1 }));
}

export async function findRoom(db: Kysely<DB>, id: string): Promise<Room | undefined> {
  const r = await db.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, kind: r.kind as RoomKind, note: r.note, active: r.active === 1 } : undefined;
}

export async function findRoomByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('rooms').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
}

export async function saveRoom(db: Kysely<DB>, room: Room, exists: boolean, now: string): Promise<void> {
  const values = { name: room.name, kind: room.kind, note: room.note, active: room.active ? 1 : 0, updated_at: now };
  if (exists) await db.updateTable('rooms').set(values).where('id', '=', room.id).execute();
  else await db.insertInto('rooms').values({ id: room.id, ...values, created_at: now }).execute();
}

export async function roomExists(db: Kysely<DB>, id: string): Promise<boolean> {
  return (await db.selectFrom('rooms').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
