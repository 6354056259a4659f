import { cancelledTogether, findAppointment, restoreCancelled } from '../../../db/appointments';
import type { appointmentsContract } from '../../../shared/contract/appointments';
import { KeelError } from '../../../shared/contract/index';
import type { ConflictKind } from '../../../shared/domain/appointments';
import { clinicClock } from '../handlers/clinic-time';
import type { HandlersFor } from '../handlers/types';
import { checkBooking } from '../schedule-service';

/** Clashes with other appointments block an undo; hours, time off and flags were judged when it was booked. */
const TAKEN: readonly ConflictKind[] = ['provider', 'room', 'patient'];

export const appointmentsUndoHandlers: HandlersFor<Pick<typeof appointmentsContract, 'appointments.restore'>> = {
  'appointments.restore': async (input, ctx) => {
    const target = await findAppointment(ctx.db, input.id);
    if (!target) throw new KeelError('not_found', 'That appointment does not exist.');
    if (target.status !== 'cancelled') throw new KeelError('conflict', 'This appointment is not cancelled; there is nothing to undo.');
    const clock = clinicClock(ctx);
    if (target.start < clock.now) throw new KeelError('conflict', 'The time of this appointment has passed; book a new one instead.');
    // The appointments cancelled together: this one, and those of its series cancelled in the same moment.
    const slots = await cancelledTogether(ctx.db, target, clock.now);
    for (const slot of slots) {
      const conflicts = (await checkBooking(ctx.db, slot, clock)).filter((c) => TAKEN.includes(c.kind));
      if (conflicts.length > 0) throw new KeelError('conflict', `Cannot undo the cancellation: the time was taken meanwhile. ${conflicts.map((c) => c.message).join('. ')}.`);
      await restoreCancelled(ctx.db, slot.id, slot.id === target.id ? (input.status ?? 'booked') : 'booked', ctx.now);
    }
    ctx.audit.patientId = target.patient.id;
    ctx.audit.targetId = target.id;
    ctx.audit.detail = { restored: slots.length, status: input.status ?? 'booked' };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['appointments'] }));
    return { restored: slots.length, appointment: (await findAppointment(ctx.db, target.id))! };
  },
};
