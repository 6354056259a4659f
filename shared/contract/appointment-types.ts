import { z } from 'zod';
import { MAX_APPOINTMENT_MINUTES } from '../domain/appointments';
import { ROOM_KINDS, type RoomKind, type StaffRole } from '../domain/staff';
import { channel, returns } from './channel';
import { colour, expected, id, list, strictObject, text } from './fields';
import { staffRole } from './staff';

export interface AppointmentType {
  id: string;
  name: string;
  durationMinutes: number;
  colour: string;
  roomKind: RoomKind | null;
  providerRoles: StaffRole[];
  active: boolean;
}

export const appointmentTypesContract = {
  'appointmentTypes.list': channel({
    input: strictObject({ includeRetired: z.boolean().optional() }),
    output: returns<AppointmentType[]>(),
    access: 'schedule.view',
    audit: 'none',
    summary: 'Appointment types: duration, color, room kind, who may be booked.',
    example: {},
  }),
  'appointmentTypes.save': channel({
    input: strictObject({
      id: id().optional(),
      name: text(80),
      durationMinutes: z.number({ error: expected('minutes') }).int().min(5, 'At least 5 minutes').max(MAX_APPOINTMENT_MINUTES, 'At most 8 hours').refine((m) => m % 5 === 0, 'Use a multiple of 5 minutes'),
      colour: colour(),
      roomKind: z.enum(ROOM_KINDS).nullable(),
      providerRoles: list(staffRole(), 7, { min: 1, tooFew: 'Choose at least one role', tooMany: 'Choose at most 7 roles' }),
      active: z.boolean(),
    }),
    output: returns<AppointmentType>(),
    access: 'schedule.types',
    audit: 'write',
    summary: 'Add, change or retire an appointment type.',
    example: { name: 'Follow-up', durationMinutes: 15, colour: '#2b6cb0', roomKind: 'exam', providerRoles: ['physician', 'np_pa'], active: true },
  }),
} as const;
