import type { Kysely } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-staff';
import * as m0003 from './0003-patients';
import * as m0004 from './0004-appointments';
import * as m0005 from './0005-reminder-calls-and-closures';

export interface KeelMigration {
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/** Every migration, in order. Forward-only: never edit or remove one that has shipped. */
export const MIGRATIONS: readonly KeelMigration[] = [
  { name: '0001-foundation', up: m0001.up },
  { name: '0002-staff', up: m0002.up },
  { name: '0003-patients', up: m0003.up },
  { name: '0004-appointments', up: m0004.up },
  { name: '0005-reminder-calls-and-closures', up: m0005.up },
];

/** The schema version this build of Keel writes: the number of migrations. */
export const SCHEMA_VERSION = MIGRATIONS.length;
