import { z } from 'zod';
import { MAX_SHIFT_MINUTES, STAFF_ROLES, TIME_OFF_KINDS } from '../domain/staff';
import { minutesOfDay } from '../domain/time';
import { daysBetween, wallMinutes } from '../domain/wallclock';
import { channel, returns } from './channel';
import { atMost, date, empty, expected, id, list, optionalText, strictObject, text, timeOfDay, wallTime } from './fields';
import { staffRole } from './staff';
import type { CoverageGap, CoverageRule, LabourReport, ProviderAvailability, RosterWarning, RosterWeek, Shift, ShiftTemplate, TimeOff, TimeOffDecision, TimeOffImpact, WorkingToday } from './staff-types';

const weekdays = () =>
  atMost(
    z
      .array(z.number({ error: expected('weekday numbers 1–7') }).int().min(1, 'Weekdays go from 1 (Monday) to 7 (Sunday)').max(7, 'Weekdays go from 1 (Monday) to 7 (Sunday)'))
      .min(1, 'Choose at least one weekday')
      .max(7, 'Choose at most 7 weekdays')
      .refine((d) => new Set(d).size === d.length, 'Each weekday once'),
    7,
    'Choose at most 7 weekdays',
  );

const breakMinutes = () => z.number({ error: expected('minutes') }).int('Use whole minutes').min(0, 'Cannot be negative').max(480, 'At most 8 hours');

export const shiftInput = () =>
  strictObject({ id: id().optional(), staffId: id(), start: wallTime(), end: wallTime(), breakMinutes: breakMinutes(), note: optionalText(200, { multiline: true }) })
    .superRefine((s, ctx) => {
      const length = wallMinutes(s.end) - wallMinutes(s.start);
      if (length <= 0) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The shift ends before it starts' });
      else if (length > MAX_SHIFT_MINUTES) ctx.addIssue({ code: 'custom', path: ['end'], message: 'A shift can be at most 16 hours' });
      else if (s.breakMinutes >= length) ctx.addIssue({ code: 'custom', path: ['breakMinutes'], message: 'The break is as long as the shift or longer' });
    });

/** A date range for reports and availability, at most `maxDays` long. */
const range = (maxDays: number) =>
  strictObject({ from: date(), to: date() }).superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range ends before it starts' });
    else if (daysBetween(r.from, r.to) >= maxDays) ctx.addIssue({ code: 'custom', path: ['to'], message: `Choose at most ${maxDays} days` });
  });

const SHIFT_EXAMPLE = { staffId: '00000000-0000-7000-8000-000000000000', start: '2026-03-02T08:00', end: '2026-03-02T17:00', breakMinutes: 30, note: '' };

export const rosterContract = {
  'roster.week': channel({
    input: strictObject({ weekStart: date() }),
    output: returns<RosterWeek>(),
    access: 'roster.view',
    audit: 'none',
    summary: 'The roster of the ISO week holding weekStart: people by role, shifts, time off, warnings, coverage gaps, hours (and cost for the manager).',
    example: { weekStart: '2026-03-02' },
  }),
  'roster.checkShift': channel({
    input: shiftInput(),
    output: returns<RosterWarning[]>(),
    access: 'roster.manage',
    audit: 'none',
    summary: 'The warnings a shift would raise, before saving it.',
    example: SHIFT_EXAMPLE,
  }),
  'roster.saveShift': channel({
    input: shiftInput(),
    output: returns<{ shift: Shift; warnings: RosterWarning[] }>(),
    access: 'roster.manage',
    audit: 'write',
    summary: 'Add a shift, or move or change one (with id). Saved with its warnings.',
    example: SHIFT_EXAMPLE,
  }),
  'roster.deleteShift': channel({
    input: strictObject({ id: id() }),
    output: returns<null>(),
    access: 'roster.manage',
    audit: 'write',
    summary: 'Remove a shift from the roster.',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
  'roster.applyTemplate': channel({
    input: strictObject({ templateId: id(), weekStart: date(), staffIds: list(id(), 200, { min: 1, tooFew: 'Choose at least one person', tooMany: 'Choose at most 200 people' }) }),
    output: returns<{ created: number; skipped: number; warnings: RosterWarning[] }>(),
    access: 'roster.manage',
    audit: 'write',
    summary: 'Put a template’s shifts on its weekdays of one week for the chosen people (skipping shifts they already have).',
    example: { templateId: '00000000-0000-7000-8000-000000000000', weekStart: '2026-03-02', staffIds: ['00000000-0000-7000-8000-000000000000'] },
  }),
  'roster.copyWeek': channel({
    input: strictObject({ fromWeekStart: date(), toWeekStart: date() }).refine((w) => w.fromWeekStart !== w.toWeekStart, { path: ['toWeekStart'], message: 'Choose another week to copy to' }),
    output: returns<{ copied: number; skipped: number }>(),
    access: 'roster.manage',
    audit: 'write',
    summary: 'Copy every shift of one week into another (same weekdays and times), skipping shifts already there and people who have left.',
    example: { fromWeekStart: '2026-02-23', toWeekStart: '2026-03-02' },
  }),
  'roster.availability': channel({
    input: strictObject({ from: date(), to: date(), staffIds: list(id(), 200, { tooMany: 'Choose at most 200 people' }).optional() }).superRefine((r, ctx) => {
      if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range ends before it starts' });
      else if (daysBetween(r.from, r.to) >= 92) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose at most 92 days' });
    }),
    output: returns<ProviderAvailability[]>(),
    access: 'roster.view',
    audit: 'none',
    summary: 'Each bookable provider’s working intervals (shifts minus approved time off; opening hours until they have shifts).',
    example: { from: '2026-03-02', to: '2026-03-08' },
  }),
  'roster.labour': channel({
    input: range(366),
    output: returns<LabourReport>(),
    access: 'labour.view',
    audit: 'none',
    summary: 'Paid hours, overtime and labor cost per person and in total (hourly rate × paid hours; salaries pro rata).',
    example: { from: '2026-03-01', to: '2026-03-31' },
  }),
  'roster.today': channel({
    input: strictObject({ date: date().optional() }),
    output: returns<WorkingToday[]>(),
    access: 'roster.view',
    audit: 'none',
    summary: 'Who is working today (or on a given date), by start time.',
    example: {},
  }),
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
  'coverage.list': channel({
    input: empty(),
    output: returns<CoverageRule[]>(),
    access: 'roster.view',
    audit: 'none',
    summary: 'Coverage rules.',
    example: {},
  }),
  'coverage.save': channel({
    input: strictObject({
      id: id().optional(),
      name: text(80),
      weekdays: weekdays(),
      startTime: timeOfDay(),
      endTime: timeOfDay(),
      requirements: atMost(
        z
          .array(strictObject({ staffRole: staffRole(), min: z.number().int().min(1, 'At least 1').max(50) }))
          .min(1, 'Give at least one role')
          .max(STAFF_ROLES.length, `Give at most ${STAFF_ROLES.length} roles`)
          .refine((r) => new Set(r.map((x) => x.staffRole)).size === r.length, 'Each role once'),
        STAFF_ROLES.length,
        `Give at most ${STAFF_ROLES.length} roles`,
      ),
      active: z.boolean(),
    })
      .superRefine((r, ctx) => {
        if (r.endTime <= r.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end is before the start' });
      }),
    output: returns<CoverageRule>(),
    access: 'roster.manage',
    audit: 'write',
    summary: 'A coverage rule such as “at least 2 medical assistants and 1 receptionist, Mon–Fri 8:00–17:00”.',
    example: { name: 'Weekday front desk', weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '17:00', requirements: [{ staffRole: 'receptionist', min: 1 }], active: true },
  }),
  'coverage.gaps': channel({
    input: strictObject({ weekStart: date() }),
    output: returns<CoverageGap[]>(),
    access: 'roster.view',
    audit: 'none',
    summary: 'Under-covered blocks of one week, by the coverage rules.',
    example: { weekStart: '2026-03-02' },
  }),
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
