import { getRequirements, setRequirements } from '../../../db/credentials';
import { evaluationSettings, setEvaluationSettings } from '../../../db/evaluations';
import type { staffSettingsContract } from '../../../shared/contract/staff-settings';
import { STAFF_ROLES } from '../../../shared/domain/staff';
import type { HandlersFor } from '../handlers/types';

export const staffSettingsHandlers: HandlersFor<typeof staffSettingsContract> = {
  'staffSettings.get': async (_input, ctx) => {
    const evaluation = await evaluationSettings(ctx.db);
    return { requirements: await getRequirements(ctx.db), evaluationIntervalMonths: evaluation.intervalMonths, evaluationCriteria: evaluation.criteria };
  },

  'staffSettings.update': async (input, ctx) => {
    const criteria = [...new Set(input.evaluationCriteria)];
    await setRequirements(ctx.db, input.requirements, ctx.now);
    await setEvaluationSettings(ctx.db, input.evaluationIntervalMonths, criteria, ctx.now);
    ctx.audit.detail = { evaluationIntervalMonths: input.evaluationIntervalMonths, roles: STAFF_ROLES.filter((r) => input.requirements[r]) };
    return { requirements: await getRequirements(ctx.db), evaluationIntervalMonths: input.evaluationIntervalMonths, evaluationCriteria: criteria };
  },
};
