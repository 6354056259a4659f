import { listTypes } from '../../../db/appointment-types';
import { listWaitlist } from '../../../db/waitlist';
import { findPatient } from '../../../db/patients';
import { findStaff } from '../../../db/staff';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { waitlistContract } from '../../../shared/contract/waitlist';
import type { HandlerContext, HandlersFor } from '../handlers/types';

async function entry(ctx: HandlerContext, id: string) {
  const found = (await listWaitlist(ctx.db)).find((w) => w.id === id);
  if (!found) throw new KeelError('not_found', 'That waitlist entry does not exist.');
  return found;
}

export const waitlistHandlers: HandlersFor<typeof waitlistContract> = {
  'waitlist.list': async (input, ctx) => listWaitlist(ctx.db, input.status ?? 'waiting'),

  'waitlist.add': async (input, ctx) => {
    if (!(await findPatient(ctx.db, input.patientId))) throw fieldError('patientId', 'No such patient');
    if (!(await listTypes(ctx.db)).some((t) => t.id === input.typeId)) throw fieldError('typeId', 'No such appointment type');
    for (const [i, id] of input.providerIds.entries()) if (!(await findStaff(ctx.db, id))) throw fieldError(`providerIds.${i}`, 'No such provider');
    const id = ctx.app.newId();
    await ctx.db
      .insertInto('waitlist')
      .values({
        id,
        patient_id: input.patientId,
        type_id: input.typeId,
        provider_ids: JSON.stringify(input.providerIds),
        weekdays: JSON.stringify([...input.weekdays].sort()),
        time_from: input.timeFrom,
        time_to: input.timeTo,
        urgency: input.urgency,
        note: input.note,
        status: 'waiting',
        appointment_id: null,
        added_by: ctx.user?.username ?? null,
        closed_at: null,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
    ctx.audit.patientId = input.patientId;
    ctx.audit.targetId = id;
    return entry(ctx, id);
  },

  'waitlist.close': async (input, ctx) => {
    const found = await entry(ctx, input.id);
    if (found.status !== 'waiting') throw new KeelError('conflict', 'This entry is no longer waiting.');
    await ctx.db.updateTable('waitlist').set({ status: 'closed', closed_at: ctx.now, updated_at: ctx.now }).where('id', '=', input.id).execute();
    ctx.audit.patientId = found.patient.id;
    ctx.audit.targetId = input.id;
    return entry(ctx, input.id);
  },
};
