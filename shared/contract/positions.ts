import { z } from 'zod';
import { EMPLOYMENT_TYPES, type EmploymentType, type StaffRole } from '../domain/staff';
import { channel, returns } from './channel';
import { date, expected, id, optionalText, strictObject, text } from './fields';
import { staffRole } from './staff';

export type PositionStatus = 'open' | 'on_hold' | 'filled' | 'closed';

export interface Position {
  id: string;
  title: string;
  staffRole: StaffRole;
  employmentType: EmploymentType;
  status: PositionStatus;
  openedOn: string;
  note: string;
  candidateCount: number;
}

const POSITION_STATUSES = ['open', 'on_hold', 'filled', 'closed'] as const;

export const positionsContract = {
  'positions.list': channel({
    input: strictObject({ status: z.enum(POSITION_STATUSES).optional() }),
    output: returns<Position[]>(),
    access: 'hiring.manage',
    audit: 'none',
    summary: 'Open and past positions with their number of candidates.',
    example: {},
  }),
  'positions.save': channel({
    input: strictObject({
      id: id().optional(),
      title: text(120),
      staffRole: staffRole(),
      employmentType: z.enum(EMPLOYMENT_TYPES, { error: expected('full_time, part_time or contractor') }),
      status: z.enum(POSITION_STATUSES, { error: expected('open, on_hold, filled or closed') }),
      openedOn: date(),
      note: optionalText(2000, { multiline: true }),
    }),
    output: returns<Position>(),
    access: 'hiring.manage',
    audit: 'write',
    summary: 'Open a position or change one.',
    example: { title: 'Medical assistant', staffRole: 'nurse_ma', employmentType: 'full_time', status: 'open', openedOn: '2026-03-02', note: '' },
  }),
} as const;
