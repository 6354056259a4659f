import { daysBetween } from '../domain/time';
import { channel, returns } from './channel';
import { date, id, list, optionalText, strictObject } from './fields';

/** A closure day as Settings and the calendar show it. */
export interface Closure {
  id: string;
  date: string;
  label: string;
  /** Appointments still booked that day (they need rescheduling). */
  booked: number;
}

const day = () => strictObject({ date: date(), label: optionalText(80) });

export const closuresContract = {
  'closures.list': channel({
    input: strictObject({ from: date(), to: date() }).superRefine((r, ctx) => {
      if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range ends before it starts' });
      else if (daysBetween(r.from, r.to) > 800) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose at most two years' });
    }),
    output: returns<Closure[]>(),
    access: 'schedule.view',
    audit: 'none',
    summary: 'The clinic’s closure days (holidays, whole days closed) between two dates, with how many appointments are still booked on each.',
    example: { from: '2026-01-01', to: '2026-12-31' },
  }),
  'closures.add': channel({
    input: strictObject({ days: list(day(), 60, { min: 1, tooFew: 'Choose at least one day', tooMany: 'Add at most 60 days at once' }) }).superRefine((r, ctx) => {
      const seen = new Set<string>();
      r.days.forEach((d, i) => {
        if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: 'This date is in the list twice' });
        seen.add(d.date);
      });
    }),
    output: returns<Closure[]>(),
    access: 'schedule.types',
    audit: 'write',
    summary: 'Close the clinic on whole days (with an optional label, e.g. “Christmas Day”): bookings are refused and open-slot searches skip them. Appointments already booked stay, counted, to reschedule.',
    example: { days: [{ date: '2026-12-25', label: 'Christmas Day' }] },
  }),
  'closures.remove': channel({
    input: strictObject({ id: id() }),
    output: returns<{ date: string }>(),
    access: 'schedule.types',
    audit: 'write',
    summary: 'Open the clinic again on a closure day (the closure is kept, inactive, in the history).',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
} as const;
