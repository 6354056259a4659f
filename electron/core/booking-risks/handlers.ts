import type { bookingRisksContract } from '../../../shared/contract/booking-risks';
import { bookingRisks, riskAppointments } from '../booking-risks';
import { requireStaff, clinicClock } from '../handlers/clinic-time';
import type { HandlersFor } from '../handlers/types';

export const bookingRisksHandlers: HandlersFor<typeof bookingRisksContract> = {
  'bookingRisks.list': async (input, ctx) => {
    if (input.staffId) await requireStaff(ctx, input.staffId);
    return bookingRisks(ctx.db, clinicClock(ctx), { staffId: input.staffId, withinDays: input.withinDays });
  },

  'bookingRisks.appointments': async (input, ctx) => {
    await requireStaff(ctx, input.staffId);
    const list = await riskAppointments(ctx.db, clinicClock(ctx), input.staffId, input.cause);
    ctx.audit.targetId = input.staffId;
    ctx.audit.detail = { cause: input.cause, appointments: list.appointments.length };
    return list;
  },
};
