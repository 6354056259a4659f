import { z } from 'zod';
import { channel, returns } from './channel';
import { expected, id, strictObject, text } from './fields';

export interface AttachmentInfo {
  id: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
}

export interface AttachmentFile {
  fileName: string;
  mime: string;
  sha256: string;
  dataBase64: string;
}

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

export const attachmentsContract = {
  'attachments.get': channel({
    input: strictObject({ id: id() }),
    output: returns<AttachmentFile>(),
    access: 'staff.self',
    audit: 'none',
    summary: 'A stored scan, checked against its SHA-256 before it is returned.',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
} as const;
