import { listEquipment, recordService, saveEquipment } from '../../../db/equipment';
import { roomExists } from '../../../db/rooms';
import type { equipmentContract } from '../../../shared/contract/equipment';
import { KeelError, fieldError } from '../../../shared/contract/index';
import { clinicToday } from '../handlers/clinic-time';
import type { HandlerContext, HandlersFor } from '../handlers/types';

async function oneEquipment(ctx: HandlerContext, id: string) {
  const [found] = await listEquipment(ctx.db, clinicToday(ctx), { includeInactive: true, id });
  if (!found) throw new KeelError('not_found', 'That equipment does not exist.');
  return found;
}

export const equipmentHandlers: HandlersFor<typeof equipmentContract> = {
  'equipment.list': async (input, ctx) => listEquipment(ctx.db, input.asOf ?? clinicToday(ctx), { includeInactive: input.includeInactive ?? false }),

  'equipment.save': async (input, ctx) => {
    const exists = input.id !== undefined;
    if (exists) await oneEquipment(ctx, input.id!);
    if (input.roomId !== null && !(await roomExists(ctx.db, input.roomId))) throw fieldError('roomId', 'No such room');
    const id = input.id ?? ctx.app.newId();
    await saveEquipment(ctx.db, id, input, exists, ctx.now);
    ctx.audit.targetId = id;
    ctx.audit.detail = { name: input.name, outOfService: input.outOfService };
    return oneEquipment(ctx, id);
  },

  'equipment.recordService': async (input, ctx) => {
    const item = await oneEquipment(ctx, input.id);
    if (item.lastServiceOn && input.servicedOn < item.lastServiceOn) throw fieldError('servicedOn', `The last service was later (${item.lastServiceOn})`);
    if (input.servicedOn > clinicToday(ctx)) throw fieldError('servicedOn', 'A service cannot be recorded in the future');
    await recordService(ctx.db, ctx.app.newId(), input.id, input.servicedOn, item.serviceIntervalMonths, input.note, ctx.user?.username ?? null, ctx.now);
    ctx.audit.targetId = input.id;
    ctx.audit.detail = { servicedOn: input.servicedOn };
    return oneEquipment(ctx, input.id);
  },

  'equipment.overdue': async (_input, ctx) => listEquipment(ctx.db, clinicToday(ctx), { overdueOnly: true }),
};
