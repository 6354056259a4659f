import { listTypes, saveType } from '../../../db/appointment-types';
import type { AppointmentType, appointmentTypesContract } from '../../../shared/contract/appointment-types';
import { KeelError } from '../../../shared/contract/index';
import type { HandlersFor } from '../handlers/types';

export const appointmentTypesHandlers: HandlersFor<typeof appointmentTypesContract> = {
  'appointmentTypes.list': async (input, ctx) => listTypes(ctx.db, input.includeRetired ?? false),

  'appointmentTypes.save': async (input, ctx) => {
    const exists = input.id !== undefined;
    if (exists && !(await listTypes(ctx.db, true)).some((t) => t.id === input.id)) throw new KeelError('not_found', 'That appointment type does not exist.');
    const type = { ...input, id: input.id ?? ctx.app.newId() } as AppointmentType;
    await saveType(ctx.db, type, exists, ctx.now);
    ctx.audit.targetId = type.id;
    ctx.audit.detail = { name: type.name, active: type.active };
    return type;
  },

};
