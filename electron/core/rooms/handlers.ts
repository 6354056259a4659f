import { findRoomByName, listRooms, roomExists, saveRoom } from '../../../db/rooms';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { roomsContract } from '../../../shared/contract/rooms';
import type { HandlersFor } from '../handlers/types';

export const roomsHandlers: HandlersFor<typeof roomsContract> = {
  'rooms.list': async (input, ctx) => listRooms(ctx.db, input.includeInactive ?? false),

  'rooms.save': async (input, ctx) => {
    const exists = input.id !== undefined;
    if (exists && !(await roomExists(ctx.db, input.id!))) throw new KeelError('not_found', 'That room does not exist.');
    const clash = await findRoomByName(ctx.db, input.name);
    if (clash && clash.id !== input.id) throw fieldError('name', `There is already a room called “${input.name}”`);
    const room = { ...input, id: input.id ?? ctx.app.newId() };
    await saveRoom(ctx.db, room, exists, ctx.now);
    ctx.audit.targetId = room.id;
    ctx.audit.detail = { name: room.name, active: room.active };
    return room;
  },

};
