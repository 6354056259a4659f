import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../domain/staff';
import { channel, returns } from './channel';
import { atMost, date, empty, id, strictObject, text, timeOfDay, weekdays } from './fields';
import { staffRole } from './staff';

export interface CoverageRequirement {
  staffRole: StaffRole;
  min: number;
}

export interface CoverageRule {
  id: string;
  name: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  requirements: CoverageRequirement[];
  active: boolean;
}

export interface CoverageGap {
  ruleName: string;
  date: string;
  from: string;
  to: string;
  staffRole: StaffRole;
  required: number;
  actual: number;
}

export const coverageContract = {
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
} as const;
