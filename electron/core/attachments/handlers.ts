import { findAttachment, readVerifiedFile } from '../../../db/attachments';
import type { attachmentsContract } from '../../../shared/contract/attachments';
import { KeelError } from '../../../shared/contract/index';
import { can, ownStaff } from '../handlers/clinic-time';
import type { HandlersFor } from '../handlers/types';

export const attachmentsHandlers: HandlersFor<typeof attachmentsContract> = {
  'attachments.get': async (input, ctx) => {
    const row = await findAttachment(ctx.db, input.id);
    if (!row) throw new KeelError('not_found', 'That file does not exist.');
    if (!can(ctx, 'staff.manage')) {
      const own = await ownStaff(ctx);
      const mine = own ? await ctx.db.selectFrom('credentials').select('id').where('attachment_id', '=', input.id).where('staff_id', '=', own.id).executeTakeFirst() : undefined;
      if (!mine) throw new KeelError('forbidden', 'You can only open your own scans.');
    }
    const file = readVerifiedFile(ctx.app.database.dir, row.sha256);
    if (!file.ok) {
      throw new KeelError(
        'conflict',
        file.reason === 'missing'
          ? `The scan “${row.file_name}” is missing from the data folder. Restore it from a backup.`
          : `The scan “${row.file_name}” no longer matches its fingerprint; it may be damaged. Restore it from a backup.`,
      );
    }
    return { fileName: row.file_name, mime: row.mime, sha256: row.sha256, dataBase64: file.bytes.toString('base64') };
  },
};
