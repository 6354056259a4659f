import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { lockFolder } from '../../db/lock';
import { MIGRATIONS } from '../../db/migrations/index';
import { BACKUP_DIR, type KeelDatabase } from '../../db/open';
import { copyAttachments } from './backup-attachments';
import { copyInWorker, inspectInWorker } from './backup-workers';
import { flushWhileWritten, fsyncFile, fsyncFolder, sha256File, writeDurably } from './durable-files';
import {
  backupFileName,
  backupsToPrune,
  backupWriteFailure,
  folderNotWritable,
  manifestProblem,
  manifestRefusal,
  DEFAULT_RETENTION,
  MAX_MANIFEST_BYTES,
  type BackupManifest,
  type BackupReason,
  type RetentionPolicy,
} from '../../shared/domain/backup';

/** Where backups go by default: a folder inside the data folder. */
export { BACKUP_DIR };
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
 * file), under a private temporary name, flushed and verified there; then,
 * under the backup folder's lock, renames it into place and writes its
 * manifest. So a prune (which takes the same lock) never sees a backup that is
 * still being checked, and two Keels backing up into one folder at once (the
 * app and `keel backup`) never share a file. Writes go on during the copy,
 * which is one committed state: it is read in one step inside one read transaction.
 */
export async function takeBackup(
  /** Only where the database is: the copy reads the file through its own connection. */
  database: Pick<KeelDatabase, 'dir' | 'file'>,
  /** `createFolder: false` for a second folder: a USB drive's path that is not there is a drive not connected, never a folder to make. */
  options: { to: string; reason: BackupReason; now: Date; onProgress?: (p: BackupProgress) => void; createFolder?: boolean },
): Promise<BackupResult> {
  const to = path.resolve(options.to);
  try {
    if (options.createFolder !== false) fs.mkdirSync(to, { recursive: true });
    else if (!fs.statSync(to).isDirectory()) throw Object.assign(new Error(`${to} is not a folder`), { code: 'ENOTDIR' });
    fs.accessSync(to, fs.constants.W_OK);
  } catch (error) {
    throw new BackupError(folderNotWritable(to, (error as NodeJS.ErrnoException).code ?? 'error'));
  }
  const base = backupFileName(options.now, options.reason === 'safety' ? 'keel-safety-' : 'keel-');
  const partial = path.join(to, `.${base}.${process.pid}-${randomUUID().slice(0, 8)}.partial`);
  const report = options.onProgress ?? (() => {});
  const failure = (error: unknown) => new BackupError(backupWriteFailure((error as NodeJS.ErrnoException).code, to, (error as Error).message));
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
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw failure(error);
  }
  report({ phase: 'verifying', fraction: 0 });
  // A safety copy of the database being replaced gets SQLite's quick check: it may be the damaged one.
  const verified = await verifyFile(partial, { quick: options.reason === 'safety' });
  if (!verified.ok) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`The backup was written but failed its check, so it was removed: ${verified.reason}`);
  }
  report({ phase: 'attachments', fraction: 0 });
  let attachments: string[];
  try {
    attachments = await copyAttachments(database.dir, to);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw failure(error);
  }
  const release = await lockBackupFolder(to).catch((error: unknown) => {
    fs.rmSync(partial, { force: true });
    throw error instanceof BackupError ? error : failure(error);
  });
  let final: string | null = null;
  try {
    // Two backups in the same second (a safety copy just after a backup) get distinct names.
    let name = base;
    for (let n = 2; fs.existsSync(path.join(to, name)); n++) name = base.replace(/Z\.db$/, `Z-${n}.db`);
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
    // Keel never writes a manifest it would refuse to read back.
    const unreadable = manifestProblem(manifest, name).problem;
    if (unreadable) throw new BackupError(`The backup was written but Keel could not describe it in a manifest it accepts (${unreadable.replace(/\.$/, '')}), so it was removed.`);
    final = path.join(to, name);
    await fs.promises.rename(partial, final);
    await fsyncFolder(to);
    await writeDurably(manifestPath(final), JSON.stringify(manifest, null, 2));
    report({ phase: 'attachments', fraction: 1 });
    return { file: final, manifest };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (final) fs.rmSync(final, { force: true });
    throw error instanceof BackupError ? error : failure(error);
  } finally {
    release();
  }
}

/** The backup folder's own lock, held for moments: while a backup is put in place or the folder pruned, by the app and `keel backup` alike. */
export const BACKUP_FOLDER_LOCK = '.keel-backups.lock';
/** Held only for moments (a rename, a manifest, deleting a few files): one this old was left by a process that stopped. */
const BACKUP_LOCK_STALE_MS = 10 * 60_000;
/** Long enough to outlast a lock left by a Keel on another computer (a shared second folder) that stopped holding it. */
const BACKUP_LOCK_WAIT_MS = BACKUP_LOCK_STALE_MS + 60_000;

/** Takes the backup folder's lock, waiting while another Keel holds it; resolves with its release. */
export async function lockBackupFolder(folder: string): Promise<() => void> {
  const started = Date.now();
  for (;;) {
    const taken = lockFolder(folder, BACKUP_FOLDER_LOCK, { staleAfterMs: BACKUP_LOCK_STALE_MS });
    if (typeof taken === 'function') return taken;
    if (Date.now() - started > BACKUP_LOCK_WAIT_MS) {
      const who = taken.holder ? ` (process ${taken.holder.pid} on ${taken.holder.host})` : '';
      throw new BackupError(`The backup folder ${folder} has been busy for over ten minutes: another Keel${who} is putting a backup in place or removing old ones there. Try again later.`);
    }
    await sleep(100);
  }
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

export function manifestPath(backupFile: string): string {
  return `${backupFile}.json`;
}

/** What the manifest beside a backup says: none (never verified), one Keel wrote, or why it is not one (a plain sentence). */
export type ManifestRead = { manifest: BackupManifest; problem: null } | { manifest: null; problem: string | null };

/**
 * Reads a backup's manifest as untrusted input: a plain file of a bounded
 * size (never a link, a folder or a pipe that would hang the read), parsed by
 * the schema Keel writes it with, describing this very backup file.
 */
export function readManifest(backupFile: string): ManifestRead {
  const file = manifestPath(backupFile);
  const refuse = (problem: string): ManifestRead => ({ manifest: null, problem: manifestRefusal(path.basename(file), problem) });
  let text: string;
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) return refuse('it is not a plain file.');
    if (stat.size > MAX_MANIFEST_BYTES) return refuse(`it is ${Math.round(stat.size / 1048576)} MB, far larger than any Keel writes.`);
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    try {
      const buffer = Buffer.alloc(Math.min(stat.size, MAX_MANIFEST_BYTES) + 1);
      const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
      if (length > MAX_MANIFEST_BYTES) return refuse('it is far larger than any Keel writes.');
      text = buffer.subarray(0, length).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { manifest: null, problem: null };
    return refuse(`it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const read = manifestProblem(raw, path.basename(backupFile));
  return read.manifest ? read : refuse(read.problem);
}

export interface ListedBackup {
  file: string;
  name: string;
  bytes: number;
  /** Null when the backup has no manifest Keel wrote: it was never verified (or was changed since) and does not count. */
  manifest: BackupManifest | null;
  /** Why its manifest is not one Keel wrote, or null. */
  problem: string | null;
}

/** The backups in a folder, newest first; files without a good manifest are listed as unverified. */
export function listBackups(folder: string): ListedBackup[] {
  if (!fs.existsSync(folder)) return [];
  const out: ListedBackup[] = [];
  for (const name of fs.readdirSync(folder)) {
    if (!/^keel-.*\.db$/.test(name)) continue;
    const file = path.join(folder, name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      continue; // gone since, or a link to nothing
    }
    if (!stat.isFile()) continue;
    const read = readManifest(file);
    // A file that changed size since its check is not the file that was verified.
    const resized = read.manifest !== null && read.manifest.bytes !== stat.size;
    out.push({ file, name, bytes: stat.size, manifest: resized ? null : read.manifest, problem: resized ? 'The backup file has changed size since it was checked.' : read.problem });
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : -1));
}

/** The newest backup in a folder that passed its check (a safety copy is not a backup to go back to), or null. */
export function newestVerifiedBackup(folder: string): ListedBackup | null {
  return listBackups(folder).find((b) => b.manifest !== null && b.manifest.reason !== 'safety') ?? null;
}

/** Deletes the backups the retention policy no longer keeps (off the main thread: freeing 500 MB takes a while); returns their names. */
export async function pruneBackups(folder: string, policy: RetentionPolicy = DEFAULT_RETENTION): Promise<string[]> {
  if (!fs.existsSync(folder)) return [];
  // Under the backup folder's lock: another Keel's backup is either all in place (file and manifest) or not there at all.
  const release = await lockBackupFolder(folder);
  try {
    // Safety copies (and raw copies of a damaged database) are never pruned, with or without a manifest.
    const listed = listBackups(folder).filter((b) => b.manifest?.reason !== 'safety' && !/^keel-(?:safety|damaged)-/.test(b.name));
    const doomed = backupsToPrune(
      listed.map((b) => ({ file: b.name, takenAt: b.manifest?.takenAt ?? takenAtFromName(b.name), verified: b.manifest !== null })),
      policy,
    );
    for (const name of doomed) {
      await fs.promises.rm(path.join(folder, name), { force: true });
      await fs.promises.rm(manifestPath(path.join(folder, name)), { force: true });
      await fs.promises.rm(`${manifestPath(path.join(folder, name))}.rejected`, { force: true });
    }
    return doomed;
  } finally {
    release();
  }
}

function takenAtFromName(name: string): string {
  const m = /^keel-(?:[a-z]+-)?(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-\d+)?\.db$/.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.000Z` : '1970-01-01T00:00:00.000Z';
}
