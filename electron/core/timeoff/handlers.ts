import { deleteShift, insertShifts, updateShift } from '../../../db/roster';
import { findTimeOff, insertTimeOff, setTimeOffStatus, timeOffBetween } from '../../../db/timeoff';
import { findStaff } from '../../../db/staff';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { TimeOff, timeoffContract } from '../../../shared/contract/timeoff';
import { formatWallTime } from '../../../shared/domain/format';
import { TIME_OFF_LABELS } from '../../../shared/domain/staff';
import { addDays } from '../../../shared/domain/time';
import { appointmentsDuring } from '../booking-risks';
import { can, ownStaff, requireStaff, clinicClock, zoneOf } from '../handlers/clinic-time';
import type { HandlerContext, HandlersFor } from '../handlers/types';
import { timeOffShiftChanges } from '../roster-service';

/** Only the manager and the person themself read the notes on a request (a sick note is private). */
function visibleTo(ctx: HandlerContext, ownId: string | null) {
  return (t: TimeOff): TimeOff => (can(ctx, 'timeoff.decide') || t.staffId === ownId ? t : { ...t, requestNote: '', decisionNote: '' });
}

async function mayActFor(ctx: HandlerContext, staffId: string): Promise<void> {
  if (can(ctx, 'timeoff.decide')) return;
  const own = await ownStaff(ctx);
  if (own?.id !== staffId) throw new KeelError('forbidden', 'You can only request or withdraw your own time off.');
}

export const timeoffHandlers: HandlersFor<typeof timeoffContract> = {
  'timeoff.list': async (input, ctx) => {
    if (input.to < input.from) throw fieldError('to', 'The range ends before it starts');
    const list = await timeOffBetween(ctx.db, `${input.from}T00:00`, `${addDays(input.to, 1)}T00:00`, {
      ...(input.staffId ? { staffIds: [input.staffId] } : {}),
      ...(input.status ? { statuses: [input.status] } : {}),
    });
    const own = await ownStaff(ctx);
    return list.map(visibleTo(ctx, own?.id ?? null));
  },

  'timeoff.request': async (input, ctx) => {
    let staffId = input.staffId;
    if (staffId === undefined) {
      const own = await ownStaff(ctx);
      if (!own) throw fieldError('staffId', 'Your account is not linked to a staff record; ask the office manager to link it');
      staffId = own.id;
    }
    await mayActFor(ctx, staffId);
    const person = await requireStaff(ctx, staffId);
    const clash = (await timeOffBetween(ctx.db, input.start, input.end, { staffIds: [staffId], statuses: ['pending', 'approved'] }))[0];
    if (clash) {
      const order = ctx.clinic?.dateOrder ?? 'MDY';
      const when = (w: string) => `${w.slice(0, 10)} ${formatWallTime(w.slice(11), order)}`;
      throw fieldError('start', `Overlaps ${person.full_name}’s ${clash.status} ${TIME_OFF_LABELS[clash.kind].toLowerCase()} (${when(clash.start)} – ${when(clash.end)})`);
    }
    const id = ctx.app.newId();
    await insertTimeOff(ctx.db, { id, staffId, kind: input.kind, start: input.start, end: input.end, note: input.note, requestedBy: ctx.user?.username ?? null, status: 'pending' }, ctx.now);
    ctx.audit.targetId = id;
    ctx.audit.detail = { staffId, kind: input.kind, start: input.start, end: input.end };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['timeoff'] }));
    return (await findTimeOff(ctx.db, id))!;
  },

  'timeoff.impact': async (input, ctx) => {
    const request = await findTimeOff(ctx.db, input.id);
    if (!request) throw new KeelError('not_found', 'That request does not exist.');
    const zone = zoneOf(ctx);
    const shifts = await timeOffShiftChanges(ctx.db, request.staffId, request, zone);
    const person = await findStaff(ctx.db, request.staffId);
    const paidMinutesLost = shifts.reduce((sum, c) => sum + c.paidMinutesLost, 0);
    // Salaried pay does not change with the roster; hourly pay does, by the hours taken off it.
    const costCents = person?.pay_type === 'hourly' ? Math.round((person.pay_rate_cents * paidMinutesLost) / 60) : 0;
    const appointments = await appointmentsDuring(ctx.db, clinicClock(ctx), request.staffId, request.start, request.end);
    ctx.audit.targetId = input.id;
    ctx.audit.detail = { staffId: request.staffId, shifts: shifts.length, appointments: appointments.length };
    return { request, shifts, paidMinutesLost, costCents, appointments };
  },

  'timeoff.decide': async (input, ctx) => {
    const request = await findTimeOff(ctx.db, input.id);
    if (!request) throw new KeelError('not_found', 'That request does not exist.');
    if (request.status !== 'pending') throw new KeelError('conflict', `This request was already ${request.status}.`);
    if (input.removeShifts && input.decision !== 'approved') throw fieldError('removeShifts', 'Shifts are removed only when the time off is approved');
    await setTimeOffStatus(ctx.db, input.id, input.decision, { note: input.comment, by: ctx.user?.username ?? null, at: ctx.now }, ctx.now);
    // In the same transaction as the approval: the roster never shows someone working through approved time off.
    const changes = input.removeShifts ? await timeOffShiftChanges(ctx.db, request.staffId, request, zoneOf(ctx)) : [];
    const added: string[] = [];
    for (const change of changes) {
      const [first, second] = change.keeps;
      if (!first) {
        await deleteShift(ctx.db, change.shift.id, ctx.now);
        continue;
      }
      await updateShift(ctx.db, change.shift.id, { staffId: change.shift.staffId, start: first.start, end: first.end, breakMinutes: first.breakMinutes, note: change.shift.note }, ctx.now);
      if (second) {
        const id = ctx.app.newId();
        added.push(id);
        await insertShifts(ctx.db, [{ id, staffId: change.shift.staffId, start: second.start, end: second.end, breakMinutes: second.breakMinutes, note: change.shift.note }], ctx.now);
      }
    }
    const removed = changes.filter((c) => c.effect === 'remove').map((c) => c.shift.id);
    const shortened = changes.filter((c) => c.effect !== 'remove').map((c) => c.shift.id);
    ctx.audit.targetId = input.id;
    ctx.audit.detail = { staffId: request.staffId, decision: input.decision, ...(input.removeShifts ? { shiftsRemoved: removed, shiftsShortened: shortened, shiftsAdded: added } : {}) };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: changes.length > 0 ? ['timeoff', 'roster'] : ['timeoff'] }));
    return { ...(await findTimeOff(ctx.db, input.id))!, shiftsRemoved: removed.length, shiftsShortened: shortened.length };
  },

  'timeoff.cancel': async (input, ctx) => {
    const request = await findTimeOff(ctx.db, input.id);
    if (!request) throw new KeelError('not_found', 'That request does not exist.');
    await mayActFor(ctx, request.staffId);
    if (request.status === 'cancelled' || request.status === 'declined') throw new KeelError('conflict', `This request was already ${request.status}.`);
    await setTimeOffStatus(ctx.db, input.id, 'cancelled', {}, ctx.now);
    ctx.audit.targetId = input.id;
    ctx.audit.detail = { staffId: request.staffId, was: request.status };
    return (await findTimeOff(ctx.db, input.id))!;
  },
};
