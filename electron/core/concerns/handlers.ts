import { addConcernEvent, insertConcern, listConcerns, updateConcern } from '../../../db/concerns';
import { findPatient } from '../../../db/patients';
import { getSetting, setSetting } from '../../../db/settings';
import { findUser } from '../../../db/users';
import type { concernsContract, Concern } from '../../../shared/contract/concerns';
import { KeelError, fieldError } from '../../../shared/contract/index';
import { CONCERN_MOVES, CONCERN_STATUS_LABELS, type ConcernCategory, DEFAULT_CONCERN_TARGET_DAYS } from '../../../shared/domain/patients';
import { type Role, roleHas } from '../../../shared/domain/permissions';
import { can, clinicToday } from '../handlers/clinic-time';
import type { HandlerContext, HandlersFor } from '../handlers/types';

const TARGET_KEY = 'concerns.targetDays';

async function targetDays(ctx: HandlerContext): Promise<number> {
  return getSetting(ctx.db, TARGET_KEY, DEFAULT_CONCERN_TARGET_DAYS);
}

async function one(ctx: HandlerContext, id: string): Promise<Concern> {
  const [found] = await listConcerns(ctx.db, { id }, clinicToday(ctx), await targetDays(ctx));
  if (!found) throw new KeelError('not_found', 'That concern does not exist.');
  return found;
}

async function checkOwner(ctx: HandlerContext, ownerId: string | null | undefined, category: ConcernCategory): Promise<void> {
  if (!ownerId) return;
  const owner = await findUser(ctx.db, ownerId);
  if (!owner || owner.active !== 1) throw fieldError('ownerId', 'No such active user to own this concern');
  if (category === 'staff_conduct' && !roleHas(owner.role as Role, 'concerns.staffConduct')) throw fieldError('ownerId', 'A complaint about staff conduct is the office manager’s: choose a manager as the owner, or no owner');
}

/** The categories this person may not see: staff conduct, unless they are the office manager. */
function hiddenCategories(ctx: HandlerContext): ConcernCategory[] {
  return can(ctx, 'concerns.staffConduct') ? [] : ['staff_conduct'];
}

const STAFF_CONDUCT_REFUSED = 'Complaints about staff conduct are for the office manager.';

export const concernsHandlers: HandlersFor<typeof concernsContract> = {
  'concerns.list': async (input, ctx) => {
    if (input.patientId) ctx.audit.patientId = input.patientId;
    const hidden = hiddenCategories(ctx);
    if (input.category && hidden.includes(input.category)) throw new KeelError('forbidden', STAFF_CONDUCT_REFUSED);
    const list = await listConcerns(ctx.db, { ...input, excludeCategories: hidden }, clinicToday(ctx), await targetDays(ctx));
    return input.overdueOnly ? list.filter((c) => c.overdue) : list;
  },

  'concerns.create': async (input, ctx) => {
    if (input.patientId && !(await findPatient(ctx.db, input.patientId))) throw fieldError('patientId', 'No such patient');
    await checkOwner(ctx, input.ownerId, input.category);
    const today = clinicToday(ctx);
    if (input.openedOn && input.openedOn > today) throw fieldError('openedOn', 'The date is in the future');
    const id = ctx.app.newId();
    await insertConcern(ctx.db, { id, patientId: input.patientId, category: input.category, description: input.description, severity: input.severity, ownerId: input.ownerId, openedOn: input.openedOn ?? today, createdBy: ctx.user?.username ?? null }, ctx.now);
    await addConcernEvent(ctx.db, { id: ctx.app.newId(), concernId: id, username: ctx.user?.username ?? null, status: 'open', note: 'Logged' }, ctx.now);
    ctx.audit.targetId = id;
    if (input.patientId) ctx.audit.patientId = input.patientId;
    ctx.audit.detail = { category: input.category, severity: input.severity };
    return one(ctx, id);
  },

  'concerns.update': async (input, ctx) => {
    const before = await one(ctx, input.id);
    if (hiddenCategories(ctx).includes(before.category)) throw new KeelError('forbidden', STAFF_CONDUCT_REFUSED);
    if (before.status === 'closed') throw new KeelError('conflict', 'This concern is closed; log a new one if the matter comes back.');
    await checkOwner(ctx, input.ownerId, before.category);
    const today = clinicToday(ctx);
    const values: Parameters<typeof updateConcern>[2] = {};
    if (input.status && input.status !== before.status) {
      if (!CONCERN_MOVES[before.status].includes(input.status)) {
        throw fieldError('status', `A concern that is ${CONCERN_STATUS_LABELS[before.status].toLowerCase()} cannot move to ${CONCERN_STATUS_LABELS[input.status].toLowerCase()}`);
      }
      const resolution = input.resolution ?? before.resolution;
      if (input.status === 'resolved' && !resolution.trim()) throw fieldError('resolution', 'Say how it was resolved');
      values.status = input.status;
      if (input.status === 'resolved') values.resolved_on = today;
      if (input.status === 'closed') values.closed_on = today;
      if (input.status === 'open' || input.status === 'in_progress') values.resolved_on = null;
    }
    if (input.ownerId !== undefined) values.owner_user_id = input.ownerId;
    if (input.severity) values.severity = input.severity;
    if (input.resolution !== undefined) values.resolution = input.resolution;
    await updateConcern(ctx.db, input.id, values, ctx.now);
    const note = [input.note, input.ownerId !== undefined && input.ownerId !== (before.owner?.id ?? null) ? 'Owner changed' : ''].filter(Boolean).join('. ');
    await addConcernEvent(ctx.db, { id: ctx.app.newId(), concernId: input.id, username: ctx.user?.username ?? null, status: values.status ?? before.status, note }, ctx.now);
    ctx.audit.targetId = input.id;
    if (before.patient) ctx.audit.patientId = before.patient.id;
    ctx.audit.detail = { from: before.status, to: values.status ?? before.status };
    return one(ctx, input.id);
  },

  'concerns.settings': async (_input, ctx) => ({ targetDays: await targetDays(ctx) }),

  'concerns.setTarget': async (input, ctx) => {
    await setSetting(ctx.db, TARGET_KEY, input.targetDays, ctx.now);
    ctx.audit.detail = { targetDays: input.targetDays };
    return { targetDays: input.targetDays };
  },
};
