import os from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import { appendAudit } from '../../db/audit';
import { openDataFolder } from '../../db/open';
import { findUserByUsername, updateUser } from '../../db/users';
import { KeelError } from '../../shared/contract/index';

/**
 * `keel unlock-user`: the way back in when the only manager's account was locked
 * by someone trying passwords at the front desk. Clears the lock and the failure
 * count (the password is unchanged) and records who did it in the audit trail.
 */
export async function unlockUser(dataDir: string, username: string, now: Date = new Date()): Promise<{ fullName: string; wasLocked: boolean }> {
  const database = await openDataFolder(dataDir);
  try {
    return await database.db.transaction().execute(async (trx) => {
      const row = await findUserByUsername(trx, username.trim());
      if (!row) throw new KeelError('not_found', `there is no account named "${username.trim().slice(0, 40)}" in ${database.dir}`);
      const at = now.toISOString();
      const wasLocked = row.locked_until !== null && row.locked_until > at;
      await updateUser(trx, row.id, { failed_logins: 0, locked_until: null, updated_at: at });
      await appendAudit(trx, {
        id: uuidv7(),
        at,
        userId: null,
        username: null,
        action: 'users.unlock',
        kind: 'admin',
        outcome: 'ok',
        targetId: row.id,
        detail: { by: 'keel unlock-user (command line)', account: row.username, wasLocked, computerUser: os.userInfo().username },
      });
      return { fullName: row.full_name, wasLocked };
    });
  } finally {
    await database.close();
  }
}
