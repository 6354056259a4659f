import fs from 'node:fs';
import path from 'node:path';
import { ATTACHMENTS_DIR } from '../../db/attachments';
import { MIGRATIONS } from '../../db/migrations/index';
import { BACKUP_DIR, DB_FILE, type KeelDatabase } from '../../db/open';
import { copyInWorker, inspectInWorker } from './backup-workers';
import { flushWhileWritten, fsyncFile, fsyncFolder, fsyncPath, sha256File, writeDurably } from './durable-files';
import { backupFileName, backupsToPrune, backupWriteFailure, folderNotWritable, DEFAULT_RETENTION, type BackupManifest, type BackupReason, type RetentionPolicy } from '../../shared/domain/backup';

/** Where backups go by default: a folder inside the data folder. */
export { BACKUP_DIR };
/** Attachments copied beside backups, by SHA-256 like the data folder's own store. */
const BACKUP_ATTACHMENTS = 'attachments';
const SCHEMA_VERSION = MIGRATIONS.length;
const KEEL_VERSION = readKeelVersion();

function readKeelVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export class BackupError extends Error {}

export interface BackupProgress {
  phase: 'copying' | 'verifying' | 'attachments';
  /** 0..1 */
  fraction: number;
}

/** What checking a file found: a reason when it is not a good Keel backup. */
export type Verification =
  | { ok: true; schemaVersion: number; counts: Record<string, number>; sha256: string; bytes: number }
  | { ok: false; reason: string };

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Checks a backup file the way a restore depends on it: an SQLite file, whole
 * (integrity_check), a Keel database, not from a newer Keel; and measures it.
 */
export async function verifyFile(file: string, options: { quick?: boolean } = {}): Promise<Verification> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { ok: false, reason: `There is no file at ${file}.` };
  }
  if (!stat.isFile()) return { ok: false, reason: `${file} is a folder, not a backup file.` };
  if (stat.size === 0) return { ok: false, reason: 'The file is empty.' };
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.subarray(0, 16).equals(SQLITE_HEADER)) return { ok: false, reason: 'This is not a Keel backup: the file is not an SQLite database.' };
  const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
  const pages = head.readUInt32BE(28);
  if (pageSize > 0 && pages > 0 && stat.size < pageSize * pages) {
    return { ok: false, reason: `The file is truncated: it holds ${stat.size} bytes of the ${pageSize * pages} its header promises.` };
  }
  // The fingerprint is read while the worker checks: two cores, one pass over the disk each.
  const hashing = sha256File(file);
  hashing.catch(() => {});
  const reply = await inspectInWorker(file, options.quick ?? false);
  if (reply.error) return { ok: false, reason: `The file cannot be read as a database: ${reply.error}.` };
  const check = reply.check ?? [];
  if (!(check.length === 1 && check[0] === 'ok')) {
    return { ok: false, reason: `The file is damaged: SQLite's integrity check reports ${check.slice(0, 3).join('; ')}${check.length > 3 ? ` and ${check.length - 3} more problems` : ''}.` };
  }
  if (!(reply.tables ?? []).includes('keel_migration')) return { ok: false, reason: 'This is an SQLite database, but not a Keel one.' };
  const version = reply.version ?? 0;
  if (version > SCHEMA_VERSION) return { ok: false, reason: `This backup was made by a newer Keel (schema ${version}; this Keel knows up to ${SCHEMA_VERSION}). Install the newer Keel to restore it.` };
  if (version < 1) return { ok: false, reason: 'This Keel database was never set up (schema version 0).' };
  return { ok: true, schemaVersion: version, counts: reply.counts ?? {}, sha256: await hashing, bytes: stat.size };
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
}

/**
 * Takes a backup with SQLite's online backup API (never a copy of the live
 * file), under a temporary name, flushed and renamed into place; verifies it;
 * then writes its manifest. Writes go on during the copy, which is one
 * committed state: it is read in one step inside one read transaction.
 */
export async function takeBackup(
  /** Only where the database is: the copy reads the file through its own connection. */
  database: Pick<KeelDatabase, 'dir' | 'file'>,
  options: { to: string; reason: BackupReason; now: Date; onProgress?: (p: BackupProgress) => void },
): Promise<BackupResult> {
  const to = path.resolve(options.to);
  try {
    fs.mkdirSync(to, { recursive: true });
    fs.accessSync(to, fs.constants.W_OK);
  } catch (error) {
    throw new BackupError(folderNotWritable(to, (error as NodeJS.ErrnoException).code ?? 'error'));
  }
  // Two backups in the same second (a safety copy just after a backup) get distinct names.
  const base = backupFileName(options.now, options.reason === 'safety' ? 'keel-safety-' : 'keel-');
  let name = base;
  for (let n = 2; fs.existsSync(path.join(to, name)); n++) name = base.replace(/Z\.db$/, `Z-${n}.db`);
  const final = path.join(to, name);
  const partial = path.join(to, `.${name}.partial`);
  const report = options.onProgress ?? (() => {});
  fs.rmSync(partial, { force: true });
  await removeAbandonedCopies(to);
  try {
    report({ phase: 'copying', fraction: 0 });
    // Progress from the copy's size against the source's (the worker copies in one step).
    const total = Math.max(1, fs.statSync(database.file).size);
    const watch = setInterval(() => {
      try {
        report({ phase: 'copying', fraction: Math.min(0.99, fs.statSync(partial).size / total) });
      } catch {
        // Not created yet.
      }
    }, 200);
    const flushing = flushWhileWritten(partial);
    try {
      await copyInWorker(database.file, partial);
    } finally {
      clearInterval(watch);
      await flushing.stop();
    }
    report({ phase: 'copying', fraction: 1 });
    await fsyncFile(partial);
    await fs.promises.rename(partial, final);
    await fsyncFolder(to);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(backupWriteFailure(code, to, (error as Error).message));
  }
  report({ phase: 'verifying', fraction: 0 });
  // A safety copy of the database being replaced gets SQLite's quick check: it may be the damaged one.
  const verified = await verifyFile(final, { quick: options.reason === 'safety' });
  if (!verified.ok) {
    fs.rmSync(final, { force: true });
    throw new BackupError(`The backup was written but failed its check, so it was removed: ${verified.reason}`);
  }
  report({ phase: 'attachments', fraction: 0 });
  const attachments = await copyAttachments(database.dir, to);
  const manifest: BackupManifest = {
    file: name,
    takenAt: options.now.toISOString(),
    verifiedAt: new Date().toISOString(),
    keelVersion: KEEL_VERSION,
    schemaVersion: verified.schemaVersion,
    bytes: verified.bytes,
    sha256: verified.sha256,
    counts: verified.counts,
    attachments,
    reason: options.reason,
  };
  await writeDurably(manifestPath(final), JSON.stringify(manifest, null, 2));
  report({ phase: 'attachments', fraction: 1 });
  return { file: final, manifest };
}

/** A half-written file untouched this long was left by a backup that was cut off (a copy takes seconds). */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes what a backup cut off by a crash or a power cut left in the folder:
 * the hidden half-written copy (about the size of the database) with
 * SQLite's files beside it, and half-written manifests. Without this each cut-off backup would
 * leave its size on the drive for good. Only files untouched for an hour go,
 * so a backup another Keel (`keel backup`) is writing right now is left alone.
 */
async function removeAbandonedCopies(folder: string): Promise<void> {
  const cutOff = Date.now() - ABANDONED_AFTER_MS;
  const names = await fs.promises.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!/\.partial(-journal|-wal|-shm)?$/.test(name)) continue;
    const file = path.join(folder, name);
    try {
      const stat = await fs.promises.stat(file);
      if (stat.isFile() && stat.mtimeMs < cutOff) await fs.promises.rm(file, { force: true });
    } catch {
      // Gone already, or not ours to remove: the backup goes on.
    }
  }
}

/** Copies attachment files not yet beside the backups (they are named by content, so never change). */
async function copyAttachments(dataDir: string, to: string): Promise<string[]> {
  const source = path.join(dataDir, ATTACHMENTS_DIR);
  if (!fs.existsSync(source)) return [];
  const copied: string[] = [];
  for (const prefix of await fs.promises.readdir(source)) {
    const dir = path.join(source, prefix);
    if (!(await fs.promises.stat(dir)).isDirectory()) continue;
    for (const hash of await fs.promises.readdir(dir)) {
      const target = path.join(to, BACKUP_ATTACHMENTS, prefix, hash);
      if (!fs.existsSync(target)) {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.copyFile(path.join(dir, hash), `${target}.partial`);
        await fsyncFile(`${target}.partial`);
        await fs.promises.rename(`${target}.partial`, target);
      }
      copied.push(hash);
    }
  }
  return copied;
}

export function manifestPath(backupFile: string): string {
  return `${backupFile}.json`;
}

/** A backup's manifest, or null when it has none (never verified) or it cannot be read. */
export function readManifest(backupFile: string): BackupManifest | null {
  try {
    return JSON.parse(fs.readFileSync(manifestPath(backupFile), 'utf8')) as BackupManifest;
  } catch {
    return null;
  }
}

export interface ListedBackup {
  file: string;
  name: string;
  bytes: number;
  /** Null when the backup has no manifest: it was never verified and does not count. */
  manifest: BackupManifest | null;
}

/** The backups in a folder, newest first; files without a manifest are listed as unverified. */
export function listBackups(folder: string): ListedBackup[] {
  if (!fs.existsSync(folder)) return [];
  const out: ListedBackup[] = [];
  for (const name of fs.readdirSync(folder)) {
    if (!/^keel-.*\.db$/.test(name)) continue;
    const file = path.join(folder, name);
    const bytes = fs.statSync(file).size;
    const manifest = readManifest(file);
    // A file that changed size since its check is not the file that was verified.
    out.push({ file, name, bytes, manifest: manifest && manifest.bytes === bytes ? manifest : null });
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : -1));
}

/** The newest backup in a folder that passed its check (a safety copy is not a backup to go back to), or null. */
export function newestVerifiedBackup(folder: string): ListedBackup | null {
  return listBackups(folder).find((b) => b.manifest !== null && b.manifest.reason !== 'safety') ?? null;
}

/** Deletes the backups the retention policy no longer keeps (off the main thread: freeing 500 MB takes a while); returns their names. */
export async function pruneBackups(folder: string, policy: RetentionPolicy = DEFAULT_RETENTION): Promise<string[]> {
  const listed = listBackups(folder).filter((b) => b.manifest?.reason !== 'safety');
  const doomed = backupsToPrune(
    listed.map((b) => ({ file: b.name, takenAt: b.manifest?.takenAt ?? takenAtFromName(b.name), verified: b.manifest !== null })),
    policy,
  );
  for (const name of doomed) {
    await fs.promises.rm(path.join(folder, name), { force: true });
    await fs.promises.rm(manifestPath(path.join(folder, name)), { force: true });
  }
  return doomed;
}

function takenAtFromName(name: string): string {
  const m = /^keel-(?:[a-z]+-)?(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-\d+)?\.db$/.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.000Z` : '1970-01-01T00:00:00.000Z';
}

/**
 * Puts a verified backup in place of a data folder's database. The caller has
 * closed the database and holds the folder. The current file is first kept as
 * a safety copy in the backup folder. Returns the safety copy's path.
 */
export async function restoreInto(
  dataDir: string,
  backupFile: string,
  options: { now: Date; safetyCopy: (to: string) => Promise<string | null>; onStep?: (step: 'safety' | 'replacing') => void },
): Promise<{ safetyCopy: string | null; verification: Verification & { ok: true } }> {
  const verification = await verifyFile(backupFile);
  const manifest = readManifest(backupFile);
  const problem = !verification.ok ? verification.reason : manifest && manifest.sha256 !== verification.sha256 ? 'It does not match the fingerprint recorded when it was made: it has changed since.' : null;
  if (problem || !verification.ok) {
    // It no longer counts as verified: the manifest is set aside, so lists show it as not verified.
    if (manifest) fs.renameSync(manifestPath(backupFile), `${manifestPath(backupFile)}.rejected`);
    throw new BackupError(`This backup cannot be restored. ${problem ?? ''} Nothing was changed.`);
  }
  options.onStep?.('safety');
  const safetyCopy = await options.safetyCopy(path.join(dataDir, BACKUP_DIR));
  options.onStep?.('replacing');
  const live = path.join(dataDir, DB_FILE);
  const incoming = `${live}.restoring`;
  await fs.promises.copyFile(backupFile, incoming);
  await fsyncFile(incoming);
  // The old WAL belongs to the old file: it must not be replayed onto the restored one.
  for (const extra of ['-wal', '-shm']) fs.rmSync(`${live}${extra}`, { force: true });
  fs.renameSync(incoming, live);
  fsyncPath(dataDir);
  // Attachments the restored records point to come back too.
  const store = path.join(path.dirname(backupFile), BACKUP_ATTACHMENTS);
  for (const hash of manifest?.attachments ?? []) {
    const from = path.join(store, hash.slice(0, 2), hash);
    const target = path.join(dataDir, ATTACHMENTS_DIR, hash.slice(0, 2), hash);
    if (fs.existsSync(from) && !fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(from, target);
    }
  }
  return { safetyCopy, verification };
}
