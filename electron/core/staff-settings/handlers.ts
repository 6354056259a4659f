import { readStaffSettings, saveStaffSettings } from '../../../db/staff-settings';
import type { staffSettingsContract } from '../../../shared/contract/staff-settings';
import { STAFF_ROLES } from '../../../shared/domain/staff';
import type { HandlersFor } from '../handlers/types';

export const staffSettingsHandlers: HandlersFor<typeof staffSettingsContract> = {
  'staffSettings.get': async (_input, ctx) => readStaffSettings(ctx.db),

  'staffSettings.update': async (input, ctx) => {
    const saved = await saveStaffSettings(ctx.db, { ...input, evaluationCriteria: [...new Set(input.evaluationCriteria)] }, ctx.now);
    ctx.audit.detail = { evaluationIntervalMonths: input.evaluationIntervalMonths, roles: STAFF_ROLES.filter((r) => input.requirements[r]) };
    return saved;
  },
};
