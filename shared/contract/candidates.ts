import { z } from 'zod';
import { CANDIDATE_STAGES, type CandidateStage, PAY_TYPES } from '../domain/staff';
import { channel, returns } from './channel';
import { cents, colour, date, email, expected, id, optionalText, strictObject, text } from './fields';
import type { StaffMember } from './staff';

export interface CandidateEvent {
  stage: CandidateStage;
  onDate: string;
  note: string;
  by: string | null;
}

export interface Candidate {
  id: string;
  positionId: string;
  positionTitle: string;
  fullName: string;
  phone: string;
  email: string;
  stage: CandidateStage;
  stageOn: string;
  note: string;
  staffId: string | null;
  history: CandidateEvent[];
}

const MOVABLE_STAGES = CANDIDATE_STAGES.filter((s) => s !== 'hired');

export const candidatesContract = {
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
