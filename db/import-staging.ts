import type { Kysely } from 'kysely';
import { MIGRATIONS } from './migrations/index';
import type { DB } from './schema';

/** The schema version from which patient_import_rows exists (it came with 0003-patients). */
const STAGING_SINCE = MIGRATIONS.findIndex((m) => m.name === '0003-patients') + 1;

/**
 * Removes every staged import row. An import clears its own when it ends; rows
 * found when the data folder opens were left by one cut off by a crash, a kill
 * or a power cut: patients' names and birth dates that nothing will use, and
 * that would otherwise go on into every backup. Returns how many there were.
 */
export async function clearStagedImports(db: Kysely<DB>, schemaVersion: number): Promise<number> {
  if (STAGING_SINCE === 0 || schemaVersion < STAGING_SINCE) return 0;
  // Read first: the usual case, nothing staged, writes nothing.
  const left = await db.selectFrom('patient_import_rows').select((eb) => eb.fn.countAll<number>().as('rows')).executeTakeFirstOrThrow();
  if (Number(left.rows) === 0) return 0;
  await db.deleteFrom('patient_import_rows').execute();
  return Number(left.rows);
}
