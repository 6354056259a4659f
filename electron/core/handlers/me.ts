import type { Kysely } from 'kysely';
import { getClinic } from '../../../db/clinic';
import type { DB } from '../../../db/schema';
import type { Me } from '../../../shared/contract/index';
import type { SignedInUser } from './types';

/** Reads through the handler's own `db` (never `app.db`): inside a transaction that would wait on itself. */
export async function describeMe(db: Kysely<DB>, user: SignedInUser, locked: boolean): Promise<Me> {
  const clinic = await getClinic(db);
  return {
    user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role },
    mustChangePassword: user.mustChangePassword,
    locked,
    idleLockMinutes: clinic?.idleLockMinutes ?? 5,
  };
}

/** "14:05" in the clinic's time zone, for messages about lock times. */
export async function clinicClock(db: Kysely<DB>, instant: Date): Promise<string> {
  const zone = (await getClinic(db))?.timeZone ?? 'UTC';
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(instant);
}
