import { addCandidateEvent, insertCandidate, listCandidates, updateCandidate } from '../../../db/candidates';
import { findPosition } from '../../../db/positions';
import { findStaff, insertStaff, withFlags } from '../../../db/staff';
import type { candidatesContract, Candidate } from '../../../shared/contract/candidates';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { CandidateStage, EmploymentType, StaffRole } from '../../../shared/domain/staff';
import { clinicToday } from '../handlers/clinic-time';
import type { HandlerContext, HandlersFor } from '../handlers/types';

async function candidate(ctx: HandlerContext, id: string): Promise<Candidate> {
  const [found] = await listCandidates(ctx.db, { id });
  if (!found) throw new KeelError('not_found', 'That candidate does not exist.');
  return found;
}

export const candidatesHandlers: HandlersFor<typeof candidatesContract> = {
  'candidates.list': async (input, ctx) => listCandidates(ctx.db, { positionId: input.positionId }),

  'candidates.save': async (input, ctx) => {
    if (!(await findPosition(ctx.db, input.positionId))) throw fieldError('positionId', 'No such position');
    ctx.audit.detail = { positionId: input.positionId };
    if (input.id !== undefined) {
      await candidate(ctx, input.id);
      await updateCandidate(ctx.db, input.id, { position_id: input.positionId, full_name: input.fullName, phone: input.phone, email: input.email, note: input.note }, ctx.now);
      ctx.audit.targetId = input.id;
      return candidate(ctx, input.id);
    }
    const id = ctx.app.newId();
    await insertCandidate(ctx.db, { id, ...input }, ctx.now);
    await addCandidateEvent(ctx.db, { id: ctx.app.newId(), candidateId: id, stage: 'applied', onDate: input.appliedOn, note: '', by: ctx.user?.username ?? null }, ctx.now);
    ctx.audit.targetId = id;
    return candidate(ctx, id);
  },

  'candidates.move': async (input, ctx) => {
    const current = await candidate(ctx, input.id);
    if (current.stage === 'hired') throw new KeelError('conflict', `${current.fullName} has already been hired.`);
    if (input.onDate < current.stageOn) throw fieldError('onDate', `The date is before the last step (${current.stageOn})`);
    const stage = input.stage as CandidateStage;
    await updateCandidate(ctx.db, input.id, { stage, stage_on: input.onDate }, ctx.now);
    await addCandidateEvent(ctx.db, { id: ctx.app.newId(), candidateId: input.id, stage, onDate: input.onDate, note: input.note, by: ctx.user?.username ?? null }, ctx.now);
    ctx.audit.targetId = input.id;
    ctx.audit.detail = { from: current.stage, to: stage };
    return candidate(ctx, input.id);
  },

  'candidates.hire': async (input, ctx) => {
    const current = await candidate(ctx, input.id);
    if (current.stage === 'hired') throw new KeelError('conflict', `${current.fullName} has already been hired.`);
    if (current.stage === 'rejected') throw new KeelError('conflict', `${current.fullName} was rejected; move them back to a stage before hiring.`);
    const position = (await findPosition(ctx.db, current.positionId))!;
    const staffId = ctx.app.newId();
    await insertStaff(
      ctx.db,
      staffId,
      {
        fullName: current.fullName,
        jobTitle: input.jobTitle || position.title,
        staffRole: position.staff_role as StaffRole,
        phone: current.phone,
        email: current.email,
        employmentType: position.employment_type as EmploymentType,
        startDate: input.startDate,
        contractedHours: input.contractedHours,
        payType: input.payType,
        payRateCents: input.payRateCents,
        colour: input.colour,
        userId: null,
        bookable: position.staff_role === 'physician' || position.staff_role === 'np_pa',
      },
      ctx.now,
    );
    const today = clinicToday(ctx);
    const onDate = today < current.stageOn ? current.stageOn : today;
    await updateCandidate(ctx.db, input.id, { stage: 'hired', stage_on: onDate, staff_id: staffId }, ctx.now);
    await addCandidateEvent(ctx.db, { id: ctx.app.newId(), candidateId: input.id, stage: 'hired', onDate, note: input.note, by: ctx.user?.username ?? null }, ctx.now);
    ctx.audit.targetId = staffId;
    ctx.audit.detail = { candidateId: input.id, positionId: position.id };
    const [member] = await withFlags(ctx.db, [(await findStaff(ctx.db, staffId))!], today, true);
    return member!;
  },
};
