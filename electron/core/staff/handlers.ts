import { type StaffInput, bySurname, findStaff, insertStaff, listStaff, setStaffActive, updateStaff, withFlags } from '../../../db/staff';
import { findUser } from '../../../db/users';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { staffContract, StaffMember } from '../../../shared/contract/staff';
import { can, clinicToday, ownStaff, requireSelfOr, requireStaff } from '../handlers/clinic-time';
import type { HandlerContext, HandlersFor } from '../handlers/types';

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

};
