import { z } from 'zod';
import { CONCERN_CATEGORIES, CONCERN_STATUSES, type ConcernCategory, type ConcernStatus, SEVERITIES, type Severity } from '../domain/patients';
import { channel, returns } from './channel';
import { date, empty, expected, id, optionalText, strictObject, text } from './fields';

export interface ConcernEvent {
  at: string;
  username: string | null;
  status: ConcernStatus;
  note: string;
}

export interface Concern {
  id: string;
  patient: { id: string; mrn: string; name: string } | null;
  category: ConcernCategory;
  description: string;
  severity: Severity;
  owner: { id: string; name: string } | null;
  status: ConcernStatus;
  openedOn: string;
  resolvedOn: string | null;
  closedOn: string | null;
  resolution: string;
  /** Days since opened (until resolved). */
  daysOpen: number;
  /** Still open or in progress after the clinic's target. */
  overdue: boolean;
  events: ConcernEvent[];
}

export const concernsContract = {
  'concerns.list': channel({
    input: strictObject({
      status: z.enum([...CONCERN_STATUSES, 'unresolved'] as const).optional(),
      category: z.enum(CONCERN_CATEGORIES).optional(),
      ownerId: id().optional(),
      overdueOnly: z.boolean().optional(),
      patientId: id().optional(),
    }),
    output: returns<Concern[]>(),
    access: 'concerns.view',
    audit: 'read-phi',
    summary: 'Concerns and complaints, filtered by status (or all unresolved), category, owner, overdue, patient.',
    example: { status: 'unresolved' },
  }),
  'concerns.create': channel({
    input: strictObject({
      patientId: id().nullable(),
      category: z.enum(CONCERN_CATEGORIES, { error: expected(CONCERN_CATEGORIES.join(', ')) }),
      description: text(4000, { multiline: true }),
      severity: z.enum(SEVERITIES, { error: expected('low, medium or high') }),
      ownerId: id().nullable(),
      openedOn: date().optional(),
    }),
    output: returns<Concern>(),
    access: 'concerns.manage',
    audit: 'write',
    summary: 'Log a concern or complaint, for a patient or anonymous.',
    example: { patientId: null, category: 'wait_time', description: 'Waited 50 minutes past the appointment time.', severity: 'medium', ownerId: null },
  }),
  'concerns.update': channel({
    input: strictObject({
      id: id(),
      status: z.enum(CONCERN_STATUSES, { error: expected(CONCERN_STATUSES.join(', ')) }).optional(),
      ownerId: id().nullable().optional(),
      severity: z.enum(SEVERITIES).optional(),
      note: optionalText(2000, { multiline: true }),
      resolution: optionalText(4000, { multiline: true }).optional(),
    }),
    output: returns<Concern>(),
    access: 'concerns.manage',
    audit: 'write',
    summary: 'Assign, move open → in progress → resolved → closed (resolution notes needed to resolve), or change severity.',
    example: { id: '00000000-0000-7000-8000-000000000000', status: 'in_progress', note: 'Called the patient back.' },
  }),
  'concerns.settings': channel({
    input: empty(),
    output: returns<{ targetDays: number }>(),
    access: 'concerns.view',
    audit: 'none',
    summary: 'How many days a concern may stay unresolved before it is overdue.',
    example: {},
  }),
  'concerns.setTarget': channel({
    input: strictObject({ targetDays: z.number().int().min(1, 'At least 1 day').max(365, 'At most 365 days') }),
    output: returns<{ targetDays: number }>(),
    access: 'concerns.settings',
    audit: 'write',
    summary: 'Change the number of days before an unresolved concern is overdue (manager).',
    example: { targetDays: 30 },
  }),
} as const;
