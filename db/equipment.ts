import type { Kysely } from 'kysely';
import type { Equipment } from '../shared/contract/equipment';
import { addMonths } from '../shared/domain/time';
import type { DB } from './schema';

export async function listEquipment(db: Kysely<DB>, today: string, filter: { includeInactive?: boolean; overdueOnly?: boolean; id?: string } = {}): Promise<Equipment[]> {
  let query = db.selectFrom('equipment').leftJoin('rooms', 'rooms.id', 'equipment.room_id').selectAll('equipment').select('rooms.name as room_name');
  if (!filter.includeInactive) query = query.where('equipment.active', '=', 1);
  if (filter.overdueOnly) query = query.where('equipment.next_service_on', '<', today);
  if (filter.id) query = query.where('equipment.id', '=', filter.id);
  const rows = await query.orderBy('equipment.next_service_on').orderBy('equipment.name').execute();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      serialNumber: r.serial_number,
      roomId: r.room_id,
      roomName: r.room_name ?? null,
      serviceIntervalMonths: r.service_interval_months,
      lastServiceOn: r.last_service_on,
      nextServiceOn: r.next_service_on,
      outOfService: r.out_of_service === 1,
      note: r.note,
      active: r.active === 1,
      overdue: r.active === 1 && r.next_service_on !== null && r.next_service_on < today,
    }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

/** The next service: as given, or the last one plus the interval. */
export function nextServiceDate(last: string | null, interval: number | null, given: string | null): string | null {
  if (given) return given;
  return last && interval ? addMonths(last, interval) : null;
}

export interface EquipmentInput {
  name: string;
  serialNumber: string;
  roomId: string | null;
  serviceIntervalMonths: number | null;
  lastServiceOn: string | null;
  nextServiceOn: string | null;
  outOfService: boolean;
  note: string;
  active: boolean;
}

export async function saveEquipment(db: Kysely<DB>, id: string, e: EquipmentInput, exists: boolean, now: string): Promise<void> {
  const values = {
    name: e.name,
    serial_number: e.serialNumber,
    room_id: e.roomId,
    service_interval_months: e.serviceIntervalMonths,
    last_service_on: e.lastServiceOn,
    next_service_on: nextServiceDate(e.lastServiceOn, e.serviceIntervalMonths, e.nextServiceOn),
    out_of_service: e.outOfService ? 1 : 0,
    note: e.note,
    active: e.active ? 1 : 0,
    updated_at: now,
  };
  if (exists) await db.updateTable('equipment').set(values).where('id', '=', id).execute();
  else await db.insertInto('equipment').values({ id, ...values, created_at: now }).execute();
}

export async function recordService(db: Kysely<DB>, serviceId: string, equipmentId: string, servicedOn: string, interval: number | null, note: string, by: string | null, now: string): Promise<void> {
  await db
    .insertInto('equipment_services')
    .values({ id: serviceId, equipment_id: equipmentId, serviced_on: servicedOn, note, by_username: by, created_at: now, updated_at: now })
    .execute();
  await db
    .updateTable('equipment')
    .set({ last_service_on: servicedOn, next_service_on: interval ? addMonths(servicedOn, interval) : null, updated_at: now })
    .where('id', '=', equipmentId)
    .execute();
}
