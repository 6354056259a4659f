import { listTypes } from '../../../db/appointment-types';
import { closuresBetween } from '../../../db/closures';
import { standingsFor } from '../../../db/credentials';
import { listRooms } from '../../../db/rooms';
import { timeOffBetween } from '../../../db/timeoff';
import { lateCancelHours } from '../../../db/schedule-settings';
import { listStaff } from '../../../db/staff';
import type { scheduleContract } from '../../../shared/contract/schedule';
import { flagOn } from '../../../shared/domain/roster';
import type { StaffRole } from '../../../shared/domain/staff';
import { addDays } from '../../../shared/domain/time';
import { ownStaff, clinicClock } from '../handlers/clinic-time';
import type { HandlersFor } from '../handlers/types';
import { providerAvailability } from '../roster-service';

export const dayEnd = (date: string) => `${addDays(date, 1)}T00:00`;

export const scheduleHandlers: HandlersFor<typeof scheduleContract> = {
  'schedule.frame': async (input, ctx) => {
    const clock = clinicClock(ctx);
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
      lateCancelHours(ctx.db),
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


};
