import { type Kysely, type Selectable, sql } from 'kysely';
import type { Appointment } from '../shared/contract/appointments';
import { type AppointmentStatus, type BusyAppointment, HOLDS_TIME, MAX_APPOINTMENT_MINUTES } from '../shared/domain/appointments';
import { patientListName } from '../shared/domain/patients';
import { type WallTime, wallFromMinutes, wallMinutes } from '../shared/domain/time';
import { compiledOnce } from './compiled';
import { jsonValues } from './dialect';
import type { AppointmentsTable, DB } from './schema';

export type AppointmentRow = Selectable<AppointmentsTable>;

/** Overlaps are looked for this far back: no appointment is longer. */
export function lookback(start: WallTime): WallTime {
  return wallFromMinutes(wallMinutes(start) - MAX_APPOINTMENT_MINUTES);
}

function viewQuery(db: Kysely<DB>) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('staff as s', 's.id', 'a.provider_id')
    .innerJoin('appointment_types as t', 't.id', 'a.type_id')
    .leftJoin('rooms as r', 'r.id', 'a.room_id')
    .selectAll('a')
    .select([
      'p.first_name',
      'p.last_name',
      'p.preferred_name',
      'p.mrn',
      'p.dob',
      'p.phone_mobile',
      'p.phone_home',
      'p.phone_work',
      's.full_name as provider_name',
      't.name as type_name',
      't.colour',
      'r.name as room_name',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['execute']>>[number];

export function rowToAppointment(r: ViewRow): Appointment {
  return {
    id: r.id,
    patient: { id: r.patient_id, name: patientListName({ firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name }), mrn: r.mrn, phone: r.phone_mobile || r.phone_home || r.phone_work, dob: r.dob },
    providerId: r.provider_id,
    providerName: r.provider_name,
    roomId: r.room_id,
    roomName: r.room_name ?? null,
    typeId: r.type_id,
    typeName: r.type_name,
    colour: r.colour,
    start: r.starts_at,
    end: r.ends_at,
    status: r.status as AppointmentStatus,
    reason: r.reason,
    note: r.note,
    seriesId: r.series_id,
    arrivedAt: r.arrived_at,
    inRoomAt: r.in_room_at,
    completedAt: r.completed_at,
    cancelledAt: r.cancelled_at,
    cancelledBy: r.cancelled_by as Appointment['cancelledBy'],
    cancelReason: r.cancel_reason,
    lateCancel: r.late_cancel === 1,
    overrideReason: r.override_reason,
  };
}

type RangeValues = { earliest: string; from: string; to: string; skip: string; ids: string };

/**
 * The schedule's range reads, compiled once each: the whole clinic, a set of
 * providers, a set of rooms (ids as a JSON array), a patient. The range on
 * starts_at keeps the cost of a day independent of years of history.
 */
const ranges = {
  clinic: compiledOnce<ViewRow, RangeValues>((db, v) => inRange(viewQuery(db), v)),
  providers: compiledOnce<ViewRow, RangeValues>((db, v) => inRange(viewQuery(db), v).where('a.provider_id', 'in', jsonValues(v('ids')))),
  rooms: compiledOnce<ViewRow, RangeValues>((db, v) => inRange(viewQuery(db), v).where('a.room_id', 'in', jsonValues(v('ids')))),
  patient: compiledOnce<ViewRow, RangeValues>((db, v) => inRange(viewQuery(db), v).where('a.patient_id', '=', v('ids'))),
};

function inRange(query: ReturnType<typeof viewQuery>, v: (name: keyof RangeValues) => string) {
  return query
    .where('a.starts_at', '>=', v('earliest'))
    .where('a.starts_at', '<', v('to'))
    .where('a.ends_at', '>', v('from'))
    .where('a.status', '<>', v('skip'))
    .orderBy('a.starts_at')
    .orderBy('a.provider_id');
}

export interface AppointmentFilter {
  providerIds?: readonly string[] | undefined;
  roomIds?: readonly string[] | undefined;
  patientId?: string | undefined;
  includeCancelled?: boolean | undefined;
}

/** Appointments overlapping [from, to), by start; cancelled ones only when asked for. */
export async function appointmentsBetween(db: Kysely<DB>, from: WallTime, to: WallTime, filter: AppointmentFilter = {}): Promise<Appointment[]> {
  const values = { earliest: lookback(from), from, to, skip: filter.includeCancelled ? '' : 'cancelled', ids: '' };
  const given = [filter.providerIds, filter.roomIds, filter.patientId].filter((f) => f !== undefined).length;
  let rows: ViewRow[];
  if (given === 0) rows = (await ranges.clinic(db, values)).rows;
  else if (given === 1 && filter.providerIds) rows = (await ranges.providers(db, { ...values, ids: JSON.stringify(filter.providerIds) })).rows;
  else if (given === 1 && filter.roomIds) rows = (await ranges.rooms(db, { ...values, ids: JSON.stringify(filter.roomIds) })).rows;
  else if (given === 1 && filter.patientId) rows = (await ranges.patient(db, { ...values, ids: filter.patientId })).rows;
  else {
    let query = inRange(viewQuery(db), (name) => values[name]);
    if (filter.providerIds) query = query.where('a.provider_id', 'in', filter.providerIds.length ? [...filter.providerIds] : ['']);
    if (filter.roomIds) query = query.where('a.room_id', 'in', filter.roomIds.length ? [...filter.roomIds] : ['']);
    if (filter.patientId) query = query.where('a.patient_id', '=', filter.patientId);
    rows = await query.execute();
  }
  return rows.map(rowToAppointment);
}

/** A patient's appointments from a time on (soonest first, not cancelled) or before it (latest first, at most `limit`). */
export async function patientAppointments(db: Kysely<DB>, patientId: string, now: WallTime, direction: 'upcoming' | 'recent', limit: number): Promise<Appointment[]> {
  let query = viewQuery(db).where('a.patient_id', '=', patientId);
  query = direction === 'upcoming' ? query.where('a.starts_at', '>=', now).where('a.status', '<>', 'cancelled').orderBy('a.starts_at') : query.where('a.starts_at', '<', now).orderBy('a.starts_at', 'desc');
  return (await query.limit(limit).execute()).map(rowToAppointment);
}

/** How often a patient did not come: no-shows and late cancellations, all time. */
export async function patientMisses(db: Kysely<DB>, patientId: string): Promise<{ noShows: number; lateCancels: number }> {
  const row = await db
    .selectFrom('appointments')
    .select((eb) => [eb.fn.sum<number>(sql`status = 'no_show'`).as('no_shows'), eb.fn.sum<number>('late_cancel').as('late_cancels')])
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return { noShows: Number(row?.no_shows ?? 0), lateCancels: Number(row?.late_cancels ?? 0) };
}

export interface BusySpan {
  id: string;
  providerId: string;
  roomId: string | null;
  start: WallTime;
  end: WallTime;
}

const busyQueries = {
  providers: compiledOnce<BusyRow, RangeValues>((db, v) => busyQuery(db, v).where('provider_id', 'in', jsonValues(v('ids')))),
  rooms: compiledOnce<BusyRow, RangeValues>((db, v) => busyQuery(db, v).where('room_id', 'in', jsonValues(v('ids')))),
};

function busyQuery(db: Kysely<DB>, v: (name: keyof RangeValues) => string) {
  return db
    .selectFrom('appointments')
    .select(['id', 'provider_id', 'room_id', 'starts_at', 'ends_at'])
    .where('starts_at', '>=', v('earliest'))
    .where('starts_at', '<', v('to'))
    .where('ends_at', '>', v('from'))
    .where('status', 'in', [...HOLDS_TIME]);
}

type BusyRow = Awaited<ReturnType<ReturnType<typeof busyQuery>['execute']>>[number];

/** Just the time held (no names) by providers' or rooms' appointments overlapping [from, to): what a free-slot search needs. */
export async function busyBetween(db: Kysely<DB>, from: WallTime, to: WallTime, by: 'providers' | 'rooms', ids: readonly string[]): Promise<BusySpan[]> {
  const { rows } = await busyQueries[by](db, { earliest: lookback(from), from, to, skip: '', ids: JSON.stringify(ids) });
  return rows.map((r) => ({ id: r.id, providerId: r.provider_id, roomId: r.room_id, start: r.starts_at, end: r.ends_at }));
}

const appointmentById = compiledOnce<ViewRow, { id: string }>((db, v) => viewQuery(db).where('a.id', '=', v('id')));

export async function findAppointment(db: Kysely<DB>, id: string): Promise<Appointment | undefined> {
  const row = (await appointmentById(db, { id })).rows[0];
  return row ? rowToAppointment(row) : undefined;
}

/**
 * Appointments holding time that overlap [start, end) for a provider, a room or
 * a patient: three index ranges, read inside the booking transaction.
 */
export async function busyAround(db: Kysely<DB>, who: { providerId: string; roomId: string | null; patientId: string }, start: WallTime, end: WallTime): Promise<BusyAppointment[]> {
  // One statement: SQLite answers the OR with the three (column, starts_at) indexes and merges them.
  const { rows } = await busyQuery3(db, { earliest: lookback(start), start, end, providerId: who.providerId, roomId: who.roomId ?? '', patientId: who.patientId });
  return rows.map((r) => {
    const a = rowToAppointment(r);
    return { id: a.id, patientId: a.patient.id, patientName: a.patient.name, providerId: a.providerId, providerName: a.providerName, roomId: a.roomId, roomName: a.roomName, start: a.start, end: a.end };
  });
}

const busyQuery3 = compiledOnce<ViewRow, { earliest: string; start: string; end: string; providerId: string; roomId: string; patientId: string }>((db, v) =>
  viewQuery(db)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.provider_id', '=', v('providerId')), eb('a.starts_at', '>=', v('earliest')), eb('a.starts_at', '<', v('end'))]),
        eb.and([eb('a.room_id', '=', v('roomId')), eb('a.starts_at', '>=', v('earliest')), eb('a.starts_at', '<', v('end'))]),
        eb.and([eb('a.patient_id', '=', v('patientId')), eb('a.starts_at', '>=', v('earliest')), eb('a.starts_at', '<', v('end'))]),
      ]),
    )
    .where('a.ends_at', '>', v('start'))
    .where('a.status', 'in', [...HOLDS_TIME])
    .orderBy('a.starts_at'),
);

export interface NewAppointment {
  id: string;
  patientId: string;
  providerId: string;
  roomId: string | null;
  typeId: string;
  start: WallTime;
  end: WallTime;
  reason: string;
  note: string;
  seriesId: string | null;
  seriesIndex: number | null;
  overrideReason: string;
  createdBy: string | null;
}

function appointmentValues(a: NewAppointment, now: string) {
  return {
    id: a.id,
    patient_id: a.patientId,
    provider_id: a.providerId,
    room_id: a.roomId,
    type_id: a.typeId,
    starts_at: a.start,
    ends_at: a.end,
    status: 'booked',
    reason: a.reason,
    note: a.note,
    series_id: a.seriesId,
    series_index: a.seriesIndex,
    arrived_at: null,
    in_room_at: null,
    completed_at: null,
    cancelled_at: null,
    cancelled_by: null,
    cancel_reason: '',
    late_cancel: 0,
    override_reason: a.overrideReason,
    created_by: a.createdBy,
    created_at: now,
    updated_at: now,
  };
}

type OneAppointment = Omit<NewAppointment, 'seriesIndex'> & { seriesIndex: number | null; now: string };

/** A single booking, the front desk's most frequent write: compiled once. */
const insertOne = compiledOnce<never, { [K in keyof OneAppointment]: OneAppointment[K] }>((db, v) => {
  const fields = ['id', 'patientId', 'providerId', 'roomId', 'typeId', 'start', 'end', 'reason', 'note', 'seriesId', 'seriesIndex', 'overrideReason', 'createdBy'] as const;
  const marked = Object.fromEntries(fields.map((f) => [f, v(f)])) as unknown as NewAppointment;
  return db.insertInto('appointments').values(appointmentValues(marked, v('now')));
});

export async function insertAppointments(db: Kysely<DB>, list: readonly NewAppointment[], now: string): Promise<void> {
  if (list.length === 1) {
    await insertOne(db, { ...list[0]!, now });
    return;
  }
  for (let i = 0; i < list.length; i += 300) {
    await db
      .insertInto('appointments')
      .values(list.slice(i, i + 300).map((a) => appointmentValues(a, now)))
      .execute();
  }
}

export async function updateAppointment(db: Kysely<DB>, id: string, values: Partial<Omit<AppointmentRow, 'id' | 'created_at'>>, now: string): Promise<void> {
  await db.updateTable('appointments').set({ ...values, updated_at: now }).where('id', '=', id).execute();
}

/** A cancelled appointment's time, as a booking check reads it. */
export interface CancelledSlot {
  id: string;
  patientId: string;
  providerId: string;
  roomId: string | null;
  start: WallTime;
  end: WallTime;
}

/**
 * What one undo of a cancellation puts back: the appointment, and those of its
 * series cancelled in the same moment that start at `from` or later.
 */
export async function cancelledTogether(db: Kysely<DB>, target: { id: string; seriesId: string | null; cancelledAt: string | null }, from: WallTime): Promise<CancelledSlot[]> {
  let query = db.selectFrom('appointments').select(['id', 'patient_id', 'provider_id', 'room_id', 'starts_at', 'ends_at']);
  query = target.seriesId
    ? query.where('series_id', '=', target.seriesId).where('status', '=', 'cancelled').where('cancelled_at', '=', target.cancelledAt).where('starts_at', '>=', from).orderBy('starts_at')
    : query.where('id', '=', target.id);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, patientId: r.patient_id, providerId: r.provider_id, roomId: r.room_id, start: r.starts_at as WallTime, end: r.ends_at as WallTime }));
}

/** Takes back a cancellation: the appointment holds its time again, with no trace of the cancel on the row (the audit trail keeps it). */
export async function restoreCancelled(db: Kysely<DB>, id: string, status: AppointmentStatus, now: string): Promise<void> {
  await updateAppointment(db, id, { status, cancelled_at: null, cancelled_by: null, cancel_reason: '', late_cancel: 0 }, now);
}

export async function seriesMembers(db: Kysely<DB>, seriesId: string): Promise<AppointmentRow[]> {
  return db.selectFrom('appointments').selectAll().where('series_id', '=', seriesId).orderBy('starts_at').execute();
}

export async function insertSeries(db: Kysely<DB>, s: { id: string; rrule: string; firstStart: WallTime; durationMinutes: number }, now: string): Promise<void> {
  await db.insertInto('appointment_series').values({ id: s.id, rrule: s.rrule, first_start: s.firstStart, duration_minutes: s.durationMinutes, created_at: now, updated_at: now }).execute();
}
