import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { appointmentsBetween } from '../../db/appointments';
import { DB_FILE, type KeelDatabase } from '../../db/open';
import { openKeelApp } from '../../electron/core/app';
import { createRouter } from '../../electron/core/router';
import { findOpenSlots } from '../../electron/core/schedule-service';
import type { ClinicClock } from '../../shared/domain/time';
import { providerAvailability } from '../../electron/core/roster-service';
import { listTypes } from '../../db/appointment-types';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import { HOLDS_TIME } from '../../shared/domain/appointments';
import { addDays, wallFromMinutes, wallMinutes } from '../../shared/domain/time';
import { compare, type Comparison } from './harness';

const ZONE = 'America/New_York';
const HOLDING = HOLDS_TIME.map((s) => `'${s}'`).join(', ');

/** One clinic's schedule operations, ready to time: each with the raw better-sqlite3 floor returning the same rows. */
interface ScheduleOps {
  dayView: () => Promise<unknown>;
  dayFloor: () => unknown;
  weekView: () => Promise<unknown>;
  weekFloor: () => unknown;
  nextSlot: () => Promise<unknown>;
  nextSlotFloor: () => unknown;
}

async function opsFor(database: KeelDatabase, today: string): Promise<{ ops: ScheduleOps; providerIds: string[]; type: AppointmentType }> {
  const raw: Database.Database = database.sqlite;
  const providerIds = (raw.prepare('select id from staff where active = 1 and bookable = 1 order by full_name, id limit 10').all() as Array<{ id: string }>).map((r) => r.id);
  if (providerIds.length < 10) throw new Error('the benchmark clinic needs 10 providers');
  // The Monday after the benchmark's today: a full day in the near future.
  const day = addDays(today, ((8 - new Date(`${today}T12:00:00Z`).getUTCDay()) % 7) || 7);
  const marks = providerIds.map(() => '?').join(', ');
  const view = raw.prepare(`
    select a.*, p.first_name, p.last_name, p.preferred_name, p.mrn, p.dob, p.phone_mobile, p.phone_home, p.phone_work,
           s.full_name as provider_name, t.name as type_name, t.colour, r.name as room_name
    from appointments a join patients p on p.id = a.patient_id join staff s on s.id = a.provider_id
      join appointment_types t on t.id = a.type_id left join rooms r on r.id = a.room_id
    where a.starts_at >= ? and a.starts_at < ? and a.ends_at > ? and a.status <> 'cancelled' and a.provider_id in (${marks})
    order by a.starts_at, a.provider_id`);
  const range = (from: string, days: number) => [wallFromMinutes(wallMinutes(`${from}T00:00`) - 480), `${addDays(from, days)}T00:00`, `${from}T00:00`] as const;

  const type = (await listTypes(database.db)).find((t) => t.name === 'Follow-up')!;
  const clock: ClinicClock = { zone: ZONE, dateOrder: 'MDY', today, now: `${today}T12:00`, slotMinutes: 15 };
  const to = addDays(today, 59);
  const examRooms = (raw.prepare(`select id from rooms where active = 1 and kind = 'exam'`).all() as Array<{ id: string }>).map((r) => r.id);
  const statements = {
    providers: raw.prepare(`select * from staff where active = 1 and bookable = 1 order by full_name, id`),
    shifts: raw.prepare(`select * from shifts where deleted_at is null and starts_at >= ? and starts_at < ? and ends_at > ? and staff_id in (select id from staff where bookable = 1) order by starts_at, staff_id`),
    timeOff: raw.prepare(`select time_off.*, staff.full_name from time_off join staff on staff.id = time_off.staff_id where time_off.starts_at >= ? and time_off.starts_at < ? and time_off.ends_at > ? and time_off.status = 'approved' and staff.bookable = 1`),
    rostered: raw.prepare(`select distinct staff_id from shifts where deleted_at is null and staff_id in (select id from staff where bookable = 1)`),
    hours: raw.prepare('select weekday, opens, closes from opening_hours order by weekday'),
    rooms: raw.prepare('select * from rooms where active = 1 order by name'),
    requirements: raw.prepare('select staff_role, kind from credential_requirements'),
    credentials: raw.prepare('select staff_id, kind, expires_on from credentials where archived_at is null and staff_id in (select id from staff where bookable = 1)'),
    byProvider: raw.prepare(`select id, provider_id, room_id, starts_at, ends_at from appointments where starts_at >= ? and starts_at < ? and ends_at > ? and status in (${HOLDING}) and provider_id in (select id from staff where bookable = 1)`),
    byRoom: raw.prepare(`select id, provider_id, room_id, starts_at, ends_at from appointments where starts_at >= ? and starts_at < ? and ends_at > ? and status in (${HOLDING}) and room_id in (${examRooms.map(() => '?').join(', ')})`),
  };
  const [earliest, end, start] = range(today, 60);

  return {
    providerIds,
    type,
    ops: {
      dayView: () => appointmentsBetween(database.db, `${day}T00:00`, `${addDays(day, 1)}T00:00`, { providerIds }),
      dayFloor: () => view.all(...range(day, 1), ...providerIds),
      weekView: () => appointmentsBetween(database.db, `${day}T00:00`, `${addDays(day, 7)}T00:00`, { providerIds }),
      weekFloor: () => view.all(...range(day, 7), ...providerIds),
      nextSlot: () => findOpenSlots(database.db, { type, from: today, to, days: 10 }, clock),
      nextSlotFloor: () => {
        // Every row the search weighs, read the plainest way; the floor does none of the working out.
        statements.providers.all();
        statements.shifts.all(`${addDays(today, -2)}T00:00`, end, start);
        statements.timeOff.all(`${addDays(today, -367)}T00:00`, end, start);
        statements.rostered.all();
        statements.hours.all();
        statements.rooms.all();
        statements.requirements.all();
        statements.credentials.all();
        statements.byProvider.all(earliest, end, start);
        statements.byRoom.all(earliest, end, start, ...examRooms);
      },
    },
  };
}

/** Free 15-minute slots in providers' shifts 30–90 days ahead, each with a free exam room and a patient free that day. */
async function freeSlots(database: KeelDatabase, today: string, count: number): Promise<Array<{ providerId: string; roomId: string; patientId: string; start: string }>> {
  const raw = database.sqlite;
  const from = addDays(today, 30);
  const to = addDays(today, 90);
  const availability = await providerAvailability(database.db, from, to);
  const busy = raw.prepare(`select provider_id, room_id, patient_id, starts_at, ends_at from appointments where starts_at >= ? and starts_at < ? and status in (${HOLDING})`).all(`${from}T00:00`, `${to}T23:59`) as Array<{
    provider_id: string;
    room_id: string | null;
    patient_id: string;
    starts_at: string;
    ends_at: string;
  }>;
  const taken = new Set<string>();
  const hold = (key: string, s: number, e: number) => {
    for (let m = s; m < e; m += 5) taken.add(`${key}@${m}`);
  };
  const free = (key: string, s: number, e: number) => {
    for (let m = s; m < e; m += 5) if (taken.has(`${key}@${m}`)) return false;
    return true;
  };
  for (const b of busy) {
    const [s, e] = [wallMinutes(b.starts_at), wallMinutes(b.ends_at)];
    hold(b.provider_id, s, e);
    if (b.room_id) hold(b.room_id, s, e);
    hold(b.patient_id, s - 1440, e + 1440);
  }
  const rooms = (raw.prepare(`select id from rooms where active = 1 and kind = 'exam'`).all() as Array<{ id: string }>).map((r) => r.id);
  const patients = (raw.prepare('select id from patients where active = 1 and merged_into is null order by id limit 5000').all() as Array<{ id: string }>).map((r) => r.id);
  const out: Array<{ providerId: string; roomId: string; patientId: string; start: string }> = [];
  let p = 0;
  for (const provider of availability) {
    for (const interval of provider.intervals) {
      for (let s = Math.ceil(wallMinutes(interval.start) / 15) * 15; s + 15 <= wallMinutes(interval.end); s += 15) {
        if (!free(provider.staffId, s, s + 15)) continue;
        const room = rooms.find((r) => free(r, s, s + 15));
        if (!room) continue;
        let patient = patients[p++ % patients.length]!;
        for (let tries = 0; !free(patient, s, s + 15) && tries < 20; tries++) patient = patients[p++ % patients.length]!;
        if (!free(patient, s, s + 15)) continue;
        hold(provider.staffId, s, s + 15);
        hold(room, s, s + 15);
        hold(patient, s - 1440, s + 1455);
        out.push({ providerId: provider.staffId, roomId: room, patientId: patient, start: wallFromMinutes(s) });
        if (out.length >= count) return out;
      }
    }
  }
  throw new Error(`only ${out.length} free slots for the booking benchmark`);
}

/**
 * Booking through the whole stack (validation, session, permission, conflict
 * check in the transaction, insert, audit) on a copy of the clinic, against raw
 * better-sqlite3 doing the three overlap reads, the insert and the audit row in
 * a transaction.
 */
async function bookingOps(clinicDir: string, today: string, rounds: number) {
  const dir = fs.mkdtempSync(path.join(path.dirname(clinicDir), 'book-'));
  fs.copyFileSync(path.join(clinicDir, DB_FILE), path.join(dir, DB_FILE));
  const app = await openKeelApp(dir, { now: () => new Date(`${today}T17:00:00.000Z`), logError: () => {} });
  const router = createRouter(app);
  const login = await router.call({ channel: 'auth.login', input: { username: 'reception', password: 'keel-demo-reception' }, token: null });
  if (!login.session || !('start' in login.session)) throw new Error('benchmark sign-in failed');
  const token = login.session.start;
  const type = (await listTypes(app.db)).find((t) => t.name === 'Follow-up')!;
  const slots = await freeSlots(app.database, today, rounds);
  const raw = app.database.sqlite;
  const overlap = (column: string) => raw.prepare(`select id from appointments where ${column} = ? and starts_at >= ? and starts_at < ? and ends_at > ? and status in (${HOLDING})`);
  const [byProvider, byRoom, byPatient] = [overlap('provider_id'), overlap('room_id'), overlap('patient_id')];
  const insert = raw.prepare(`insert into appointments (id, patient_id, provider_id, room_id, type_id, starts_at, ends_at, status, reason, note, series_id, series_index, cancel_reason, late_cancel, override_reason, created_by, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, 'booked', '', '', null, null, '', 0, '', 'reception', ?, ?)`);
  const audit = raw.prepare(`insert into audit_log (id, at, user_id, username, action, kind, outcome, target_id, patient_id, detail, created_at, updated_at) values (?, ?, null, 'reception', 'appointments.book', 'write', 'ok', ?, ?, null, ?, ?)`);
  const floorBook = raw.transaction((slot: (typeof slots)[number], n: number) => {
    const end = wallFromMinutes(wallMinutes(slot.start) + 15);
    const earliest = wallFromMinutes(wallMinutes(slot.start) - 480);
    byProvider.all(slot.providerId, earliest, end, slot.start);
    byRoom.all(slot.roomId, earliest, end, slot.start);
    byPatient.all(slot.patientId, earliest, end, slot.start);
    const id = `bench-${n}-${Math.random()}`;
    const at = new Date().toISOString();
    insert.run(id, slot.patientId, slot.providerId, slot.roomId, type.id, slot.start, end, at, at);
    audit.run(`audit-${id}`, at, id, slot.patientId, at, at);
  });
  let next = 0;
  return {
    book: async () => {
      const slot = slots[next++]!;
      const outcome = await router.call({ channel: 'appointments.book', input: { booking: { patientId: slot.patientId, providerId: slot.providerId, typeId: type.id, roomId: slot.roomId, start: slot.start, reason: '', note: '' } }, token });
      if (!outcome.result.ok) throw new Error(`benchmark booking refused: ${outcome.result.error.message}`);
    },
    floor: () => floorBook(slots[next]!, next++),
    async close() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The schedule's targets on the 10-year clinic, and each against the same operation on a 1-year clinic. */
export async function benchSchedule(tenYears: { dir: string; database: KeelDatabase }, oneYear: { dir: string; database: KeelDatabase }, today: string): Promise<Comparison[]> {
  const results: Comparison[] = [];
  const ten = await opsFor(tenYears.database, today);
  const one = await opsFor(oneYear.database, today);
  results.push(await compare('day view, 10 providers', { target: 1.3, iterations: 300, op: ten.ops.dayView, floor: ten.ops.dayFloor }));
  results.push(await compare('week view, 10 providers', { target: 1.3, iterations: 100, op: ten.ops.weekView, floor: ten.ops.weekFloor }));
  results.push(await compare('next open slot, 60 days', { target: 1.5, iterations: 100, op: ten.ops.nextSlot, floor: ten.ops.nextSlotFloor }));

  const rounds = 150;
  const warmup = 20;
  const tenBook = await bookingOps(tenYears.dir, today, (rounds + warmup) * 3);
  const oneBook = await bookingOps(oneYear.dir, today, rounds + warmup);
  try {
    results.push(await compare('book with conflict check and audit', { target: 3, iterations: rounds, warmup, op: tenBook.book, floor: tenBook.floor }));
    // History independence: the same operation on 10 years against 1 year of history.
    results.push(await compare('history: day view, 10 y ÷ 1 y', { target: 1.25, iterations: 300, op: ten.ops.dayView, floor: one.ops.dayView }));
    results.push(await compare('history: week view, 10 y ÷ 1 y', { target: 1.25, iterations: 100, op: ten.ops.weekView, floor: one.ops.weekView }));
    results.push(await compare('history: next open slot, 10 y ÷ 1 y', { target: 1.25, iterations: 100, op: ten.ops.nextSlot, floor: one.ops.nextSlot }));
    results.push(await compare('history: book, 10 y ÷ 1 y', { target: 1.25, iterations: rounds, warmup, op: tenBook.book, floor: oneBook.book }));
  } finally {
    await tenBook.close();
    await oneBook.close();
  }
  return results;
}
