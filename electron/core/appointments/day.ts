import { appointmentsBetween, findAppointment, seriesMembers, updateAppointment } from '../../../db/appointments';
import { listTypes } from '../../../db/appointment-types';
import { remindersFor } from '../../../db/reminders';
import { lateCancelHours } from '../../../db/schedule-settings';
import { findStaff, listStaff } from '../../../db/staff';
import type { Appointment, TodaySchedule, appointmentsContract } from '../../../shared/contract/appointments';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { ScheduleReport } from '../../../shared/contract/schedule-reports';
import { APPOINTMENT_STATUSES, type AppointmentStatus, HOLDS_TIME, STATUS_LABELS } from '../../../shared/domain/appointments';
import { buildIcs } from '../../../shared/domain/ics';
import { datePart, elapsedMinutes, mondayOf, wallMinutes } from '../../../shared/domain/time';
import { clinicClock } from '../handlers/clinic-time';
import type { HandlersFor } from '../handlers/types';
import { providerAvailability } from '../roster-service';
import { findOpenSlots, offersFor } from '../schedule-service';
import { dayEnd } from '../schedule/handlers';

export const appointmentsDayHandlers: HandlersFor<Pick<typeof appointmentsContract, 'appointments.cancel' | 'appointments.reminders' | 'appointments.ics' | 'appointments.report' | 'appointments.today'>> = {
  'appointments.cancel': async (input, ctx) => {
    const target = await findAppointment(ctx.db, input.id);
    if (!target) throw new KeelError('not_found', 'That appointment does not exist.');
    if (!['booked', 'confirmed'].includes(target.status)) throw new KeelError('conflict', `This appointment is already ${STATUS_LABELS[target.status as AppointmentStatus].toLowerCase()}; it cannot be canceled.`);
    const scope = input.scope ?? 'this';
    const ids =
      scope === 'this' || !target.seriesId
        ? [target.id]
        : (await seriesMembers(ctx.db, target.seriesId)).filter((r) => (scope === 'all' || r.starts_at >= target.start) && ['booked', 'confirmed'].includes(r.status)).map((r) => r.id);
    const clock = clinicClock(ctx);
    // A patient cancelling with less notice than the clinic asks is a late cancel; a clinic cancellation never is.
    const notice = elapsedMinutes(clock.now, target.start, clock.zone);
    const late = input.by === 'patient' && notice < (await lateCancelHours(ctx.db)) * 60;
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
    const ics = buildIcs({ calendarName: `${provider.full_name} — ${ctx.clinic?.name ?? 'Keel'}`, zone: clinicClock(ctx).zone, stamp: ctx.now, events: list });
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
    const clock = clinicClock(ctx);
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

};
