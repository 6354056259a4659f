import { z } from 'zod';
import { ROOM_KINDS, type RoomKind } from '../domain/staff';
import { channel, returns } from './channel';
import { expected, id, optionalText, strictObject, text } from './fields';

export interface Room {
  id: string;
  name: string;
  kind: RoomKind;
  note: string;
  active: boolean;
}

export const roomsContract = {
  'rooms.list': channel({
    input: strictObject({ includeInactive: z.boolean().optional() }),
    output: returns<Room[]>(),
    access: 'rooms.view',
    audit: 'none',
    summary: 'Rooms by name.',
    example: {},
  }),
  'rooms.save': channel({
    input: strictObject({ id: id().optional(), name: text(60), kind: z.enum(ROOM_KINDS, { error: expected('exam, procedure, lab or other') }), note: optionalText(300, { multiline: true }), active: z.boolean() }),
    output: returns<Room>(),
    access: 'rooms.manage',
    audit: 'write',
    summary: 'Add or change a room (names are unique).',
    example: { name: 'Exam 1', kind: 'exam', note: '', active: true },
  }),
} as const;
