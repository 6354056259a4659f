import { evaluationSettings, evaluationsDue, insertEvaluation, listEvaluations } from '../../../db/evaluations';
import type { evaluationsContract } from '../../../shared/contract/evaluations';
import { KeelError } from '../../../shared/contract/index';
import { clinicToday, requireStaff } from '../handlers/clinic-time';
import type { HandlersFor } from '../handlers/types';

export const evaluationsHandlers: HandlersFor<typeof evaluationsContract> = {
  'evaluations.list': async (input, ctx) => {
    await requireStaff(ctx, input.staffId);
    return listEvaluations(ctx.db, input.staffId);
  },

  'evaluations.add': async (input, ctx) => {
    const person = await requireStaff(ctx, input.staffId);
    if (input.reviewDate < person.start_date) throw new KeelError('invalid_input', 'reviewDate: The review is before the person started', [{ path: 'reviewDate', message: 'The review is before the person started' }]);
    const { criteria } = await evaluationSettings(ctx.db);
    const issues = [
      ...criteria.filter((c) => input.ratings[c] === undefined).map((c) => ({ path: `ratings.${c}`, message: 'Rate this from 1 to 5' })),
      ...Object.keys(input.ratings)
        .filter((k) => !criteria.includes(k))
        .map((k) => ({ path: `ratings.${k}`, message: 'Not one of the clinic’s criteria' })),
    ];
    if (issues.length > 0) throw new KeelError('invalid_input', `Please check: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    const evaluation = { id: ctx.app.newId(), ...input };
    await insertEvaluation(ctx.db, evaluation, ctx.now);
    ctx.audit.targetId = evaluation.id;
    ctx.audit.detail = { staffId: input.staffId, reviewDate: input.reviewDate };
    return evaluation;
  },

  'evaluations.due': async (input, ctx) => evaluationsDue(ctx.db, input.asOf ?? clinicToday(ctx), input.withinDays ?? 30),
};
