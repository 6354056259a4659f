import { findPosition, listPositions, savePosition } from '../../../db/positions';
import { KeelError } from '../../../shared/contract/index';
import type { positionsContract } from '../../../shared/contract/positions';
import type { HandlersFor } from '../handlers/types';

export const positionsHandlers: HandlersFor<typeof positionsContract> = {
  'positions.list': async (input, ctx) => listPositions(ctx.db, input.status),

  'positions.save': async (input, ctx) => {
    const exists = input.id !== undefined;
    if (exists && !(await findPosition(ctx.db, input.id!))) throw new KeelError('not_found', 'That position does not exist.');
    const id = input.id ?? ctx.app.newId();
    await savePosition(ctx.db, { ...input, id }, exists, ctx.now);
    ctx.audit.targetId = id;
    ctx.audit.detail = { title: input.title, status: input.status };
    return (await listPositions(ctx.db)).find((p) => p.id === id)!;
  },

};
