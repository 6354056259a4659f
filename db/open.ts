import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, sql, type Migration } from 'kysely';
import { KeelSqliteDialect } from './dialect';
import { DataFolderError, isDiskFull } from './errors';
import { lockDataFolder } from './lock';
import { clearStagedImports } from './import-staging';
import { withStatementCache } from './statement-cache';
import { transactionInWorker, type WorkerTransactionHost } from './worker-transaction';
import { gatedDialect, WriteGate } from './write-gate';
import { MIGRATIONS, type KeelMigration } from './migrations/index';
import type { DB } from './schema';

export const DB_FILE = 'keel.db';
/** The backup folder inside a data folder. */
export const BACKUP_DIR = 'backups';

/** Whether a folder without its database still holds a clinic's backups: then the database went missing. */
function holdsBackups(folder: string): boolean {
  try {
    return fs.readdirSync(path.join(folder, BACKUP_DIR)).some((name) => /^keel-.*\.db$/.test(name));
  } catch {
    return false;
  }
}
const MIGRATION_TABLE = 'keel_migration';
const MIGRATION_LOCK_TABLE = 'keel_migration_lock';

export interface KeelDatabase {
  dir: string;
  file: string;
  /** Raw handle, for pragmas, backups and benchmarks only; queries go through `db`. */
  sqlite: Database.Database;
  db: Kysely<DB>;
  /** Holds the main connection's writes back while a worker transaction runs (write-gate.ts). */
  writeGate: WriteGate;
  /** Runs one long transaction on its own connection in a worker thread (worker-transaction.ts). */
  transactionInWorker<T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Bring the schema to the current version (default true). */
  migrate?: boolean;
  /** Progress lines, e.g. for `keel migrate`. */
  onStep?: (line: string) => void;
  /** The migration list; only tests pass another one. */
  migrations?: readonly KeelMigration[];
  /** Run SQLite's quick_check first and refuse a damaged database (the app and `keel serve` do). */
  healthCheck?: boolean;
}

/** File-system magic numbers (statfs) of network file systems on Linux: NFS, SMB/CIFS, SMB2, SMBFS, Coda, AFS, 9P. (FUSE is left out: USB drives use it too.) */
const NETWORK_FS = new Set([0x6969, 0xff534d42, 0xfe534d42, 0x517b, 0x73757245, 0x5346414f, 0x01021997]);

/** A network share: a UNC path on Windows, a network file system elsewhere. */
export function isNetworkFolder(folder: string): boolean {
  if (/^(\\\\|\/\/)[^\\/]/.test(folder)) return true;
  try {
    return NETWORK_FS.has(fs.statfsSync(folder).type);
  } catch {
    return false;
  }
}

/**
 * The per-connection pragmas, for the main connection and a worker's alike:
 * FULL, so a committed transaction survives a power cut, not only a crash;
 * foreign keys, which SQLite leaves off unless asked, per connection; deleted
 * content overwritten with zeros, so what is deleted (an import's staged names
 * and birth dates) does not live on in free pages, which backups copy too.
 */
export const CONNECTION_PRAGMAS: readonly string[] = ['synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 5000', 'secure_delete = ON'];

/** The pragmas every connection gets, in one place. */
export function applyPragmas(sqlite: Database.Database): void {
  const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
  if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
  for (const pragma of CONNECTION_PRAGMAS) sqlite.pragma(pragma);
}

export function schemaVersionOf(sqlite: Database.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

function looksLikeKeel(sqlite: Database.Database): boolean {
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
  return tables.length === 0 || tables.includes(MIGRATION_TABLE);
}

/**
 * Opens a data folder: takes its lock, opens `keel.db` with the house pragmas,
 * refuses a database from a newer Keel (untouched), and migrates to the current
 * schema one migration per transaction.
 */
export async function openDataFolder(dir: string, options: OpenOptions = {}): Promise<KeelDatabase> {
  const folder = path.resolve(dir);
  try {
    return await openFolder(folder, options);
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    throw new DataFolderError('disk_full', `The disk that holds ${folder} is full, so Keel cannot open its data. Free some space on that disk and start Keel again. Nothing was changed.`, { cause: error });
  }
}

async function openFolder(folder: string, options: OpenOptions): Promise<KeelDatabase> {
  fs.mkdirSync(folder, { recursive: true });
  if (isNetworkFolder(folder)) {
    throw new DataFolderError(
      'network_path',
      `${folder} is on a network share. Keel keeps its live data on this computer's own disk, because a database on a share can be damaged when the network drops. Choose a local folder; a network folder is fine as a second backup folder.`,
    );
  }
  const release = lockDataFolder(folder);
  const file = path.join(folder, DB_FILE);
  const migrations = options.migrations ?? MIGRATIONS;
  let sqlite: Database.Database | undefined;
  try {
    // A clinic whose database file went missing (deleted, quarantined) is not a new clinic.
    if (!fs.existsSync(file) && holdsBackups(folder)) {
      const summary = `The database file ${DB_FILE} is missing from ${folder}, which holds a clinic's backups. Keel did not create a new, empty one.`;
      throw new DataFolderError('damaged', `${summary} Restore the newest verified backup (keel restore FILE --data ${folder}).`, { summary });
    }
    sqlite = new Database(file);
    const version = schemaVersionOf(sqlite);
    if (version > migrations.length) {
      throw new DataFolderError(
        'newer_schema',
        `This data folder was written by a newer version of Keel (schema ${version}; this Keel knows up to ${migrations.length}). Install the newer Keel to open it. Nothing was changed.`,
      );
    }
    if (!looksLikeKeel(sqlite)) {
      throw new DataFolderError('not_keel', `${file} is an SQLite database, but not a Keel one. Nothing was changed.`);
    }
    applyPragmas(sqlite);
    if (options.healthCheck) {
      const problems = (sqlite.pragma('quick_check') as Array<Record<string, string>>).map((row) => Object.values(row)[0]);
      if (!(problems.length === 1 && problems[0] === 'ok')) {
        const summary = `The database in ${folder} is damaged (SQLite reports: ${problems.slice(0, 2).join('; ')}). Nothing was changed.`;
        throw new DataFolderError('damaged', `${summary} Restore the newest verified backup (Settings → Backups, or keel restore FILE --data ${folder}).`, { summary });
      }
    }
    const cached = withStatementCache(sqlite);
    const writeGate = new WriteGate();
    const isWrite = (text: string) => !(cached.prepare(text) as unknown as { readonly: boolean }).readonly;
    const db = new Kysely<DB>({ dialect: gatedDialect(new KeelSqliteDialect({ database: cached }), writeGate, isWrite) });
    const onStep = options.onStep ?? (() => {});
    // user_version moves inside each migration's transaction, so equal means current.
    if (version === migrations.length) onStep(`Schema is up to date (version ${version}).`);
    else if (options.migrate !== false) await migrateToLatest(db, sqlite, onStep, migrations);
    const left = await clearStagedImports(db, schemaVersionOf(sqlite));
    if (left > 0) onStep(`Removed ${left} staged rows left by an import that was cut off.`);
    const handle = sqlite;
    const workers: WorkerTransactionHost = { file, writeGate, pragmas: CONNECTION_PRAGMAS, running: new Set() };
    let closed = false;
    return {
      dir: folder,
      file,
      sqlite: handle,
      db,
      writeGate,
      transactionInWorker: (work) => transactionInWorker(workers, work),
      async close() {
        if (closed) return;
        closed = true;
        // A worker transaction under way (an import) is rolled back before the folder is let go.
        await Promise.all([...workers.running].map((stop) => stop()));
        await db.destroy(); // closes the better-sqlite3 handle too
        release();
      },
    };
  } catch (error) {
    if (sqlite?.open) sqlite.close();
    release();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      const summary = `The database in ${folder} is damaged and cannot be opened (${(error as Error).message}). Nothing was changed.`;
      throw new DataFolderError('damaged', `${summary} Restore the newest verified backup (keel restore FILE --data ${folder}).`, { cause: error, summary });
    }
    throw error;
  }
}

function migrationProvider(migrations: readonly KeelMigration[]): Record<string, Migration> {
  // kysely runs migrations in name order; user_version counts positions in this list: they must agree.
  const names = migrations.map((m) => m.name);
  const sorted = [...names].sort();
  if (names.some((name, i) => name !== sorted[i])) throw new Error(`Migrations must be listed in name order (kysely runs them so): ${names.join(', ')}`);
  const entries = migrations.map((m, index) => [
    m.name,
    {
      async up(db: Kysely<unknown>) {
        await m.up(db);
        // Inside the migration's transaction: the version moves with the schema, never between.
        await sql.raw(`PRAGMA user_version = ${index + 1}`).execute(db);
      },
    },
  ]);
  return Object.fromEntries(entries) as Record<string, Migration>;
}

/** Applies every pending migration, each in its own transaction, reporting each step. */
export async function migrateToLatest(
  db: Kysely<DB>,
  sqlite: Database.Database,
  onStep: (line: string) => void,
  migrations: readonly KeelMigration[] = MIGRATIONS,
): Promise<number> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationProvider(migrations) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const known = await migrator.getMigrations();
  const pending = known.filter((m) => m.executedAt === undefined);
  if (pending.length === 0) {
    onStep(`Schema is up to date (version ${schemaVersionOf(sqlite)}).`);
    return 0;
  }
  for (const migration of pending) {
    onStep(`Applying migration ${migration.name}…`);
    const { error } = await migrator.migrateUp();
    if (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DataFolderError(
        'migration_failed',
        `Migration ${migration.name} failed: ${reason}. The database was left at schema version ${schemaVersionOf(sqlite)}; no data was lost.`,
        { cause: error },
      );
    }
  }
  onStep(`Schema is now at version ${schemaVersionOf(sqlite)}.`);
  return pending.length;
}
