import { findAppointment, updateAppointment } from '../../../db/appointments';
import { insertReminderCall } from '../../../db/reminders';
import { KeelError } from '../../../shared/contract/index';
import type { remindersContract } from '../../../shared/contract/reminders';
import { STATUS_LABELS, STATUS_MOVES } from '../../../shared/domain/appointments';
import type { HandlersFor } from '../handlers/types';

/** Reminder calls, kept: each outcome with who and when; a confirmation confirms the appointment in the same transaction. */
export const remindersHandlers: HandlersFor<typeof remindersContract> = {
  'reminders.record': async (input, ctx) => {
    const target = await findAppointment(ctx.db, input.appointmentId);
    if (!target) throw new KeelError('not_found', 'That appointment does not exist.');
    if (target.status !== 'booked' && target.status !== 'confirmed') {
      throw new KeelError('conflict', `This appointment is ${STATUS_LABELS[target.status].toLowerCase()}; reminder calls are for booked or confirmed appointments.`);
    }
    let status = target.status;
    if (input.outcome === 'confirmed' && status !== 'confirmed') {
      // The same status rules as the check-in flow: booked → confirmed is one of its moves.
      if (!STATUS_MOVES[status].includes('confirmed')) throw new KeelError('conflict', `An appointment that is ${STATUS_LABELS[status].toLowerCase()} cannot become confirmed.`);
      await updateAppointment(ctx.db, target.id, { status: 'confirmed' }, ctx.now);
      status = 'confirmed';
    }
    const call = await insertReminderCall(ctx.db, {
      id: ctx.app.newId(),
      appointmentId: target.id,
      outcome: input.outcome,
      note: input.note,
      userId: ctx.user?.id ?? null,
      userName: ctx.user?.fullName ?? 'Unknown',
      at: ctx.now,
    });
    ctx.audit.patientId = target.patient.id;
    ctx.audit.targetId = target.id;
    ctx.audit.detail = { outcome: input.outcome, ...(status !== target.status ? { status: { from: target.status, to: status } } : {}) };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['appointments'] }));
    return { call, status };
  },
};
