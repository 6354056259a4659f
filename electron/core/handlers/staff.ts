import { getRequirements, setRequirements } from '../../../db/credentials';
import { evaluationSettings, setEvaluationSettings } from '../../../db/evaluations';
import { bySurname, findStaff, insertStaff, listStaff, setStaffActive, updateStaff, withFlags, type StaffInput } from '../../../db/staff';
import { findUser } from '../../../db/users';
import { fieldError, KeelError } from '../../../shared/contract/index';
import type { staffContract } from '../../../shared/contract/staff';
import type { StaffMember } from '../../../shared/contract/staff-types';
import { STAFF_ROLES } from '../../../shared/domain/staff';
import { can, clinicToday, ownStaff, requireSelfOr, requireStaff } from './clinic-time';
import type { HandlerContext, HandlersFor } from './types';

async function member(ctx: HandlerContext, id: string): Promise<StaffMember> {
  const row = await findStaff(ctx.db, id);
  if (!row) throw new KeelError('not_found', 'No such person in the staff directory.');
  const [one] = await withFlags(ctx.db, [row], clinicToday(ctx), can(ctx, 'staff.manage'));
  return one!;
}

/** A user account may belong to one staff record. */
async function checkUserLink(ctx: HandlerContext, input: StaffInput, staffId: string | null): Promise<void> {
  if (input.userId === null) return;
  const user = await findUser(ctx.db, input.userId);
  if (!user) throw fieldError('userId', 'No such user account');
  const linked = (await listStaff(ctx.db, { status: 'all' })).find((s) => s.user_id === input.userId && s.id !== staffId);
  if (linked) throw fieldError('userId', `That account already belongs to ${linked.full_name}`);
}

export const staffHandlers: HandlersFor<typeof staffContract> = {
  'staff.list': async (input, ctx) => {
    // The directory reads by surname ("Lee, Dr. Priya" under L, not under D for the title).
    const rows = (await listStaff(ctx.db, { query: input.query, staffRole: input.staffRole, status: input.status })).sort(bySurname);
    return withFlags(ctx.db, rows, clinicToday(ctx), can(ctx, 'staff.manage'));
  },

  'staff.get': async (input, ctx) => {
    await requireSelfOr(ctx, input.id, 'staff.view');
    return member(ctx, input.id);
  },

  'staff.me': async (_input, ctx) => {
    const own = await ownStaff(ctx);
    return own ? member(ctx, own.id) : null;
  },

  'staff.create': async (input, ctx) => {
    await checkUserLink(ctx, input, null);
    const id = ctx.app.newId();
    await insertStaff(ctx.db, id, input, ctx.now);
    ctx.audit.targetId = id;
    ctx.audit.detail = { fullName: input.fullName, staffRole: input.staffRole };
    return member(ctx, id);
  },

  'staff.update': async (input, ctx) => {
    const before = await requireStaff(ctx, input.id, 'id');
    await checkUserLink(ctx, input, input.id);
    await updateStaff(ctx.db, input.id, input, ctx.now);
    ctx.audit.targetId = input.id;
    const changed = Object.entries({
      fullName: before.full_name !== input.fullName,
      staffRole: before.staff_role !== input.staffRole,
      pay: before.pay_type !== input.payType || before.pay_rate_cents !== input.payRateCents,
      contractedHours: before.contracted_minutes !== Math.round(input.contractedHours * 60),
      userId: before.user_id !== input.userId,
      bookable: (before.bookable === 1) !== input.bookable,
    })
      .filter(([, differs]) => differs)
      .map(([key]) => key);
    ctx.audit.detail = { changed };
    return member(ctx, input.id);
  },

  'staff.setActive': async (input, ctx) => {
    const row = await requireStaff(ctx, input.id, 'id');
    const endDate = input.active ? null : (input.endDate ?? clinicToday(ctx));
    if (endDate !== null && endDate < row.start_date) throw fieldError('endDate', 'The last day is before the start date');
    await setStaffActive(ctx.db, input.id, input.active, endDate, ctx.now);
    ctx.audit.targetId = input.id;
    ctx.audit.detail = { active: input.active, endDate };
    return member(ctx, input.id);
  },

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
