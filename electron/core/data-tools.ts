import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { v7 as uuidv7 } from 'uuid';
import { appendAudit } from '../../db/audit';
import { lockDataFolder } from '../../db/lock';
import { DB_FILE, openDataFolder } from '../../db/open';
import { isSecretColumn, TRANSIENT_TABLES, withoutSecretRows } from '../../db/private-data';
import { backupFileName } from '../../shared/domain/backup';
import { safeCell } from '../../shared/domain/csv';
import { DataFolderError } from '../../db/errors';
import { restoreInto } from './backup-restore';
import { BACKUP_DIR, BackupError, newestVerifiedBackup, takeBackup } from './backups';

/**
 * Keeps the database about to be replaced: a verified backup when it can be
 * read, otherwise the raw files as they are (a damaged database is kept too).
 */
async function safetyCopyOf(dataDir: string, to: string, now: Date): Promise<string | null> {
  const live = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(live)) return null;
  fs.mkdirSync(to, { recursive: true });
  try {
    // The folder is held and closed: the backup reads the file itself, through its own connection.
    return (await takeBackup({ dir: dataDir, file: live }, { to, reason: 'safety', now })).file;
  } catch {
    const raw = path.join(to, backupFileName(now, 'keel-damaged-'));
    fs.copyFileSync(live, raw);
    if (fs.existsSync(`${live}-wal`)) fs.copyFileSync(`${live}-wal`, `${raw}-wal`);
    return raw;
  }
}

/**
 * `keel restore` and Settings → Backups: with the data folder closed, keeps the
 * current database as a safety copy, puts the verified backup in its place,
 * brings it to the current schema and records the restore in its audit trail.
 */
export async function restoreDataFolder(
  dataDir: string,
  backupFile: string,
  options: {
    now: Date;
    actor: string;
    userId?: string | null;
    username?: string | null;
    /** Each step in words, for a terminal. */
    onStep?: (line: string) => void;
    /** How far the restore is (0–1) and the step it is on, for a progress bar. */
    onProgress?: (fraction: number, step: string) => void;
  },
): Promise<{ safetyCopy: string | null }> {
  const dir = path.resolve(dataDir);
  const source = path.resolve(backupFile);
  if (!fs.existsSync(dir)) throw new BackupError(`There is no data folder at ${dir}.`);
  const release = lockDataFolder(dir);
  let outcome: { safetyCopy: string | null };
  try {
    const step = (line: string, fraction: number) => {
      options.onStep?.(`${line}…`);
      options.onProgress?.(fraction, line);
    };
    step('Checking the backup', 0.02);
    const done = await restoreInto(dir, source, {
      now: options.now,
      safetyCopy: (to) => safetyCopyOf(dir, to, options.now),
      // The check and the safety copy each read the whole database; putting the backup in place is one file copy.
      onStep: (next) => (next === 'safety' ? step('Keeping the current data as a safety copy', 0.4) : step('Putting the backup in place', 0.8)),
    });
    outcome = { safetyCopy: done.safetyCopy };
  } finally {
    release();
  }
  options.onStep?.('Opening the restored data…');
  options.onProgress?.(0.92, 'Opening the restored data');
  const database = await openDataFolder(dir, { onStep: options.onStep ?? (() => {}) });
  try {
    await appendAudit(database.db, {
      id: uuidv7(),
      at: options.now.toISOString(),
      userId: options.userId ?? null,
      username: options.username ?? null,
      action: 'backups.restore',
      kind: 'write',
      outcome: 'ok',
      detail: { from: path.basename(source), by: options.actor, safetyCopy: outcome.safetyCopy ? path.basename(outcome.safetyCopy) : null },
    });
  } finally {
    await database.close();
  }
  return outcome;
}

/**
 * `keel export`: every table to its own CSV file, formula-safe, for moving to
 * another system. The database is opened read-only (with the folder locked),
 * so it also lets someone look at a damaged database: a table that cannot be
 * read is reported and the others are still written. Secrets (password hashes
 * and the like) and the rows of work in progress (an import's staged rows) are
 * never written out: the rules of db/private-data.ts, shared with the recovery
 * screen.
 */
export function exportFolder(dataDir: string, to: string, onProgress: (table: string, done: number, total: number) => void): { files: string[]; failed: Array<{ table: string; reason: string }> } {
  const dir = path.resolve(dataDir);
  const live = path.join(dir, DB_FILE);
  if (!fs.existsSync(live)) throw new BackupError(`There is no Keel database in ${dir}.`);
  const release = lockDataFolder(dir);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(live, { readonly: true, fileMustExist: true });
    const folder = path.resolve(to);
    fs.mkdirSync(folder, { recursive: true });
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'keel_migration%' order by name").pluck().all() as string[];
    const files: string[] = [];
    const failed: Array<{ table: string; reason: string }> = [];
    for (const [index, table] of tables.entries()) {
      onProgress(table, index, tables.length);
      try {
        // A transient table gets its file, with the column names only.
        files.push(exportTable(sqlite, table, folder, !TRANSIENT_TABLES.includes(table)));
      } catch (error) {
        failed.push({ table, reason: (error as Error).message });
      }
    }
    onProgress('done', tables.length, tables.length);
    return { files, failed };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new BackupError(`The database in ${dir} is too damaged to read (${(error as Error).message}). Restore the newest verified backup.`);
    throw error;
  } finally {
    if (sqlite?.open) sqlite.close();
    release();
  }
}

function exportTable(sqlite: Database.Database, table: string, folder: string, withRows: boolean): string {
  const file = path.join(folder, `${table}.csv`);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const columns = sqlite
    .prepare(`select * from ${quote(table)}`)
    .columns()
    .map((c) => c.name)
    .filter((name) => !isSecretColumn(name));
  const secret = withoutSecretRows(table);
  const statement = sqlite.prepare(`select ${columns.length > 0 ? columns.map(quote).join(', ') : 'null'} from ${quote(table)}${secret.where}`);
  const out = fs.openSync(`${file}.partial`, 'w');
  try {
    fs.writeSync(out, `${Papa.unparse([columns], { newline: '\r\n' })}\r\n`);
    let batch: string[][] = [];
    const flush = () => {
      if (batch.length) fs.writeSync(out, `${Papa.unparse(batch, { newline: '\r\n' })}\r\n`);
      batch = [];
    };
    for (const row of (withRows ? statement.raw().iterate(...secret.params) : []) as Iterable<unknown[]>) {
      batch.push(row.map((v) => (v === null ? '' : safeCell(Buffer.isBuffer(v) ? v.toString('base64') : String(v)))));
      if (batch.length === 5000) flush();
    }
    flush();
    fs.fsyncSync(out);
  } catch (error) {
    fs.closeSync(out);
    fs.rmSync(`${file}.partial`, { force: true });
    throw error;
  }
  fs.closeSync(out);
  fs.renameSync(`${file}.partial`, file);
  return file;
}

/** A damaged database: the error names the newest verified backup, ready to restore. */
export function withNewestBackup(error: unknown, dir: string): unknown {
  if (!(error instanceof DataFolderError) || error.problem !== 'damaged') return error;
  const newest = newestVerifiedBackup(path.join(dir, BACKUP_DIR));
  const hint = newest ? ` The newest verified backup is ${newest.file} (taken ${newest.manifest!.takenAt}): keel restore "${newest.file}" --data "${dir}"` : ' There is no verified backup in the data folder.';
  const look = ` To look at what can still be read, without changing it: keel export --data "${dir}" --to FOLDER`;
  return new DataFolderError('damaged', `${error.message}${hint}.${look}`, { summary: error.summary });
}
