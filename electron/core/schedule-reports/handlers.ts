import type { scheduleReportsContract } from '../../../shared/contract/schedule-reports';
import type { HandlersFor } from '../handlers/types';

/** What the schedule reports need besides the report itself. */
export const scheduleReportsHandlers: HandlersFor<typeof scheduleReportsContract> = {
  'scheduleReports.get': async (_input, ctx) => {
    // Two ends of the start-time index: cheap with any amount of history.
    const row = await ctx.db
      .selectFrom('appointments')
      .select((eb) => [eb.fn.min('starts_at').as('first'), eb.fn.max('starts_at').as('last')])
      .executeTakeFirst();
    return { first: row?.first ? String(row.first).slice(0, 10) : null, last: row?.last ? String(row.last).slice(0, 10) : null };
  },
};
