import { insertAttachment, sniffType, storeFile } from '../../../db/attachments';
import { archiveCredential, expiringCredentials, findCredential, listCredentials, missingCredentials, saveCredential } from '../../../db/credentials';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/contract/attachments';
import type { credentialsContract } from '../../../shared/contract/credentials';
import { KeelError, fieldError } from '../../../shared/contract/index';
import { clinicToday, requireSelfOr, requireStaff } from '../handlers/clinic-time';
import { type HandlersFor, twoPhase } from '../handlers/types';

interface StoredUpload {
  sha256: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
}

export const credentialsHandlers: HandlersFor<typeof credentialsContract> = {
  'credentials.list': async (input, ctx) => {
    await requireSelfOr(ctx, input.staffId, 'staff.manage');
    await requireStaff(ctx, input.staffId);
    return listCredentials(ctx.db, input.staffId, clinicToday(ctx));
  },

  // The scan is checked and written to the data folder before the transaction; its row is written inside it.
  'credentials.save': twoPhase<'credentials.save', StoredUpload | null | undefined>(
    async (input, { app }) => {
      if (!input.attachment) return input.attachment;
      const bytes = Buffer.from(input.attachment.dataBase64, 'base64');
      if (bytes.length === 0) throw fieldError('attachment', 'The file is empty');
      if (bytes.length > MAX_ATTACHMENT_BYTES) throw fieldError('attachment', 'The file is larger than 20 MB');
      const kind = sniffType(bytes);
      if (kind === null) throw fieldError('attachment', 'This file is not a PDF, PNG or JPEG image');
      if (kind !== input.attachment.mime) throw fieldError('attachment', `The file is a ${kind.split('/')[1]!.toUpperCase()}, not what its name says`);
      const sha256 = storeFile(app.database.dir, bytes);
      return { sha256, fileName: input.attachment.fileName, mime: kind, sizeBytes: bytes.length };
    },
    async (input, ctx, upload) => {
      await requireStaff(ctx, input.staffId);
      let id = input.id;
      if (id !== undefined) {
        const existing = await findCredential(ctx.db, id);
        if (!existing || existing.staff_id !== input.staffId) throw new KeelError('not_found', 'That credential does not exist.');
      }
      let attachmentId: string | null | undefined = upload === null ? null : undefined;
      if (upload) {
        attachmentId = ctx.app.newId();
        await insertAttachment(ctx.db, { id: attachmentId, ...upload }, ctx.now);
      }
      const exists = id !== undefined;
      id ??= ctx.app.newId();
      await saveCredential(ctx.db, id, input, attachmentId, ctx.now, exists);
      ctx.audit.targetId = id;
      ctx.audit.detail = { staffId: input.staffId, kind: input.kind, expiresOn: input.expiresOn, scan: upload ? upload.sha256 : upload === null ? 'removed' : 'kept' };
      const saved = (await listCredentials(ctx.db, input.staffId, clinicToday(ctx))).find((c) => c.id === id);
      return saved!;
    },
  ),

  'credentials.archive': async (input, ctx) => {
    const existing = await findCredential(ctx.db, input.id);
    if (!existing) throw new KeelError('not_found', 'That credential does not exist.');
    await archiveCredential(ctx.db, input.id, ctx.now);
    ctx.audit.targetId = input.id;
    ctx.audit.detail = { staffId: existing.staff_id, kind: existing.kind };
    return null;
  },

  'credentials.expiring': async (input, ctx) => {
    const today = input.asOf ?? clinicToday(ctx);
    return { expiring: await expiringCredentials(ctx.db, today, input.withinDays ?? 90), missing: await missingCredentials(ctx.db) };
  },

};
