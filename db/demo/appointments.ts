import type { Kysely } from 'kysely';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import type { AppointmentStatus } from '../../shared/domain/appointments';
import { occurrences, toRRule } from '../../shared/domain/recurrence';
import { isoWeekday, addDays, daysBetween, offsetAt, wallFromMinutes, wallMinutes, type WallTime } from '../../shared/domain/time';
import { insertSeries } from '../appointments';
import { saveType } from '../appointment-types';
import type { AppointmentsTable, DB } from '../schema';
import type { DemoRandom } from './random';
import type { DemoProvider, DemoStaffResult } from './staff';

/** The demo clinic's appointment types, most common first (weights are how often each is booked). */
const TYPES: Array<Omit<AppointmentType, 'id'> & { weight: number; reasons: string[] }> = [
  { name: 'Follow-up', durationMinutes: 15, colour: '#2b6cb0', roomKind: 'exam', providerRoles: ['physician', 'np_pa'], active: true, weight: 34, reasons: ['Blood pressure check', 'Diabetes review', 'Medication review', 'Lab results'] },
  { name: 'Sick visit', durationMinutes: 15, colour: '#c53030', roomKind: 'exam', providerRoles: ['physician', 'np_pa'], active: true, weight: 20, reasons: ['Sore throat', 'Cough and fever', 'Back pain', 'Rash', 'Ear pain'] },
  { name: 'Annual physical', durationMinutes: 30, colour: '#2f855a', roomKind: 'exam', providerRoles: ['physician', 'np_pa'], active: true, weight: 16, reasons: ['Yearly check-up', 'Sports physical', 'Medicare wellness visit'] },
  { name: 'New patient', durationMinutes: 45, colour: '#6b46c1', roomKind: 'exam', providerRoles: ['physician', 'np_pa'], active: true, weight: 8, reasons: ['New to the practice', 'Transfer of care'] },
  { name: 'Vaccination', durationMinutes: 15, colour: '#0987a0', roomKind: 'exam', providerRoles: ['physician', 'np_pa'], active: true, weight: 8, reasons: ['Flu shot', 'Tdap booster', 'Shingles vaccine', 'Allergy shot'] },
  { name: 'Procedure', durationMinutes: 30, colour: '#b7791f', roomKind: 'procedure', providerRoles: ['physician'], active: true, weight: 4, reasons: ['Skin tag removal', 'Joint injection', 'Wart freezing'] },
  { name: 'Telehealth', durationMinutes: 15, colour: '#4a5568', roomKind: null, providerRoles: ['physician', 'np_pa'], active: true, weight: 10, reasons: ['Refill request', 'Results call', 'Follow-up by video'] },
];
const RETIRED = { name: 'Sports physical (old)', durationMinutes: 20, colour: '#718096', roomKind: 'exam' as const, providerRoles: ['physician' as const], active: false };

const OPENING: Record<number, [string, string] | null> = { 1: ['08:00', '17:00'], 2: ['08:00', '17:00'], 3: ['08:00', '19:00'], 4: ['08:00', '17:00'], 5: ['08:00', '16:00'], 6: ['09:00', '12:00'], 7: null };
const SLOTS = 288; // five-minute slots in a day
const CANCEL_REASONS = { patient: ['Feeling better', 'Work conflict', 'Childcare', 'Transport fell through', 'Moved away'], clinic: ['Provider ill', 'Snow day', 'Double-booked by mistake'] };

export interface DemoAppointmentsOptions {
  random: DemoRandom;
  newId: () => string;
  today: string;
  /** The clinic's wall-clock time now, when today is the real today; statuses of today's visits follow it. */
  nowTime: string;
  now: string;
  zone: string;
  historyDays: number;
  aheadDays: number;
  staff: DemoStaffResult;
  patientIds: readonly string[];
  /** The clinic's closure days: no appointments on them. */
  closedDays?: ReadonlySet<string>;
  createdBy: string;
  progress: (done: number, total: number) => void;
}

type Row = AppointmentsTable;

/**
 * Years of visits for the demo clinic: each provider's days filled from their
 * shifts (or, before the roster was kept, their usual pattern), rooms never
 * double-booked, statuses that follow the clock, a few recurring series and a
 * waitlist. Returns how many appointments were written.
 */
export async function seedDemoAppointments(db: Kysely<DB>, o: DemoAppointmentsOptions): Promise<number> {
  const { random, newId, today, now } = o;
  const types = TYPES.map((t) => ({ ...t, id: newId() }));
  for (const t of types) await saveType(db, t, false, now);
  await saveType(db, { ...RETIRED, id: newId() }, false, now);
  const totalWeight = types.reduce((sum, t) => sum + t.weight, 0);
  const pickType = () => {
    let n = random.next() * totalWeight;
    for (const t of types) if ((n -= t.weight) < 0) return t;
    return types[0]!;
  };

  const first = addDays(today, -o.historyDays);
  const last = addDays(today, o.aheadDays);
  const shifts = await shiftsByProviderDay(db, o.staff.providers, first, last);
  const timeOff = await timeOffDays(db, o.staff.providers, first, last);
  const roomsOf = (kind: string) => o.staff.rooms.filter((r) => r.kind === kind);
  const nowMinute = minutesOf(o.nowTime);
  const nowWall = `${today}T${o.nowTime}`;
  /** The instant of a wall-clock time (plus minutes), never later than now. */
  const instant = (wall: WallTime, plusMinutes = 0) => {
    const minutes = Math.min(wallMinutes(wall) + plusMinutes, wall.slice(0, 10) === today ? wallMinutes(nowWall) : Number.POSITIVE_INFINITY);
    return new Date((minutes - offsetAt(wall, o.zone)) * 60_000).toISOString();
  };

  // Recurring series first, so the day filler works around them.
  const reserved = new Map<string, Array<{ row: Row }>>();
  const rows: Row[] = [];
  let written = 0;
  const flush = async (force: boolean) => {
    if (rows.length < 2000 && !force) return;
    for (let i = 0; i < rows.length; i += 400) await db.insertInto('appointments').values(rows.slice(i, i + 400)).execute();
    written += rows.length;
    rows.length = 0;
  };

  const row = (p: { providerId: string; patientId: string; type: (typeof types)[number]; roomId: string | null; start: WallTime; end: WallTime; seriesId?: string; seriesIndex?: number }): Row => {
    const status = statusFor(p.start, p.end);
    const r: Row = {
      id: newId(),
      patient_id: p.patientId,
      provider_id: p.providerId,
      room_id: p.roomId,
      type_id: p.type.id,
      starts_at: p.start,
      ends_at: p.end,
      status,
      reason: random.pick(p.type.reasons),
      note: random.chance(0.03) ? random.pick(['Needs interpreter', 'Bring previous records', 'Wheelchair access', 'Fasting for labs']) : '',
      series_id: p.seriesId ?? null,
      series_index: p.seriesIndex ?? null,
      arrived_at: null,
      in_room_at: null,
      completed_at: null,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: '',
      late_cancel: 0,
      override_reason: '',
      created_by: o.createdBy,
      created_at: now,
      updated_at: now,
    };
    const wait = random.int(0, 25);
    if (status === 'completed' || status === 'in_room' || status === 'arrived') r.arrived_at = instant(p.start, -random.int(0, 15));
    if (status === 'completed' || status === 'in_room') r.in_room_at = instant(p.start, wait);
    if (status === 'completed') r.completed_at = instant(p.end, wait + random.int(-3, 8));
    if (status === 'arrived' && p.start.slice(0, 10) === today) r.arrived_at = instant(nowWall, -random.int(2, 22));
    if (status === 'cancelled') {
      const by = random.chance(0.8) ? 'patient' : 'clinic';
      const late = by === 'patient' && random.chance(0.3);
      r.cancelled_by = by;
      r.cancel_reason = random.pick(CANCEL_REASONS[by]);
      r.late_cancel = late ? 1 : 0;
      r.cancelled_at = instant(p.start, late ? -random.int(60, 20 * 60) : -random.int(26 * 60, 14 * 24 * 60));
      if (r.cancelled_at > now && p.start.slice(0, 10) > today) r.cancelled_at = now;
    }
    return r;
  };

  /** Statuses that follow the clock: done in the past, in progress around now, booked ahead. */
  function statusFor(start: WallTime, end: WallTime): AppointmentStatus {
    const day = start.slice(0, 10);
    const past = day < today || (day === today && minutesOf(end.slice(11)) <= nowMinute);
    const roll = random.next();
    if (past) return roll < 0.86 ? 'completed' : roll < 0.9 ? 'no_show' : roll < 0.97 ? 'cancelled' : 'completed';
    if (day === today) {
      const s = minutesOf(start.slice(11));
      if (s <= nowMinute) return roll < 0.7 ? 'in_room' : 'arrived';
      if (s - nowMinute <= 30) return roll < 0.5 ? 'arrived' : 'confirmed';
      return roll < 0.03 ? 'cancelled' : roll < 0.75 ? 'confirmed' : 'booked';
    }
    const ahead = daysBetween(today, day);
    if (roll < 0.03) return 'cancelled';
    return ahead <= 2 && roll < 0.7 ? 'confirmed' : 'booked';
  }

  const seriesPlans = [
    { weeksBack: 6, rule: { freq: 'weekly' as const, interval: 1, count: 16 }, time: '08:30', type: 'Vaccination', reason: 'Allergy shot' },
    { weeksBack: 2, rule: { freq: 'weekly' as const, interval: 2, count: 10 }, time: '14:00', type: 'Follow-up', reason: 'Wound check' },
    { weeksBack: 9, rule: { freq: 'monthly' as const, interval: 1, monthlyBy: 'weekday' as const, count: 12 }, time: '11:00', type: 'Follow-up', reason: 'B12 injection' },
  ];
  const active = o.staff.providers.filter((p) => p.startDate <= first);
  for (const [i, plan] of seriesPlans.entries()) {
    const provider = active[i % Math.max(1, active.length)] ?? o.staff.providers[i % o.staff.providers.length]!;
    let day = addDays(today, -plan.weeksBack * 7);
    while (!(provider.days.includes(isoWeekday(day)) && isoWeekday(day) <= 5)) day = addDays(day, 1);
    const firstStart = `${day}T${plan.time}`;
    const type = types.find((t) => t.name === plan.type)!;
    const rrule = toRRule(plan.rule, firstStart, o.zone);
    const seriesId = newId();
    await insertSeries(db, { id: seriesId, rrule, firstStart, durationMinutes: type.durationMinutes }, now);
    const patientId = o.patientIds[i]!;
    for (const [index, start] of occurrences(rrule, firstStart, o.zone).entries()) {
      // A series occurrence on a holiday was not booked (the booking would have been refused).
      if (o.closedDays?.has(start.slice(0, 10))) continue;
      const end = wallFromMinutes(wallMinutes(start) + type.durationMinutes);
      const r = row({ providerId: provider.id, patientId, type, roomId: null, start, end, seriesId, seriesIndex: index });
      r.reason = plan.reason;
      const key = `${provider.id}|${start.slice(0, 10)}`;
      reserved.set(key, [...(reserved.get(key) ?? []), { row: r }]);
    }
  }

  const days = daysBetween(first, last) + 1;
  for (let d = 0; d < days; d++) {
    const day = addDays(first, d);
    if (d % 30 === 0) o.progress(d, days);
    const weekday = isoWeekday(day);
    const open = OPENING[weekday];
    if (!open || o.closedDays?.has(day)) continue;
    const rooms = new Map<string, Uint8Array>();
    const roomBusy = (id: string) => rooms.get(id) ?? rooms.set(id, new Uint8Array(SLOTS)).get(id)!;
    const patientsToday = new Set<string>();
    // How full a day is: history busy, the near future filling up, months ahead sparse.
    const ahead = daysBetween(today, day);
    const gap = ahead <= 0 ? 0.15 : ahead <= 7 ? 0.15 + ahead * 0.03 : Math.min(0.85, 0.35 + ahead / 180);

    for (const provider of o.staff.providers) {
      if (day < provider.startDate || timeOff.has(`${provider.id}|${day}`)) continue;
      const hours = workingHours(provider, day, weekday, open, shifts, o.staff.rosterFrom);
      if (!hours) continue;
      const busy = new Uint8Array(SLOTS);
      const lunchStart = hours.breakMinutes ? minutesOf('12:00') : -1;
      const lunchEnd = lunchStart + hours.breakMinutes;
      for (const { row: r } of reserved.get(`${provider.id}|${day}`) ?? []) {
        const type = types.find((t) => t.id === r.type_id)!;
        const room = type.roomKind ? roomsOf(type.roomKind).find((x) => isFree(roomBusy(x.id), r.starts_at, r.ends_at)) : undefined;
        r.room_id = room?.id ?? null;
        if (room) mark(roomBusy(room.id), r.starts_at, r.ends_at);
        mark(busy, r.starts_at, r.ends_at);
        patientsToday.add(r.patient_id);
        rows.push(r);
      }
      let t = hours.start;
      while (t < hours.end) {
        if (t >= lunchStart && t < lunchEnd) {
          t = lunchEnd;
          continue;
        }
        if (random.chance(gap)) {
          t += 15;
          continue;
        }
        let type = pickType();
        const end = t + type.durationMinutes;
        if (end > hours.end || (t < lunchStart && end > lunchStart)) {
          t += 15;
          continue;
        }
        const start = `${day}T${hhmm(t)}`;
        const endWall = `${day}T${hhmm(end)}`;
        if (!isFree(busy, start, endWall)) {
          t += 15;
          continue;
        }
        let roomId: string | null = null;
        if (type.roomKind) {
          const room = roomsOf(type.roomKind).find((x) => isFree(roomBusy(x.id), start, endWall));
          if (room) roomId = room.id;
          else if (type.durationMinutes === 15) type = types.find((x) => x.roomKind === null)!;
          else {
            t += 15;
            continue;
          }
        }
        let patientId = random.pick(o.patientIds);
        for (let tries = 0; patientsToday.has(patientId) && tries < 5; tries++) patientId = random.pick(o.patientIds);
        if (patientsToday.has(patientId)) {
          t += 15;
          continue;
        }
        const r = row({ providerId: provider.id, patientId, type, roomId, start, end: endWall });
        rows.push(r);
        if (r.status === 'cancelled') continue; // the slot is free again; the next pass may fill it
        patientsToday.add(patientId);
        mark(busy, start, endWall);
        if (roomId) mark(roomBusy(roomId), start, endWall);
        t = end;
      }
    }
    await flush(false);
  }
  await flush(true);
  o.progress(days, days);

  // The waitlist: entries waiting, urgent ones among them, and a couple closed.
  const entries = Math.max(6, Math.round(o.patientIds.length / 1500));
  for (let i = 0; i < entries; i++) {
    const provider = random.chance(0.5) ? [random.pick(o.staff.providers).id] : [];
    const weekdays = random.chance(0.5) ? [random.int(1, 5)] : [];
    const morning = random.chance(0.5);
    await db
      .insertInto('waitlist')
      .values({
        id: newId(),
        patient_id: o.patientIds[o.patientIds.length - 1 - i]!,
        type_id: random.pick(types.filter((t) => t.roomKind !== 'procedure')).id,
        provider_ids: JSON.stringify(provider),
        weekdays: JSON.stringify(weekdays),
        time_from: morning ? '08:00' : '12:00',
        time_to: morning ? '12:00' : '17:00',
        urgency: i % 5 === 0 ? 'urgent' : i % 3 === 0 ? 'soon' : 'routine',
        note: random.pick(['Wants the first cancellation', 'Can come at short notice', 'Mornings only, works afternoons', '']),
        status: i >= entries - 2 ? 'closed' : 'waiting',
        appointment_id: null,
        added_by: 'reception',
        closed_at: i >= entries - 2 ? now : null,
        created_at: new Date(Date.parse(now) - (entries - i) * 86_400_000).toISOString(),
        updated_at: now,
      })
      .execute();
  }
  return written;
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function span(start: WallTime, end: WallTime): [number, number] {
  return [minutesOf(start.slice(11)) / 5, minutesOf(end.slice(11)) / 5];
}

function isFree(busy: Uint8Array, start: WallTime, end: WallTime): boolean {
  const [a, b] = span(start, end);
  for (let i = a; i < b; i++) if (busy[i]) return false;
  return true;
}

function mark(busy: Uint8Array, start: WallTime, end: WallTime): void {
  const [a, b] = span(start, end);
  busy.fill(1, a, b);
}

/** A provider's bookable hours on a day: their shift when the roster covers the day, else their usual pattern; inside opening hours. */
function workingHours(
  provider: DemoProvider,
  day: string,
  weekday: number,
  open: [string, string],
  shifts: Map<string, { start: string; end: string; breakMinutes: number }>,
  rosterFrom: string,
): { start: number; end: number; breakMinutes: number } | null {
  let start: string;
  let end: string;
  let breakMinutes: number;
  if (day >= rosterFrom) {
    const shift = shifts.get(`${provider.id}|${day}`);
    if (!shift) return null;
    ({ start, end, breakMinutes } = shift);
  } else {
    if (!provider.days.includes(weekday)) return null;
    [start, end, breakMinutes] = weekday === 6 ? ['09:00', '12:00', 0] : [provider.start, provider.end, provider.breakMinutes];
  }
  const from = Math.max(minutesOf(start), minutesOf(open[0]));
  const to = Math.min(minutesOf(end), minutesOf(open[1]));
  // Appointments start on the quarter hour.
  return to > from ? { start: Math.ceil(from / 15) * 15, end: to, breakMinutes } : null;
}

async function shiftsByProviderDay(db: Kysely<DB>, providers: readonly DemoProvider[], first: string, last: string) {
  const rows = await db
    .selectFrom('shifts')
    .select(['staff_id', 'starts_at', 'ends_at', 'break_minutes'])
    .where(
      'staff_id',
      'in',
      providers.map((p) => p.id),
    )
    .where('starts_at', '>=', `${first}T00:00`)
    .where('starts_at', '<', `${addDays(last, 1)}T00:00`)
    .execute();
  return new Map(rows.map((r) => [`${r.staff_id}|${r.starts_at.slice(0, 10)}`, { start: r.starts_at.slice(11), end: r.ends_at.slice(11), breakMinutes: r.break_minutes }]));
}

/** Days a provider is away on approved time off (any part of the day counts, to keep the demo simple). */
async function timeOffDays(db: Kysely<DB>, providers: readonly DemoProvider[], first: string, last: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('time_off')
    .select(['staff_id', 'starts_at', 'ends_at'])
    .where(
      'staff_id',
      'in',
      providers.map((p) => p.id),
    )
    .where('status', '=', 'approved')
    .where('ends_at', '>', `${first}T00:00`)
    .where('starts_at', '<', `${addDays(last, 1)}T00:00`)
    .execute();
  const out = new Set<string>();
  for (const r of rows) {
    for (let day = r.starts_at.slice(0, 10); `${day}T00:00` < r.ends_at; day = addDays(day, 1)) out.add(`${r.staff_id}|${day}`);
  }
  return out;
}
