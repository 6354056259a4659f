import { z } from 'zod';
import { MAX_SHIFT_MINUTES } from '../domain/staff';
import { minutesOfDay } from '../domain/time';
import { channel, returns } from './channel';
import { empty, id, strictObject, text, timeOfDay, weekdays } from './fields';
import { breakMinutes } from './roster';

export interface ShiftTemplate {
  id: string;
  name: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  breakMinutes: number;
  active: boolean;
}

export const templatesContract = {
  'templates.list': channel({
    input: empty(),
    output: returns<ShiftTemplate[]>(),
    access: 'roster.view',
    audit: 'none',
    summary: 'Shift templates.',
    example: {},
  }),
  'templates.save': channel({
    input: strictObject({ id: id().optional(), name: text(80), weekdays: weekdays(), startTime: timeOfDay(), endTime: timeOfDay(), breakMinutes: breakMinutes(), active: z.boolean() }).superRefine((t, ctx) => {
      const start = minutesOfDay(t.startTime);
      const end = minutesOfDay(t.endTime);
      const length = end > start ? end - start : end + 1440 - start;
      if (start === end) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The shift ends when it starts' });
      else if (length > MAX_SHIFT_MINUTES) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'A shift can be at most 16 hours' });
      else if (t.breakMinutes >= length) ctx.addIssue({ code: 'custom', path: ['breakMinutes'], message: 'The break is as long as the shift or longer' });
    }),
    output: returns<ShiftTemplate>(),
    access: 'roster.manage',
    audit: 'write',
    summary: 'Create or change a shift template such as “Mon–Fri 8:00–17:00, 30 min break” (an end before the start runs past midnight).',
    example: { name: 'Weekday day shift', weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '17:00', breakMinutes: 30, active: true },
  }),
} as const;
