import { z } from 'zod';
import { CANDIDATE_STAGES, EMPLOYMENT_TYPES, PAY_TYPES } from '../domain/staff';
import { channel, returns } from './channel';
import { cents, colour, date, email, expected, id, optionalText, strictObject, text } from './fields';
import { staffRole } from './staff';
import type { Candidate, Position, StaffMember } from './staff-types';

const POSITION_STATUSES = ['open', 'on_hold', 'filled', 'closed'] as const;
const MOVABLE_STAGES = CANDIDATE_STAGES.filter((s) => s !== 'hired');

export const hiringContract = {
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
  'candidates.list': channel({
    input: strictObject({ positionId: id().optional() }),
    output: returns<Candidate[]>(),
    access: 'hiring.manage',
    audit: 'none',
    summary: 'Candidates with their stage history.',
    example: {},
  }),
  'candidates.save': channel({
    input: strictObject({
      id: id().optional(),
      positionId: id(),
      fullName: text(120),
      phone: optionalText(40),
      email: z.union([z.literal(''), email()]),
      appliedOn: date(),
      note: optionalText(2000, { multiline: true }),
    }),
    output: returns<Candidate>(),
    access: 'hiring.manage',
    audit: 'write',
    summary: 'Add a candidate (stage: applied) or correct their details.',
    example: { positionId: '00000000-0000-7000-8000-000000000000', fullName: 'Casey Nguyen', phone: '', email: '', appliedOn: '2026-03-02', note: '' },
  }),
  'candidates.move': channel({
    input: strictObject({ id: id(), stage: z.enum(MOVABLE_STAGES as [string, ...string[]], { error: expected(MOVABLE_STAGES.join(', ')) }), onDate: date(), note: optionalText(2000, { multiline: true }) }),
    output: returns<Candidate>(),
    access: 'hiring.manage',
    audit: 'write',
    summary: 'Move a candidate to another stage (applied → phone screen → interview → offer, or rejected), with a date and note.',
    example: { id: '00000000-0000-7000-8000-000000000000', stage: 'interview', onDate: '2026-03-05', note: '' },
  }),
  'candidates.hire': channel({
    input: strictObject({
      id: id(),
      startDate: date(),
      jobTitle: optionalText(120),
      contractedHours: z.number({ error: expected('a number of hours') }).min(0).max(80),
      payType: z.enum(PAY_TYPES, { error: expected('hourly or salary') }),
      payRateCents: cents(),
      colour: colour(),
      note: optionalText(2000, { multiline: true }),
    }),
    output: returns<StaffMember>(),
    access: 'hiring.manage',
    audit: 'write',
    summary: 'Hire a candidate: creates their staff record from what is known and marks them hired.',
    example: { id: '00000000-0000-7000-8000-000000000000', startDate: '2026-04-01', jobTitle: 'Medical assistant', contractedHours: 40, payType: 'hourly', payRateCents: 2200, colour: '#2b6cb0', note: '' },
  }),
} as const;
