import { lateCancelHours, setLateCancelHours } from '../../../db/schedule-settings';
import type { scheduleSettingsContract } from '../../../shared/contract/schedule-settings';
import type { HandlersFor } from '../handlers/types';

export const scheduleSettingsHandlers: HandlersFor<typeof scheduleSettingsContract> = {
  'scheduleSettings.get': async (_input, ctx) => ({ lateCancelHours: await lateCancelHours(ctx.db) }),

  'scheduleSettings.update': async (input, ctx) => {
    await setLateCancelHours(ctx.db, input.lateCancelHours, ctx.now);
    ctx.audit.detail = { lateCancelHours: input.lateCancelHours };
    return { lateCancelHours: input.lateCancelHours };
  },
};
