import { z } from 'zod';
import { MAX_SHIFT_MINUTES, type StaffRole } from '../domain/staff';
import { daysBetween, wallMinutes } from '../domain/time';
import { channel, returns } from './channel';
import type { CoverageGap } from './coverage';
import type { CredentialFlag } from './credentials';
import { date, dateRange, expected, id, list, optionalText, strictObject, wallTime } from './fields';
import type { TimeOff } from './timeoff';

export interface Shift {
  id: string;
  staffId: string;
  start: string;
  end: string;
  breakMinutes: number;
  note: string;
  /** Real minutes worked (DST-aware) minus the unpaid break. */
  paidMinutes: number;
}

export type WarningKind = 'overlap' | 'time_off' | 'overtime' | 'contracted' | 'rest' | 'flagged';

export interface RosterWarning {
  kind: WarningKind;
  staffId: string;
  /** The shift it concerns; absent for week-level warnings (overtime, contracted hours). */
  shiftId?: string;
  message: string;
}

export interface RosterPerson {
  id: string;
  fullName: string;
  staffRole: StaffRole;
  colour: string;
  contractedHours: number;
  flag: CredentialFlag | null;
}

export interface PersonHours {
  staffId: string;
  paidMinutes: number;
  overtimeMinutes: number;
  /** Manager only; null for everyone else. */
  costCents: number | null;
}

export interface RosterWeek {
  weekStart: string;
  days: string[];
  people: RosterPerson[];
  shifts: Shift[];
  timeOff: TimeOff[];
  warnings: RosterWarning[];
  gaps: CoverageGap[];
  hours: PersonHours[];
  totals: { paidMinutes: number; costCents: number | null };
}

export interface LabourReport {
  from: string;
  to: string;
  people: Array<PersonHours & { fullName: string; staffRole: StaffRole }>;
  totals: { paidMinutes: number; overtimeMinutes: number; costCents: number };
}

export interface ProviderAvailability {
  staffId: string;
  fullName: string;
  /** `roster` once the provider has shifts; the clinic's opening hours until then. */
  source: 'roster' | 'opening_hours';
  intervals: Array<{ start: string; end: string }>;
}

export interface WorkingToday {
  staffId: string;
  fullName: string;
  staffRole: StaffRole;
  start: string;
  end: string;
  flag: CredentialFlag | null;
}

export const breakMinutes = () => z.number({ error: expected('minutes') }).int('Use whole minutes').min(0, 'Cannot be negative').max(480, 'At most 8 hours');

export const shiftInput = () =>
  strictObject({ id: id().optional(), staffId: id(), start: wallTime(), end: wallTime(), breakMinutes: breakMinutes(), note: optionalText(200, { multiline: true }) })
    .superRefine((s, ctx) => {
      const length = wallMinutes(s.end) - wallMinutes(s.start);
      if (length <= 0) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The shift ends before it starts' });
      else if (length > MAX_SHIFT_MINUTES) ctx.addIssue({ code: 'custom', path: ['end'], message: 'A shift can be at most 16 hours' });
      else if (s.breakMinutes >= length) ctx.addIssue({ code: 'custom', path: ['breakMinutes'], message: 'The break is as long as the shift or longer' });
    });

/** A date range for reports and availability, at most `maxDays` long. */

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
    input: dateRange(366),
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
} as const;
