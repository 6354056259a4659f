import { z } from 'zod';
import { channel, returns } from './channel';
import { empty, strictObject } from './fields';

export const scheduleSettingsContract = {
  'scheduleSettings.get': channel({
    input: empty(),
    output: returns<{ lateCancelHours: number }>(),
    access: 'schedule.view',
    audit: 'none',
    summary: 'How many hours before the start a cancellation counts as late.',
    example: {},
  }),
  'scheduleSettings.update': channel({
    input: strictObject({ lateCancelHours: z.number().int().min(1, 'At least 1 hour').max(168, 'At most a week') }),
    output: returns<{ lateCancelHours: number }>(),
    access: 'schedule.types',
    audit: 'write',
    summary: 'Change the late-cancel notice.',
    example: { lateCancelHours: 24 },
  }),
} as const;
