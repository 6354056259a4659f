import { z } from 'zod';
import { channel, returns, UPLOAD_INPUT_BYTES } from './channel';
import { date, expected, id, optionalDate, optionalText, strictObject, text } from './fields';
import { credentialKind } from './staff';
import type { AttachmentFile, Credential, ExpiringCredential, MissingCredential } from './staff-types';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

/** A scan sent with a credential: PDF, PNG or JPEG, at most 20 MB. */
export const attachmentUpload = () =>
  strictObject({
    fileName: text(200),
    mime: z.enum(ATTACHMENT_TYPES, { error: 'Attach a PDF, PNG or JPEG file' }),
    dataBase64: z
      .string({ error: expected('the file as base64') })
      .min(4, 'The file is empty')
      .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4, 'The file is larger than 20 MB')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not valid base64'),
  });

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
  'attachments.get': channel({
    input: strictObject({ id: id() }),
    output: returns<AttachmentFile>(),
    access: 'staff.self',
    audit: 'none',
    summary: 'A stored scan, checked against its SHA-256 before it is returned.',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
} as const;
