import { z } from 'zod';
import { TIME_OFF_KINDS, type TimeOffKind, type TimeOffStatus } from '../domain/staff';
import { daysBetween } from '../domain/time';
import type { AffectedAppointment } from './booking-risks';
import { channel, returns } from './channel';
import { date, expected, id, optionalText, strictObject, wallTime } from './fields';
import type { Shift } from './roster';

/** What approving time off does to one shift: removed, or cut back to the parts outside the time off. */
export interface ShiftChange {
  shift: Shift;
  effect: 'remove' | 'shorten' | 'split';
  /** The parts that stay on the roster (none when removed). */
  keeps: Array<{ start: string; end: string; breakMinutes: number }>;
  paidMinutesLost: number;
}

export interface TimeOff {
  id: string;
  staffId: string;
  staffName: string;
  kind: TimeOffKind;
  start: string;
  end: string;
  status: TimeOffStatus;
  requestNote: string;
  decisionNote: string;
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** What a time-off request touches, shown before it is approved. */
export interface TimeOffImpact {
  request: TimeOff;
  shifts: ShiftChange[];
  paidMinutesLost: number;
  /** Labor cost of those hours (hourly pay; salaries do not change); null for anyone but the manager. */
  costCents: number | null;
  /** Booked appointments of the person during it, to reschedule. */
  appointments: AffectedAppointment[];
}

export interface TimeOffDecision extends TimeOff {
  /** Shifts taken off the roster with the approval, and shifts cut back to the hours outside it. */
  shiftsRemoved: number;
  shiftsShortened: number;
}

export const timeoffContract = {
  'timeoff.list': channel({
    input: strictObject({ from: date(), to: date(), staffId: id().optional(), status: z.enum(['pending', 'approved', 'declined', 'cancelled']).optional() }),
    output: returns<TimeOff[]>(),
    access: 'roster.view',
    audit: 'none',
    summary: 'Time-off requests touching a date range.',
    example: { from: '2026-03-01', to: '2026-03-31' },
  }),
  'timeoff.request': channel({
    input: strictObject({
      staffId: id().optional(),
      kind: z.enum(TIME_OFF_KINDS, { error: expected('vacation, sick, training or other') }),
      start: wallTime(),
      end: wallTime(),
      note: optionalText(500, { multiline: true }),
    })
      .superRefine((t, ctx) => {
        if (t.end <= t.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The time off ends before it starts' });
        else if (daysBetween(t.start.slice(0, 10), t.end.slice(0, 10)) > 366) ctx.addIssue({ code: 'custom', path: ['end'], message: 'At most a year at a time' });
      }),
    output: returns<TimeOff>(),
    access: 'timeoff.request',
    audit: 'write',
    summary: 'Request time off (whole days run 00:00 to 00:00 of the day after). Staff request their own; the manager may enter anyone’s.',
    example: { kind: 'vacation', start: '2026-03-09T00:00', end: '2026-03-14T00:00', note: '' },
  }),
  'timeoff.impact': channel({
    input: strictObject({ id: id() }),
    output: returns<TimeOffImpact>(),
    access: 'timeoff.decide',
    audit: 'read-phi',
    summary: 'What approving a request touches: the person’s shifts during it (removed, or cut back) with the hours and labor cost, and their booked appointments to reschedule.',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
  'timeoff.decide': channel({
    input: strictObject({
      id: id(),
      decision: z.enum(['approved', 'declined'], { error: expected('approved or declined') }),
      comment: optionalText(500, { multiline: true }),
      /** With an approval: take the person's shifts during the time off off the roster (or cut them back), in the same transaction. */
      removeShifts: z.boolean({ error: expected('true or false') }).optional(),
    }),
    output: returns<TimeOffDecision>(),
    access: 'timeoff.decide',
    audit: 'write',
    summary: 'Approve or decline a pending request, with a comment; an approval may also remove the person’s shifts during it from the roster.',
    example: { id: '00000000-0000-7000-8000-000000000000', decision: 'approved', comment: '', removeShifts: true },
  }),
  'timeoff.cancel': channel({
    input: strictObject({ id: id() }),
    output: returns<TimeOff>(),
    access: 'timeoff.request',
    audit: 'write',
    summary: 'Withdraw a request (one’s own, or anyone’s for the manager).',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
} as const;
