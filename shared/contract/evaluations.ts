import { z } from 'zod';
import type { StaffRole } from '../domain/staff';
import { channel, returns } from './channel';
import { boundedRecord, date, expected, id, optionalText, strictObject, text } from './fields';

export interface Evaluation {
  id: string;
  staffId: string;
  reviewDate: string;
  reviewer: string;
  ratings: Record<string, number>;
  comments: string;
  goals: string;
}

export interface EvaluationDue {
  staffId: string;
  fullName: string;
  staffRole: StaffRole;
  lastReview: string | null;
  dueOn: string;
  /** Negative when overdue. */
  daysLeft: number;
  overdue: boolean;
}

/** A clinic rates people on at most this many criteria (Settings → Staff). */
export const MAX_EVALUATION_CRITERIA = 15;

export const evaluationsContract = {
  'evaluations.list': channel({
    input: strictObject({ staffId: id() }),
    output: returns<Evaluation[]>(),
    access: 'evaluations.manage',
    audit: 'none',
    summary: 'A person’s performance evaluations, newest first.',
    example: { staffId: '00000000-0000-7000-8000-000000000000' },
  }),
  'evaluations.add': channel({
    input: strictObject({
      staffId: id(),
      reviewDate: date(),
      reviewer: text(120),
      ratings: boundedRecord(z.string().max(80), z.number({ error: expected('a rating from 1 to 5') }).int('Use a whole number').min(1, 'Ratings go from 1 to 5').max(5, 'Ratings go from 1 to 5'), MAX_EVALUATION_CRITERIA, `Give at most ${MAX_EVALUATION_CRITERIA} ratings, one per criterion`),
      comments: optionalText(4000, { multiline: true }),
      goals: optionalText(4000, { multiline: true }),
    }),
    output: returns<Evaluation>(),
    access: 'evaluations.manage',
    audit: 'write',
    summary: 'Record an evaluation: 1–5 on each of the clinic’s criteria, comments and goals for the next period.',
    example: { staffId: '00000000-0000-7000-8000-000000000000', reviewDate: '2026-03-02', reviewer: 'Morgan Avery', ratings: { 'Quality of work': 4 }, comments: '', goals: '' },
  }),
  'evaluations.due': channel({
    input: strictObject({ withinDays: z.number({ error: expected('a number of days') }).int().min(0).max(365).optional(), asOf: date().optional() }),
    output: returns<EvaluationDue[]>(),
    access: 'evaluations.manage',
    audit: 'none',
    summary: 'Active staff whose evaluation is overdue or due within the window (default 30 days), most overdue first.',
    example: { withinDays: 30 },
  }),
} as const;
