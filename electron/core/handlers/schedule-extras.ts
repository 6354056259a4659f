import { appointmentsBetween, findAppointment, listTypes, listWaitlist, seriesMembers, updateAppointment } from '../../../db/appointments';
import { closuresBetween } from '../../../db/closures';
import { standingsFor } from '../../../db/credentials';
import { listRooms } from '../../../db/facilities';
import { findPatient } from '../../../db/patients';
import { timeOffBetween } from '../../../db/roster';
import { remindersFor } from '../../../db/reminders';
import { getSetting, setSetting } from '../../../db/settings';
import { findStaff, listStaff } from '../../../db/staff';
import type { Appointment, ScheduleReport, TodaySchedule } from '../../../shared/contract/appointment-types';
import type { appointmentsContract } from '../../../shared/contract/appointments';
import { fieldError, KeelError } from '../../../shared/contract/index';
import { APPOINTMENT_STATUSES, DEFAULT_LATE_CANCEL_HOURS, HOLDS_TIME, STATUS_LABELS, type AppointmentStatus } from '../../../shared/domain/appointments';
import { buildIcs } from '../../../shared/domain/ics';
import { flagOn } from '../../../shared/domain/roster';
import type { StaffRole } from '../../../shared/domain/staff';
import { addDays, datePart, elapsedMinutes, mondayOf, wallMinutes } from '../../../shared/domain/wallclock';
import { providerAvailability } from '../roster-service';
import { findOpenSlots, offersFor } from '../schedule-service';
import { ownStaff, scheduleClock } from './clinic-time';
import type { HandlerContext, HandlersFor } from './types';

type Extras = Pick<
  typeof appointmentsContract,
  'schedule.frame' | 'appointments.cancel' | 'appointments.reminders' | 'appointments.ics' | 'appointments.report' | 'appointments.today' | 'scheduleSettings.get' | 'scheduleSettings.update' | 'waitlist.list' | 'waitlist.add' | 'waitlist.close'
>;

const LATE_KEY = 'schedule.lateCancelHours';
const lateHours = (ctx: HandlerContext) => getSetting(ctx.db, LATE_KEY, DEFAULT_LATE_CANCEL_HOURS);
const dayEnd = (date: string) => `${addDays(date, 1)}T00:00`;

async function entry(ctx: HandlerContext, id: string) {
  const found = (await listWaitlist(ctx.db)).find((w) => w.id === id);
  if (!found) throw new KeelError('not_found', 'That waitlist entry does not exist.');
  return found;
}

export const scheduleExtrasHandlers: HandlersFor<Extras> = {
  'schedule.frame': async (input, ctx) => {
    const clock = scheduleClock(ctx);
    const providers = await listStaff(ctx.db, { bookableOnly: true });
    // Flags as they stand on the first day shown (or today, for a range in the past); the standings tell each later day.
    const standings = await standingsFor(ctx.db, providers);
    const flagDay = input.from > clock.today ? input.from : clock.today;
    const ids = providers.map((p) => p.id);
    const [rooms, types, working, offs, own, late, closures] = await Promise.all([
      listRooms(ctx.db),
      listTypes(ctx.db),
      providerAvailability(ctx.db, input.from, input.to, ids),
      timeOffBetween(ctx.db, `${input.from}T00:00`, dayEnd(input.to), { staffIds: ids, statuses: ['approved'] }),
      ownStaff(ctx),
      lateHours(ctx),
      closuresBetween(ctx.db, input.from, input.to),
    ]);
    return {
      from: input.from,
      to: input.to,
      providers: providers.map((p) => ({ id: p.id, fullName: p.full_name, staffRole: p.staff_role as StaffRole, colour: p.colour, flag: flagOn(standings.get(p.id), flagDay), standing: standings.get(p.id) ?? null })),
      rooms,
      types,
      working: working.map((w) => ({ staffId: w.staffId, source: w.source, intervals: w.intervals })),
      timeOff: offs.map((o) => ({ staffId: o.staffId, start: o.start, end: o.end, kind: o.kind })),
      myStaffId: own && ids.includes(own.id) ? own.id : null,
      lateCancelHours: late,
      closures: closures.map((c) => ({ date: c.date, label: c.label })),
    };
  },


  'appointments.cancel': async (input, ctx) => {
    const target = await findAppointment(ctx.db, input.id);
    if (!target) throw new KeelError('not_found', 'That appointment does not exist.');
    if (!['booked', 'confirmed'].includes(target.status)) throw new KeelError('conflict', `This appointment is already ${STATUS_LABELS[target.status as AppointmentStatus].toLowerCase()}; it cannot be canceled.`);
    const scope = input.scope ?? 'this';
    const ids =
      scope === 'this' || !target.seriesId
        ? [target.id]
        : (await seriesMembers(ctx.db, target.seriesId)).filter((r) => (scope === 'all' || r.starts_at >= target.start) && ['booked', 'confirmed'].includes(r.status)).map((r) => r.id);
    const clock = scheduleClock(ctx);
    // A patient cancelling with less notice than the clinic asks is a late cancel; a clinic cancellation never is.
    const notice = elapsedMinutes(clock.now, target.start, clock.zone);
    const late = input.by === 'patient' && notice < (await lateHours(ctx)) * 60;
    for (const id of ids) {
      await updateAppointment(ctx.db, id, { status: 'cancelled', cancelled_at: ctx.now, cancelled_by: input.by, cancel_reason: input.reason, late_cancel: id === target.id && late ? 1 : 0 }, ctx.now);
    }
    ctx.audit.patientId = target.patient.id;
    ctx.audit.targetId = target.id;
    ctx.audit.detail = { by: input.by, scope, cancelled: ids.length, lateCancel: late };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['appointments'] }));
    const offers = target.start > clock.now ? [await offersFor(ctx.db, target, await listTypes(ctx.db))].filter((o) => o.entries.length > 0) : [];
    return { cancelled: ids.length, lateCancel: late, offers };
  },

  'appointments.reminders': async (input, ctx) => {
    ctx.audit.detail = { date: input.date };
    const list = (await appointmentsBetween(ctx.db, `${input.date}T00:00`, dayEnd(input.date))).filter((a) => datePart(a.start) === input.date && (a.status === 'booked' || a.status === 'confirmed'));
    const calls = await remindersFor(ctx.db, list.map((a) => a.id));
    return list.map((a) => ({ appointmentId: a.id, patientName: a.patient.name, phone: a.patient.phone, start: a.start, providerName: a.providerName, typeName: a.typeName, status: a.status, calls: calls.get(a.id) ?? [] }));
  },

  'appointments.ics': async (input, ctx) => {
    const provider = await findStaff(ctx.db, input.providerId);
    if (!provider) throw fieldError('providerId', 'No such provider');
    const list = (await appointmentsBetween(ctx.db, `${input.from}T00:00`, dayEnd(input.to), { providerIds: [input.providerId], includeCancelled: true })).filter((a) => a.status !== 'no_show');
    const ics = buildIcs({ calendarName: `${provider.full_name} — ${ctx.clinic?.name ?? 'Keel'}`, zone: scheduleClock(ctx).zone, stamp: ctx.now, events: list });
    ctx.audit.detail = { providerId: input.providerId, from: input.from, to: input.to, events: list.length };
    return { fileName: `${provider.full_name.replace(/[^\p{L}\p{N}]+/gu, '-')}-${input.from}.ics`, ics, events: list.length };
  },

  'appointments.report': async (input, ctx) => {
    const all = await appointmentsBetween(ctx.db, `${input.from}T00:00`, dayEnd(input.to), { includeCancelled: true });
    const inRange = all.filter((a) => datePart(a.start) >= input.from && datePart(a.start) <= input.to);
    const report: ScheduleReport = { from: input.from, to: input.to, perWeek: [], perMonth: [], utilisation: [] };
    const weeks = new Map<string, ScheduleReport['perWeek'][number]>();
    const months = new Map<string, ScheduleReport['perMonth'][number]>();
    const booked = new Map<string, number>();
    for (const a of inRange) {
      const held = HOLDS_TIME.includes(a.status);
      if (held) {
        const wk = `${a.providerId}|${mondayOf(datePart(a.start))}`;
        const w = weeks.get(wk) ?? { providerId: a.providerId, providerName: a.providerName, weekStart: mondayOf(datePart(a.start)), count: 0 };
        w.count++;
        weeks.set(wk, w);
        booked.set(a.providerId, (booked.get(a.providerId) ?? 0) + wallMinutes(a.end) - wallMinutes(a.start));
      }
      const mk = `${a.providerId}|${a.start.slice(0, 7)}`;
      const m = months.get(mk) ?? { providerId: a.providerId, providerName: a.providerName, month: a.start.slice(0, 7), booked: 0, noShows: 0, lateCancels: 0, noShowRate: 0, lateCancelRate: 0 };
      m.booked++;
      if (a.status === 'no_show') m.noShows++;
      if (a.lateCancel) m.lateCancels++;
      months.set(mk, m);
    }
    report.perWeek = [...weeks.values()].sort((a, b) => a.providerName.localeCompare(b.providerName) || a.weekStart.localeCompare(b.weekStart));
    report.perMonth = [...months.values()]
      .map((m) => ({ ...m, noShowRate: m.booked ? m.noShows / m.booked : 0, lateCancelRate: m.booked ? m.lateCancels / m.booked : 0 }))
      .sort((a, b) => a.providerName.localeCompare(b.providerName) || a.month.localeCompare(b.month));
    const availability = await providerAvailability(ctx.db, input.from, input.to);
    report.utilisation = availability.map((p) => {
      const workingMinutes = p.intervals.reduce((sum, w) => sum + wallMinutes(w.end) - wallMinutes(w.start), 0);
      const bookedMinutes = booked.get(p.staffId) ?? 0;
      return { providerId: p.staffId, providerName: p.fullName, bookedMinutes, workingMinutes, rate: workingMinutes ? bookedMinutes / workingMinutes : 0 };
    });
    return report;
  },

  'appointments.today': async (input, ctx) => {
    const clock = scheduleClock(ctx);
    const date = input.date ?? clock.today;
    ctx.audit.detail = { date };
    const list = (await appointmentsBetween(ctx.db, `${date}T00:00`, dayEnd(date), { includeCancelled: true })).filter((a) => datePart(a.start) === date);
    const byStatus = Object.fromEntries(APPOINTMENT_STATUSES.map((s) => [s, 0])) as Record<AppointmentStatus, number>;
    for (const a of list) byStatus[a.status]++;
    const nowMs = Date.parse(ctx.now);
    const waiting = list
      .filter((a) => a.status === 'arrived' && a.arrivedAt)
      .map((appointment: Appointment) => ({ appointment, waitedMinutes: Math.max(0, Math.floor((nowMs - Date.parse(appointment.arrivedAt!)) / 60_000)) }))
      .sort((a, b) => b.waitedMinutes - a.waitedMinutes);
    const types = await listTypes(ctx.db);
    const shortest = types.reduce<(typeof types)[number] | undefined>((best, t) => (!best || t.durationMinutes < best.durationMinutes ? t : best), undefined);
    const providers = await listStaff(ctx.db, { bookableOnly: true });
    const nextFree = [];
    if (shortest) {
      for (const p of providers) {
        const type = types.find((t) => t.providerRoles.includes(p.staff_role as never) && t.durationMinutes === shortest.durationMinutes) ?? types.find((t) => t.providerRoles.includes(p.staff_role as never));
        if (!type) continue;
        const [slot] = await findOpenSlots(ctx.db, { type: { ...type, roomKind: null }, providerIds: [p.id], from: date, to: date, days: 1 }, clock);
        if (slot) nextFree.push(slot);
      }
    }
    const month = (await appointmentsBetween(ctx.db, `${date.slice(0, 8)}01T00:00`, dayEnd(date), { includeCancelled: true })).filter((a) => a.start < clock.now);
    const counted = month.filter((a) => a.status === 'no_show' || ['arrived', 'in_room', 'completed'].includes(a.status));
    const result: TodaySchedule = { date, byStatus, waiting, nextFree, noShowRateThisMonth: counted.length ? counted.filter((a) => a.status === 'no_show').length / counted.length : 0 };
    return result;
  },

  'scheduleSettings.get': async (_input, ctx) => ({ lateCancelHours: await lateHours(ctx) }),

  'scheduleSettings.update': async (input, ctx) => {
    await setSetting(ctx.db, LATE_KEY, input.lateCancelHours, ctx.now);
    ctx.audit.detail = { lateCancelHours: input.lateCancelHours };
    return { lateCancelHours: input.lateCancelHours };
  },

  'waitlist.list': async (input, ctx) => listWaitlist(ctx.db, input.status ?? 'waiting'),

  'waitlist.add': async (input, ctx) => {
    if (!(await findPatient(ctx.db, input.patientId))) throw fieldError('patientId', 'No such patient');
    if (!(await listTypes(ctx.db)).some((t) => t.id === input.typeId)) throw fieldError('typeId', 'No such appointment type');
    for (const [i, id] of input.providerIds.entries()) if (!(await findStaff(ctx.db, id))) throw fieldError(`providerIds.${i}`, 'No such provider');
    const id = ctx.app.newId();
    await ctx.db
      .insertInto('waitlist')
      .values({
        id,
        patient_id: input.patientId,
        type_id: input.typeId,
        provider_ids: JSON.stringify(input.providerIds),
        weekdays: JSON.stringify([...input.weekdays].sort()),
        time_from: input.timeFrom,
        time_to: input.timeTo,
        urgency: input.urgency,
        note: input.note,
        status: 'waiting',
        appointment_id: null,
        added_by: ctx.user?.username ?? null,
        closed_at: null,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
    ctx.audit.patientId = input.patientId;
    ctx.audit.targetId = id;
    return entry(ctx, id);
  },

  'waitlist.close': async (input, ctx) => {
    const found = await entry(ctx, input.id);
    if (found.status !== 'waiting') throw new KeelError('conflict', 'This entry is no longer waiting.');
    await ctx.db.updateTable('waitlist').set({ status: 'closed', closed_at: ctx.now, updated_at: ctx.now }).where('id', '=', input.id).execute();
    ctx.audit.patientId = found.patient.id;
    ctx.audit.targetId = input.id;
    return entry(ctx, input.id);
  },
};
