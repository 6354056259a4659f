import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from '../../db/migrations/index';
import { BACKUP_DIR, DB_FILE, type KeelDatabase } from '../../db/open';
import { checkScans, copyAttachments, putScansInPlace, type ScanToRestore } from './backup-attachments';
import { copyInWorker, inspectInWorker } from './backup-workers';
import { flushWhileWritten, fsyncFile, fsyncFolder, fsyncPath, sha256File, writeDurably } from './durable-files';
import {
  backupFileName,
  backupManifestSchema,
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
  // Keel never writes a manifest it would refuse to read back.
  if (!backupManifestSchema.safeParse(manifest).success) {
    fs.rmSync(final, { force: true });
    throw new BackupError(`The backup was written but its description could not be: it would list ${attachments.length} scans, more than Keel can describe. Nothing was kept.`);
  }
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
}

function takenAtFromName(name: string): string {
  const m = /^keel-(?:[a-z]+-)?(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-\d+)?\.db$/.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.000Z` : '1970-01-01T00:00:00.000Z';
}

/** A content check a backup failed (its file or a scan changed since it was made): its manifest is set aside, so lists show it as not verified. */
function setAside(backupFile: string): void {
  fs.renameSync(manifestPath(backupFile), `${manifestPath(backupFile)}.rejected`);
}

const CHANGED_SINCE = 'It does not match the fingerprint recorded when it was made: it has changed since.';

/**
 * Checks a backup file that passed `verifyFile` against what was recorded
 * when it was made: its manifest (untrusted: it may have been planted beside
 * the backup), and the scans beside it that a restore into `dataDir` would put
 * back (every scan it lists when `dataDir` is null, as `keel verify` does).
 * `contentChanged`: the file or a scan changed since (rather than the manifest).
 */
export async function checkAgainstManifest(
  backupFile: string,
  verification: Verification & { ok: true },
  dataDir: string | null,
): Promise<{ ok: true; manifest: BackupManifest | null; scans: ScanToRestore[]; missing: string[] } | { ok: false; reason: string; contentChanged: boolean }> {
  const { manifest, problem } = readManifest(backupFile);
  if (problem) return { ok: false, reason: problem, contentChanged: false };
  if (manifest && (manifest.sha256 !== verification.sha256 || manifest.bytes !== verification.bytes || manifest.schemaVersion !== verification.schemaVersion)) {
    return { ok: false, reason: `This backup cannot be restored. ${CHANGED_SINCE}`, contentChanged: true };
  }
  const checked = await checkScans(backupFile, manifest?.attachments ?? [], dataDir);
  if ('problem' in checked) return { ok: false, reason: checked.problem, contentChanged: true };
  return { ok: true, manifest, ...checked };
}

/**
 * Puts a verified backup in place of a data folder's database. The caller has
 * closed the database and holds the folder. Everything is checked before the
 * first write: the file, its manifest (untrusted: it may have been planted
 * beside the backup) and the scans it would put back. Then the current file is
 * kept as a safety copy in the backup folder, the scans are put back (each
 * checked against its name) and the database replaced. Returns the safety copy's path.
 */
export async function restoreInto(
  dataDir: string,
  backupFile: string,
  options: { now: Date; safetyCopy: (to: string) => Promise<string | null>; onStep?: (step: 'safety' | 'replacing') => void },
): Promise<{ safetyCopy: string | null; verification: Verification & { ok: true } }> {
  const refuse = (reason: string) => new BackupError(`${reason} Nothing was changed.`);
  const verification = await verifyFile(backupFile);
  if (!verification.ok) {
    if (readManifest(backupFile).manifest) setAside(backupFile);
    throw refuse(`This backup cannot be restored. ${verification.reason}`);
  }
  const checked = await checkAgainstManifest(backupFile, verification, dataDir);
  if (!checked.ok) {
    if (checked.contentChanged) setAside(backupFile);
    throw refuse(checked.reason);
  }
  options.onStep?.('safety');
  const safetyCopy = await options.safetyCopy(path.join(dataDir, BACKUP_DIR));
  options.onStep?.('replacing');
  // Scans first: named by content, an extra one is harmless if the rest stops; the database is replaced last.
  const scanProblem = await putScansInPlace(checked.scans);
  if (scanProblem) throw new BackupError(`${scanProblem} The data was not replaced.`);
  const live = path.join(dataDir, DB_FILE);
  const incoming = `${live}.restoring`;
  await fs.promises.copyFile(backupFile, incoming);
  await fsyncFile(incoming);
  // The copy put in place is the file that was checked (a USB drive's file may change under it).
  if ((await sha256File(incoming)) !== verification.sha256) {
    fs.rmSync(incoming, { force: true });
    throw new BackupError(`This backup changed while it was being restored, so it was not put in place. ${CHANGED_SINCE} The data was not replaced.`);
  }
  // The old WAL belongs to the old file: it must not be replayed onto the restored one.
  for (const extra of ['-wal', '-shm']) fs.rmSync(`${live}${extra}`, { force: true });
  fs.renameSync(incoming, live);
  fsyncPath(dataDir);
  return { safetyCopy, verification };
}
