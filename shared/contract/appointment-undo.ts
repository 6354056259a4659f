import { z } from 'zod';
import { channel, returns } from './channel';
import { expected, id, strictObject } from './fields';
import type { Appointment } from './appointment-types';

/** Taking back a cancellation, like the other changes on the schedule (Undo, Ctrl+Z). */
export const appointmentUndoContract = {
  'appointments.restore': channel({
    input: strictObject({ id: id(), status: z.enum(['booked', 'confirmed'], { error: expected('booked or confirmed') }).optional() }),
    output: returns<{ restored: number; appointment: Appointment }>(),
    access: 'schedule.manage',
    audit: 'write',
    summary:
      'Undo a cancellation: the appointment (and those of its series cancelled with it) hold their time again, as booked or confirmed. Refused when the time has passed or the slot was taken meanwhile.',
    example: { id: '00000000-0000-7000-8000-000000000000', status: 'booked' },
  }),
} as const;
