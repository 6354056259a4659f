import { setSetting } from '../../../db/settings';
import type { scheduleSettingsContract } from '../../../shared/contract/schedule-settings';
import type { HandlersFor } from '../handlers/types';
import { lateHours } from '../schedule/handlers';

export const LATE_KEY = 'schedule.lateCancelHours';

export const scheduleSettingsHandlers: HandlersFor<typeof scheduleSettingsContract> = {
  'scheduleSettings.get': async (_input, ctx) => ({ lateCancelHours: await lateHours(ctx) }),

  'scheduleSettings.update': async (input, ctx) => {
    await setSetting(ctx.db, LATE_KEY, input.lateCancelHours, ctx.now);
    ctx.audit.detail = { lateCancelHours: input.lateCancelHours };
    return { lateCancelHours: input.lateCancelHours };
  },

};
