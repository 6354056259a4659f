import { z } from 'zod';
import { CREDENTIAL_KINDS, type CredentialKind, DEFAULT_REQUIREMENTS, STAFF_ROLES, type StaffRole } from '../domain/staff';
import { channel, returns } from './channel';
import { MAX_EVALUATION_CRITERIA } from './evaluations';
import { boundedRecord, empty, expected, list, strictObject, text } from './fields';
import { staffRole } from './staff';
import { credentialKind } from './credentials';

export interface StaffSettings {
  requirements: Record<StaffRole, CredentialKind[]>;
  evaluationIntervalMonths: number;
  evaluationCriteria: string[];
}


export const staffSettingsContract = {
  'staffSettings.get': channel({
    input: empty(),
    output: returns<StaffSettings>(),
    access: 'staff.manage',
    audit: 'none',
    summary: 'Required credentials per role, the evaluation interval and criteria.',
    example: {},
  }),
  'staffSettings.update': channel({
    input: strictObject({
      requirements: boundedRecord(staffRole(), list(credentialKind(), CREDENTIAL_KINDS.length, { tooMany: `Choose at most ${CREDENTIAL_KINDS.length} credentials` }), STAFF_ROLES.length, `Give at most ${STAFF_ROLES.length} roles`),
      evaluationIntervalMonths: z.number({ error: expected('a number of months') }).int().min(1, 'At least 1 month').max(36, 'At most 36 months'),
      evaluationCriteria: list(text(80), MAX_EVALUATION_CRITERIA, { min: 1, tooFew: 'Give at least one criterion', tooMany: `At most ${MAX_EVALUATION_CRITERIA} criteria` }),
    }),
    output: returns<StaffSettings>(),
    access: 'staff.manage',
    audit: 'write',
    summary: 'Change the required credentials per role and the evaluation interval and criteria.',
    example: { requirements: DEFAULT_REQUIREMENTS, evaluationIntervalMonths: 12, evaluationCriteria: ['Quality of work'] },
  }),
} as const;
