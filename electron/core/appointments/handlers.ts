import { type AppointmentRow, appointmentsBetween, findAppointment, insertAppointments, insertSeries, patientAppointments, patientMisses, seriesMembers, updateAppointment } from '../../../db/appointments';
import { findType } from '../../../db/appointment-types';
import { closuresBetween } from '../../../db/closures';
import { findRoom } from '../../../db/rooms';
import { findPatient } from '../../../db/patients';
import { findStaff } from '../../../db/staff';
import type { AppointmentType } from '../../../shared/contract/appointment-types';
import type { appointmentsContract } from '../../../shared/contract/appointments';
import { type FieldIssue, KeelError, fieldError } from '../../../shared/contract/index';
import { type AppointmentStatus, type Conflict, STATUS_LABELS, STATUS_MOVES } from '../../../shared/domain/appointments';
import { patientListName } from '../../../shared/domain/patients';
import { RecurrenceError, type RepeatRule, occurrences, toRRule, workdaySeries } from '../../../shared/domain/recurrence';
import { ROOM_KIND_LABELS } from '../../../shared/domain/staff';
import { type WallTime, addDays, wallFromMinutes, wallMinutes } from '../../../shared/domain/time';
import { can, ownStaff, clinicClock } from '../handlers/clinic-time';
import type { HandlerContext, HandlersFor } from '../handlers/types';
import { type KnownParties, checkBooking, findOpenSlots, freeRoom } from '../schedule-service';
import { appointmentsDayHandlers } from './day';
import { appointmentsUndoHandlers } from './undo';

async function typeOf(ctx: HandlerContext, typeId: string, field = 'booking.typeId'): Promise<AppointmentType> {
  const type = await findType(ctx.db, typeId);
  if (!type) throw fieldError(field, 'No such appointment type');
  if (!type.active) throw fieldError(field, `“${type.name}” is retired`);
  return type;
}

async function existing(ctx: HandlerContext, id: string) {
  const found = await findAppointment(ctx.db, id);
  if (!found) throw new KeelError('not_found', 'That appointment does not exist.');
  return found;
}

interface Parts {
  patientId: string;
  providerId: string;
  typeId: string;
  roomId: string | null;
  start: WallTime;
  end?: WallTime | undefined;
}

/** Checks who, what and where, fills in the end from the type and a free room of the kind it needs. */
async function resolveBooking(ctx: HandlerContext, b: Parts, prefix: string, exceptId?: string): Promise<{ start: WallTime; end: WallTime; roomId: string | null; type: AppointmentType; known: KnownParties }> {
  const type = await typeOf(ctx, b.typeId, `${prefix}typeId`);
  const patient = await findPatient(ctx.db, b.patientId);
  if (!patient) throw fieldError(`${prefix}patientId`, 'No such patient');
  if (patient.merged_into) throw fieldError(`${prefix}patientId`, 'This record was merged into another; book the record that was kept');
  const provider = await findStaff(ctx.db, b.providerId);
  if (!provider || provider.active !== 1) throw fieldError(`${prefix}providerId`, 'No such provider');
  if (provider.bookable !== 1) throw fieldError(`${prefix}providerId`, `${provider.full_name} is not a bookable provider`);
  if (!type.providerRoles.includes(provider.staff_role as never)) throw fieldError(`${prefix}providerId`, `${provider.full_name} cannot be booked for “${type.name}”`);
  const end = b.end ?? wallFromMinutes(wallMinutes(b.start) + type.durationMinutes);
  if (b.end && wallMinutes(b.end) <= wallMinutes(b.start)) throw fieldError(`${prefix}end`, 'The appointment ends before it starts');
  let roomId = b.roomId;
  let roomName: string | null = null;
  if (roomId) {
    const room = await findRoom(ctx.db, roomId);
    if (!room || !room.active) throw fieldError(`${prefix}roomId`, 'No such room');
    if (type.roomKind && room.kind !== type.roomKind) throw fieldError(`${prefix}roomId`, `“${type.name}” needs a ${ROOM_KIND_LABELS[type.roomKind].toLowerCase()} room; ${room.name} is not one`);
    roomName = room.name;
  } else if (type.roomKind) {
    const room = await freeRoom(ctx.db, type.roomKind, b.start, end, exceptId);
    if (!room) throw new KeelError('conflict', `No ${ROOM_KIND_LABELS[type.roomKind].toLowerCase()} room is free then.`);
    roomId = room.id;
    roomName = room.name;
  }
  const patientName = patientListName({ firstName: patient.first_name, lastName: patient.last_name, preferredName: patient.preferred_name });
  return { start: b.start, end, roomId, type, known: { provider, patientName, roomName } };
}

/** Refuses a booking that clashes, unless every clash may be overridden and a manager gave a reason. */
function judge(ctx: HandlerContext, conflicts: Conflict[], override: { reason: string } | undefined): string {
  if (conflicts.length === 0) return '';
  const hard = conflicts.filter((c) => !c.overridable);
  const issues: FieldIssue[] = conflicts.map((c) => ({ path: c.kind, message: c.message }));
  if (hard.length === 0 && override && can(ctx, 'schedule.override')) return override.reason;
  const hint = hard.length === 0 && can(ctx, 'schedule.override') ? ' As the office manager you can book anyway, with a reason.' : '';
  throw new KeelError('conflict', `${conflicts.map((c) => c.message).join('. ')}.${hint}`, issues);
}

function refusePast(ctx: HandlerContext, start: WallTime, field: string): void {
  if (start < clinicClock(ctx).now && !can(ctx, 'schedule.override')) throw fieldError(field, 'That time has passed; only the office manager can enter past appointments');
}

const MOVABLE: readonly AppointmentStatus[] = ['booked', 'confirmed'];

/** The series' RRULE and its starts; "each workday" reads the clinic's open weekdays and closure days. */
async function planSeries(ctx: HandlerContext, repeat: RepeatRule, start: WallTime): Promise<{ rrule: string; starts: WallTime[] }> {
  const zone = clinicClock(ctx).zone;
  if (repeat.freq !== 'workdays') {
    const rrule = toRRule(repeat, start, zone);
    return { rrule, starts: seriesStarts(rrule, start, zone) };
  }
  const openWeekdays = (ctx.clinic?.openingHours ?? []).filter((h) => h.opens && h.closes).map((h) => h.weekday);
  // 300 workdays of a one-day-a-week clinic is under six years.
  const closures = (await closuresBetween(ctx.db, start.slice(0, 10), addDays(start.slice(0, 10), 6 * 366))).map((c) => c.date);
  try {
    return workdaySeries(repeat, start, zone, { openWeekdays, closures });
  } catch (error) {
    if (error instanceof RecurrenceError) throw fieldError('repeat', error.message);
    throw error;
  }
}

function seriesStarts(rrule: string, start: WallTime, zone: string): WallTime[] {
  try {
    const starts = occurrences(rrule, start, zone);
    // The chosen first appointment always belongs to the series.
    return starts[0] === start ? starts : [start, ...starts.filter((s) => s > start)].slice(0, 300);
  } catch (error) {
    if (error instanceof RecurrenceError) throw fieldError('repeat', error.message);
    throw error;
  }
}

const appointmentsOwn: HandlersFor<Pick<typeof appointmentsContract, 'appointments.list' | 'appointments.get' | 'appointments.forPatient' | 'appointments.check' | 'appointments.book' | 'appointments.update' | 'appointments.setStatus' | 'appointments.previewSeries' | 'appointments.bookSeries' | 'appointments.findOpenSlots'>> = {
  'appointments.list': async (input, ctx) => {
    ctx.audit.detail = { from: input.from, to: input.to, ...(input.patientId ? { patientId: input.patientId } : {}) };
    if (input.patientId) ctx.audit.patientId = input.patientId;
    return appointmentsBetween(ctx.db, `${input.from}T00:00`, wallFromMinutes(wallMinutes(`${input.to}T00:00`) + 1440), input);
  },

  'appointments.get': async (input, ctx) => {
    const found = await existing(ctx, input.id);
    ctx.audit.patientId = found.patient.id;
    ctx.audit.targetId = found.id;
    return found;
  },

  'appointments.forPatient': async (input, ctx) => {
    const patient = await findPatient(ctx.db, input.patientId);
    if (!patient) throw new KeelError('not_found', 'That patient does not exist.');
    ctx.audit.patientId = patient.id;
    const now = clinicClock(ctx).now;
    const [upcoming, recent, misses] = await Promise.all([patientAppointments(ctx.db, patient.id, now, 'upcoming', 200), patientAppointments(ctx.db, patient.id, now, 'recent', 20), patientMisses(ctx.db, patient.id)]);
    return { upcoming, recent, ...misses };
  },

  'appointments.check': async (input, ctx) => {
    const resolved = await resolveBooking(ctx, input, '', input.id).catch((e: unknown) => {
      if (e instanceof KeelError && e.code === 'conflict') return null;
      throw e;
    });
    if (!resolved) return [{ kind: 'room', overridable: false, message: 'No room of the kind this type needs is free then' }];
    return checkBooking(ctx.db, { ...input, ...resolved }, clinicClock(ctx));
  },

  'appointments.book': async (input, ctx) => {
    const b = input.booking;
    refusePast(ctx, b.start, 'booking.start');
    const resolved = await resolveBooking(ctx, b, 'booking.');
    const clock = clinicClock(ctx);
    const conflicts = await checkBooking(ctx.db, { ...b, ...resolved }, clock);
    const overrideReason = judge(ctx, conflicts, input.override);
    const id = ctx.app.newId();
    await insertAppointments(ctx.db, [{ id, patientId: b.patientId, providerId: b.providerId, roomId: resolved.roomId, typeId: b.typeId, start: resolved.start, end: resolved.end, reason: b.reason, note: b.note, seriesId: null, seriesIndex: null, overrideReason, createdBy: ctx.user?.username ?? null }], ctx.now);
    // A patient on the waitlist for this kind of visit no longer needs a place there.
    await ctx.db.updateTable('waitlist').set({ status: 'booked', appointment_id: id, closed_at: ctx.now, updated_at: ctx.now }).where('patient_id', '=', b.patientId).where('type_id', '=', b.typeId).where('status', '=', 'waiting').execute();
    ctx.audit.patientId = b.patientId;
    ctx.audit.targetId = id;
    ctx.audit.detail = { start: resolved.start, providerId: b.providerId, ...(overrideReason ? { override: overrideReason, conflicts: conflicts.map((c) => c.kind) } : {}), ...(resolved.start < clock.now ? { backEntry: true } : {}) };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['appointments'] }));
    return (await findAppointment(ctx.db, id))!;
  },

  'appointments.update': async (input, ctx) => {
    const target = await existing(ctx, input.id);
    const scope = input.scope ?? 'this';
    const rows: AppointmentRow[] =
      scope === 'this' || !target.seriesId
        ? [(await ctx.db.selectFrom('appointments').selectAll().where('id', '=', input.id).executeTakeFirst())!]
        : (await seriesMembers(ctx.db, target.seriesId)).filter((r) => (scope === 'all' || r.starts_at >= target.start) && MOVABLE.includes(r.status as AppointmentStatus));
    if (!MOVABLE.includes(target.status)) throw new KeelError('conflict', `This appointment is ${STATUS_LABELS[target.status].toLowerCase()}; only booked or confirmed appointments can be moved or changed.`);
    const c = input.changes;
    // Moving one occurrence moves the others in scope by the same wall-clock amount.
    const shift = c.start ? wallMinutes(c.start) - wallMinutes(target.start) : 0;
    const length = c.end ? wallMinutes(c.end) - wallMinutes(c.start ?? target.start) : null;
    let overrideReason = '';
    for (const row of rows) {
      const start = wallFromMinutes(wallMinutes(row.starts_at) + shift);
      const end = length !== null ? wallFromMinutes(wallMinutes(start) + length) : wallFromMinutes(wallMinutes(row.ends_at) + shift);
      if (shift !== 0) refusePast(ctx, start, 'changes.start');
      const parts = { patientId: c.patientId ?? row.patient_id, providerId: c.providerId ?? row.provider_id, typeId: c.typeId ?? row.type_id, roomId: c.roomId !== undefined ? c.roomId : row.room_id, start, end };
      const resolved = await resolveBooking(ctx, parts, 'changes.', row.id);
      const conflicts = await checkBooking(ctx.db, { id: row.id, ...parts, ...resolved }, clinicClock(ctx));
      overrideReason = judge(ctx, conflicts, input.override) || overrideReason;
      await updateAppointment(
        ctx.db,
        row.id,
        {
          patient_id: parts.patientId,
          provider_id: parts.providerId,
          type_id: parts.typeId,
          room_id: resolved.roomId,
          starts_at: resolved.start,
          ends_at: resolved.end,
          ...(c.reason !== undefined ? { reason: c.reason } : {}),
          ...(c.note !== undefined ? { note: c.note } : {}),
          ...(overrideReason ? { override_reason: overrideReason } : {}),
        },
        ctx.now,
      );
    }
    ctx.audit.patientId = target.patient.id;
    ctx.audit.targetId = target.id;
    ctx.audit.detail = { scope, changed: Object.keys(c), appointments: rows.length, ...(overrideReason ? { override: overrideReason } : {}) };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['appointments'] }));
    return (await findAppointment(ctx.db, input.id))!;
  },

  'appointments.setStatus': async (input, ctx) => {
    const target = await existing(ctx, input.id);
    if (!can(ctx, 'schedule.manage')) {
      const own = await ownStaff(ctx);
      if (own?.id !== target.providerId) throw new KeelError('forbidden', 'Providers can change the status of their own appointments only.');
    }
    if (target.status === input.status) return target;
    if (!STATUS_MOVES[target.status].includes(input.status)) {
      throw fieldError('status', `An appointment that is ${STATUS_LABELS[target.status].toLowerCase()} cannot become ${STATUS_LABELS[input.status].toLowerCase()}`);
    }
    // Arrival and what follows happen on the day; a no-show only once the start has passed.
    const clock = clinicClock(ctx);
    if (['arrived', 'in_room', 'completed'].includes(input.status) && target.start.slice(0, 10) > clock.now.slice(0, 10)) {
      throw fieldError('status', `This appointment is on ${target.start.slice(0, 10)}: the patient can be checked in on the day`);
    }
    if (input.status === 'no_show' && target.start > clock.now) {
      throw fieldError('status', 'A patient can be marked as a no-show only once the appointment has started');
    }
    const stamps: Partial<AppointmentRow> = { status: input.status };
    if (input.status === 'arrived' && !target.arrivedAt) stamps.arrived_at = ctx.now;
    if (input.status === 'in_room') stamps.in_room_at = target.inRoomAt ?? ctx.now;
    if (input.status === 'completed') stamps.completed_at = ctx.now;
    // One step back undoes the later time stamps.
    if (input.status === 'booked' || input.status === 'confirmed') Object.assign(stamps, { arrived_at: null, in_room_at: null, completed_at: null });
    if (input.status === 'arrived') Object.assign(stamps, { in_room_at: null, completed_at: null });
    if (input.status === 'in_room') stamps.completed_at = null;
    await updateAppointment(ctx.db, input.id, stamps, ctx.now);
    ctx.audit.patientId = target.patient.id;
    ctx.audit.targetId = target.id;
    ctx.audit.detail = { from: target.status, to: input.status };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['appointments'] }));
    return (await findAppointment(ctx.db, input.id))!;
  },

  'appointments.previewSeries': async (input, ctx) => {
    const b = input.booking;
    const clock = clinicClock(ctx);
    const first = await resolveBooking(ctx, b, 'booking.').catch(() => null);
    const type = first?.type ?? (await typeOf(ctx, b.typeId));
    const length = wallMinutes(first?.end ?? wallFromMinutes(wallMinutes(b.start) + type.durationMinutes)) - wallMinutes(b.start);
    const { rrule, starts } = await planSeries(ctx, input.repeat, b.start);
    const list = [];
    for (const start of starts) {
      const end = wallFromMinutes(wallMinutes(start) + length);
      let conflicts: Conflict[];
      try {
        const resolved = await resolveBooking(ctx, { ...b, start, end }, 'booking.');
        conflicts = await checkBooking(ctx.db, { ...b, ...resolved }, clock);
      } catch (e) {
        if (!(e instanceof KeelError) || e.code !== 'conflict') throw e;
        conflicts = [{ kind: 'room', overridable: false, message: e.message.replace(/\.$/, '') }];
      }
      if (start < clock.now) conflicts.unshift({ kind: 'hours', overridable: true, message: 'That time has passed' });
      list.push({ start, end, conflicts });
    }
    return { rrule, occurrences: list };
  },

  'appointments.bookSeries': async (input, ctx) => {
    const b = input.booking;
    const clock = clinicClock(ctx);
    const type = await typeOf(ctx, b.typeId);
    const length = (b.end ? wallMinutes(b.end) : wallMinutes(b.start) + type.durationMinutes) - wallMinutes(b.start);
    const { rrule, starts } = await planSeries(ctx, input.repeat, b.start);
    const seriesId = ctx.app.newId();
    const toBook = [];
    const skipped: Array<{ start: string; conflicts: Conflict[] }> = [];
    let overrideReason = '';
    for (const [index, start] of starts.entries()) {
      const end = wallFromMinutes(wallMinutes(start) + length);
      let conflicts: Conflict[];
      let roomId: string | null = b.roomId;
      try {
        if (start < clock.now && !can(ctx, 'schedule.override')) throw new KeelError('conflict', 'That time has passed');
        const resolved = await resolveBooking(ctx, { ...b, start, end }, 'booking.');
        roomId = resolved.roomId;
        conflicts = await checkBooking(ctx.db, { ...b, start, end, roomId }, clock);
      } catch (e) {
        if (!(e instanceof KeelError) || e.code !== 'conflict') throw e;
        conflicts = [{ kind: 'room', overridable: false, message: e.message.replace(/\.$/, '') }];
      }
      const blocking = conflicts.filter((c) => !c.overridable || !(input.override && can(ctx, 'schedule.override')));
      if (blocking.length > 0) {
        if (!input.skipConflicts) judge(ctx, blocking, undefined);
        skipped.push({ start, conflicts });
        continue;
      }
      if (conflicts.length) overrideReason = input.override?.reason ?? '';
      toBook.push({ id: ctx.app.newId(), patientId: b.patientId, providerId: b.providerId, roomId, typeId: b.typeId, start, end, reason: b.reason, note: b.note, seriesId, seriesIndex: index, overrideReason: conflicts.length ? overrideReason : '', createdBy: ctx.user?.username ?? null });
    }
    if (toBook.length === 0) throw new KeelError('conflict', 'Every appointment of this series clashes with something; nothing was booked.');
    await insertSeries(ctx.db, { id: seriesId, rrule, firstStart: b.start, durationMinutes: length }, ctx.now);
    await insertAppointments(ctx.db, toBook, ctx.now);
    ctx.audit.patientId = b.patientId;
    ctx.audit.targetId = seriesId;
    ctx.audit.detail = { rrule, booked: toBook.length, skipped: skipped.length };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['appointments'] }));
    return { seriesId, booked: toBook.length, skipped };
  },

  'appointments.findOpenSlots': async (input, ctx) => {
    const type = await typeOf(ctx, input.typeId, 'typeId');
    return findOpenSlots(ctx.db, { ...input, type, days: input.days ?? 10 }, clinicClock(ctx));
  },
};

/** Every appointments channel: the ones above, and day, undo. */
export const appointmentsHandlers: HandlersFor<typeof appointmentsContract> = { ...appointmentsOwn, ...appointmentsDayHandlers, ...appointmentsUndoHandlers };
