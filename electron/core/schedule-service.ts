import type { Kysely } from 'kysely';
import { busyAround, busyBetween, type BusySpan } from '../../db/appointments';
import { listWaitlist } from '../../db/waitlist';
import { closuresBetween } from '../../db/closures';
import { standingsFor } from '../../db/credentials';
import { listRooms } from '../../db/rooms';
import { findPatient } from '../../db/patients';
import { timeOffBetween } from '../../db/timeoff';
import type { DB } from '../../db/schema';
import { findStaff, listStaff, type StaffRow } from '../../db/staff';
import type { Appointment, OpenSlot } from '../../shared/contract/appointments';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import type { WaitlistOffer } from '../../shared/contract/waitlist';
import { findConflicts, type Conflict, type Proposal } from '../../shared/domain/appointments';
import { patientListName } from '../../shared/domain/patients';
import { flagOn } from '../../shared/domain/roster';
import { isoWeekday, addDays, datePart, datesFrom, overlaps, timePart, wallFromMinutes, wallMinutes, type WallTime, type ClinicClock } from '../../shared/domain/time';
import { providerAvailability } from './roster-service';

/** Scheduling on top of the data layer: conflicts, open slots, waitlist offers. */

export interface BookingRequest {
  id?: string | undefined;
  patientId: string;
  providerId: string;
  roomId: string | null;
  start: WallTime;
  end: WallTime;
  /** What the caller already read about the provider, the patient and the room, so it is not read twice. */
  known?: KnownParties | undefined;
}

export interface KnownParties {
  provider: StaffRow;
  patientName: string;
  roomName: string | null;
}

/** Everything the conflict rules need about one proposed booking, read in the caller's transaction. */
export async function checkBooking(db: Kysely<DB>, b: BookingRequest, clock: ClinicClock): Promise<Conflict[]> {
  const provider = b.known?.provider ?? (await findStaff(db, b.providerId));
  const patient = b.known ? undefined : await findPatient(db, b.patientId);
  const patientName = b.known?.patientName ?? (patient ? patientListName({ firstName: patient.first_name, lastName: patient.last_name, preferredName: patient.preferred_name }) : 'The patient');
  const roomName = b.known ? b.known.roomName : b.roomId ? ((await listRooms(db, true)).find((r) => r.id === b.roomId)?.name ?? null) : null;
  const [availability] = await providerAvailability(db, datePart(b.start), datePart(b.end), [b.providerId]);
  const offs = await timeOffBetween(db, b.start, b.end, { staffIds: [b.providerId], statuses: ['approved'] });
  const standing = provider ? (await standingsFor(db, [provider])).get(provider.id) : undefined;
  const proposal: Proposal = {
    id: b.id,
    patientId: b.patientId,
    patientName,
    providerId: b.providerId,
    providerName: provider?.full_name ?? 'The provider',
    roomId: b.roomId,
    roomName,
    start: b.start,
    end: b.end,
  };
  return findConflicts(proposal, {
    overlapping: await busyAround(db, { providerId: b.providerId, roomId: b.roomId, patientId: b.patientId }, b.start, b.end),
    working: availability?.intervals ?? [],
    workingSource: availability?.source ?? 'opening_hours',
    approvedTimeOff: offs.map((o) => ({ start: o.start, end: o.end, kind: o.kind })),
    flag: flagOn(standing, datePart(b.start)),
    // The days the appointment touches (one ending at midnight does not touch the next).
    closures: await closuresBetween(db, datePart(b.start), datePart(wallFromMinutes(wallMinutes(b.end) - 1))),
    order: clock.dateOrder,
  });
}

/** A free room of the kind a type needs, for [start, end); null when none is. */
export async function freeRoom(db: Kysely<DB>, kind: string, start: WallTime, end: WallTime, exceptAppointment?: string): Promise<{ id: string; name: string } | null> {
  const rooms = (await listRooms(db)).filter((r) => r.kind === kind);
  if (rooms.length === 0) return null;
  const busy = await busyBetween(db, start, end, 'rooms', rooms.map((r) => r.id));
  const taken = new Set(busy.filter((a) => a.id !== exceptAppointment).map((a) => a.roomId));
  const room = rooms.find((r) => !taken.has(r.id));
  return room ? { id: room.id, name: room.name } : null;
}

export interface SlotSearch {
  type: AppointmentType;
  providerIds?: readonly string[] | undefined;
  from: string;
  to: string;
  weekdays?: readonly number[] | undefined;
  timeFrom?: string | undefined;
  timeTo?: string | undefined;
  days: number;
}

/**
 * The first free slot on each day (up to `days` days): in a provider's working
 * time, on the clinic's slot grid, clear of their bookings and, when the type
 * needs one, with a room of its kind free. Never in the past.
 */
export async function findOpenSlots(db: Kysely<DB>, search: SlotSearch, clock: ClinicClock): Promise<OpenSlot[]> {
  const from = search.from < clock.today ? clock.today : search.from;
  if (search.to < from) return [];
  const providers = (await listStaff(db, { bookableOnly: true, ...(search.providerIds?.length ? { ids: search.providerIds } : {}) })).filter((p) => search.type.providerRoles.includes(p.staff_role as never));
  if (providers.length === 0) return [];
  const ids = providers.map((p) => p.id);
  const availability = await providerAvailability(db, from, search.to, ids);
  const rangeStart = `${from}T00:00`;
  const rangeEnd = `${addDays(search.to, 1)}T00:00`;
  const rooms = search.type.roomKind ? (await listRooms(db)).filter((r) => r.kind === search.type.roomKind) : [];
  if (search.type.roomKind && rooms.length === 0) return [];
  // Time already held, by provider and day and by day for the rooms (an appointment spanning midnight counts on both days).
  const byDay = <K extends string>(spans: BusySpan[], key: (s: BusySpan, day: string) => K) => {
    const map = new Map<K, BusySpan[]>();
    for (const span of spans) {
      for (let day = datePart(span.start); day <= datePart(span.end); day = addDays(day, 1)) {
        const k = key(span, day);
        const list = map.get(k);
        if (list) list.push(span);
        else map.set(k, [span]);
      }
    }
    return map;
  };
  const booked = byDay(await busyBetween(db, rangeStart, rangeEnd, 'providers', ids), (a, day) => `${a.providerId}|${day}`);
  const roomBusy = rooms.length ? byDay(await busyBetween(db, rangeStart, rangeEnd, 'rooms', rooms.map((r) => r.id)), (_a, day) => day) : new Map<string, BusySpan[]>();
  const standings = await standingsFor(db, providers);
  const closed = new Set((await closuresBetween(db, from, search.to)).map((c) => c.date));
  const duration = search.type.durationMinutes;
  const step = clock.slotMinutes;
  const out: OpenSlot[] = [];

  for (const day of datesFrom(from, search.to)) {
    if (search.weekdays?.length && !search.weekdays.includes(isoWeekday(day))) continue;
    if (closed.has(day)) continue;
    let best: OpenSlot | null = null;
    for (const provider of providers) {
      if (flagOn(standings.get(provider.id), day)) continue;
      const working = availability.find((a) => a.staffId === provider.id)?.intervals.filter((w) => datePart(w.start) === day) ?? [];
      const mine = booked.get(`${provider.id}|${day}`) ?? [];
      const roomsBusy = roomBusy.get(day) ?? [];
      for (const w of working) {
        let first = Math.max(wallMinutes(w.start), wallMinutes(`${day}T${search.timeFrom ?? '00:00'}`));
        if (day === clock.today) first = Math.max(first, wallMinutes(clock.now) + 1);
        const last = Math.min(wallMinutes(w.end), wallMinutes(`${day}T${search.timeTo ?? '23:59'}`)) - duration;
        // On the clinic's slot grid, counted from midnight.
        for (let s = Math.ceil(first / step) * step; s <= last; s += step) {
          const start = wallFromMinutes(s);
          const end = wallFromMinutes(s + duration);
          if (best && start >= best.start) break;
          const clash = mine.find((a) => overlaps(a.start, a.end, start, end));
          if (clash) {
            s = Math.ceil(wallMinutes(clash.end) / step) * step - step;
            continue;
          }
          let room: { id: string; name: string } | null = null;
          if (rooms.length) {
            const free = rooms.find((r) => !roomsBusy.some((a) => a.roomId === r.id && overlaps(a.start, a.end, start, end)));
            if (!free) continue;
            room = { id: free.id, name: free.name };
          }
          best = { date: day, start, end, providerId: provider.id, providerName: provider.full_name, roomId: room?.id ?? null, roomName: room?.name ?? null };
          break;
        }
      }
    }
    if (best) {
      out.push(best);
      if (out.length >= search.days) break;
    }
  }
  return out;
}

/** Waitlist entries a freed slot suits: provider, weekday and time of day as they asked, and long enough for their type. */
export async function offersFor(db: Kysely<DB>, freed: Appointment, types: readonly AppointmentType[]): Promise<WaitlistOffer> {
  const length = wallMinutes(freed.end) - wallMinutes(freed.start);
  const weekday = isoWeekday(datePart(freed.start));
  const startTime = timePart(freed.start);
  // A slot freed on a closure day is no slot at all.
  const closed = (await closuresBetween(db, datePart(freed.start), datePart(freed.start))).length > 0;
  const entries = (closed ? [] : await listWaitlist(db, 'waiting')).filter((w) => {
    const type = types.find((t) => t.id === w.typeId);
    if (!type || type.durationMinutes > length) return false;
    if (w.providerIds.length && !w.providerIds.includes(freed.providerId)) return false;
    if (w.weekdays.length && !w.weekdays.includes(weekday)) return false;
    return startTime >= w.timeFrom && startTime < w.timeTo && w.patient.id !== freed.patient.id;
  });
  return { slot: { start: freed.start, end: freed.end, providerId: freed.providerId, providerName: freed.providerName }, entries };
}
