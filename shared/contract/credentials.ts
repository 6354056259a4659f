import { z } from 'zod';
import { CREDENTIAL_KINDS, type CredentialKind, type ExpiryAlert, type StaffRole } from '../domain/staff';
import { type AttachmentInfo, attachmentUpload } from './attachments';
import { UPLOAD_INPUT_BYTES, channel, returns } from './channel';
import { date, expected, id, optionalDate, optionalText, strictObject } from './fields';

export const credentialKind = () => z.enum(CREDENTIAL_KINDS, { error: expected(`one of: ${CREDENTIAL_KINDS.join(', ')}`) });

/** Why a person is flagged: a required credential missing or expired. */
export interface CredentialFlag {
  missing: CredentialKind[];
  expired: CredentialKind[];
}

export interface Credential {
  id: string;
  staffId: string;
  kind: CredentialKind;
  number: string;
  issuer: string;
  issuedOn: string | null;
  expiresOn: string | null;
  note: string;
  attachment: AttachmentInfo | null;
  /** The newest credential of its kind for the person; older ones are history. */
  current: boolean;
  alert: ExpiryAlert;
}

export interface ExpiringCredential {
  credentialId: string;
  staffId: string;
  staffName: string;
  staffRole: StaffRole;
  kind: CredentialKind;
  expiresOn: string;
  daysLeft: number;
  alert: Exclude<ExpiryAlert, null>;
  /** Required for the person's role: once lapsed, they are flagged on the roster. */
  required: boolean;
  /** Required and the person is a bookable provider: once lapsed, they cannot be booked. */
  blocksBooking: boolean;
}

export interface MissingCredential {
  staffId: string;
  staffName: string;
  staffRole: StaffRole;
  kind: CredentialKind;
}

export const credentialsContract = {
  'credentials.list': channel({
    input: strictObject({ staffId: id() }),
    output: returns<Credential[]>(),
    access: 'staff.self',
    audit: 'none',
    summary: 'A person’s credentials and training, newest first (the manager, or the person themself).',
    example: { staffId: '00000000-0000-7000-8000-000000000000' },
  }),
  'credentials.save': channel({
    input: strictObject({
      id: id().optional(),
      staffId: id(),
      kind: credentialKind(),
      number: optionalText(80),
      issuer: optionalText(120),
      issuedOn: optionalDate(),
      expiresOn: optionalDate(),
      note: optionalText(500, { multiline: true }),
      /** A new scan; `null` removes the scan; absent keeps it. */
      attachment: attachmentUpload().nullable().optional(),
    })
      .superRefine((c, ctx) => {
        if (c.issuedOn && c.expiresOn && c.expiresOn < c.issuedOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The expiry date is before the issue date' });
      }),
    output: returns<Credential>(),
    access: 'staff.manage',
    audit: 'write',
    summary: 'Record a credential or training (a renewal is a new one), optionally with a scan.',
    maxInputBytes: UPLOAD_INPUT_BYTES,
    example: { staffId: '00000000-0000-7000-8000-000000000000', kind: 'cpr_bls', number: 'BLS-1', issuer: 'AHA', issuedOn: '2025-01-10', expiresOn: '2027-01-31', note: '' },
  }),
  'credentials.archive': channel({
    input: strictObject({ id: id() }),
    output: returns<null>(),
    access: 'staff.manage',
    audit: 'write',
    summary: 'Remove a credential entered by mistake (kept in the history, no longer counted).',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
  'credentials.expiring': channel({
    input: strictObject({ withinDays: z.number({ error: expected('a number of days') }).int().min(1).max(365).optional(), asOf: date().optional() }),
    output: returns<{ expiring: ExpiringCredential[]; missing: MissingCredential[] }>(),
    access: 'staff.manage',
    audit: 'none',
    summary: 'Current credentials expired or expiring within the window (default 90 days), and required ones that are missing.',
    example: { withinDays: 30 },
  }),
} as const;
