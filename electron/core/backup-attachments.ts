/**
 * The scans (attachments) beside backups: copied there with each backup, and
 * put back by a restore. Names come from a manifest that may have been
 * planted, so every path is built only from a SHA-256 hex name, resolved, and
 * refused outside its root; every file is checked against its name.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ATTACHMENTS_DIR } from '../../db/attachments';
import { ATTACHMENT_NAME, quoted } from '../../shared/domain/backup';
import { fsyncFile, fsyncFolder, sha256File } from './durable-files';

/** Attachments copied beside backups, by SHA-256 like the data folder's own store. */
export const BACKUP_ATTACHMENTS = 'attachments';

/** `root/ab/abcd…` for a SHA-256 name, or null when the name is not one or the path would leave `root`. */
export function scanPath(root: string, name: string): string | null {
  if (!ATTACHMENT_NAME.test(name)) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, name.slice(0, 2), name);
  const relative = path.relative(base, full);
  if (relative === '' || path.isAbsolute(relative) || relative.split(path.sep)[0] === '..') return null;
  return full;
}

/** Makes the folders from `base` (which must exist) down to `dir`; never `base` itself, so an unplugged drive's folder is not made on this disk. */
async function mkdirBelow(base: string, dir: string): Promise<void> {
  const parts = path.relative(base, dir).split(path.sep).filter(Boolean);
  let at = base;
  for (const part of parts) {
    at = path.join(at, part);
    try {
      await fs.promises.mkdir(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Copies the data folder's attachments not yet beside the backups (named by content, so they never change); returns their names. */
export async function copyAttachments(dataDir: string, to: string): Promise<string[]> {
  const source = path.join(dataDir, ATTACHMENTS_DIR);
  if (!fs.existsSync(source)) return [];
  const copied: string[] = [];
  for (const prefix of await fs.promises.readdir(source)) {
    const dir = path.join(source, prefix);
    if (!(await fs.promises.stat(dir)).isDirectory()) continue;
    for (const name of await fs.promises.readdir(dir)) {
      // Only stored files: a temporary file of a scan being saved right now is not one.
      if (!ATTACHMENT_NAME.test(name) || name.slice(0, 2) !== prefix) continue;
      const target = scanPath(path.join(to, BACKUP_ATTACHMENTS), name)!;
      if (!fs.existsSync(target)) {
        await mkdirBelow(to, path.dirname(target));
        // A name of its own: the app and keel backup may copy the same scan into one folder at once.
        const partial = `${target}.${process.pid}-${randomUUID().slice(0, 8)}.partial`;
        try {
          await fs.promises.copyFile(path.join(dir, name), partial);
          await fsyncFile(partial);
          await fs.promises.rename(partial, target);
        } finally {
          await fs.promises.rm(partial, { force: true });
        }
      }
      copied.push(name);
    }
  }
  return copied;
}

/** One scan a restore puts back: from beside the backup into the data folder. */
export interface ScanToRestore {
  name: string;
  from: string;
  target: string;
}

const changedScan = (name: string) =>
  `One of the scans kept beside this backup (${BACKUP_ATTACHMENTS}/${name.slice(0, 2)}/${name}) has been changed or is damaged: its content no longer matches its name, so Keel will not restore this backup.`;

/**
 * Checks, before anything is written, the scans a restore would put back
 * (those the data folder does not hold): each a plain file beside the backup,
 * whose SHA-256 is its name. Scans missing beside the backup are left out, as
 * before. `names` are already checked by the manifest's schema.
 */
export async function checkScans(backupFile: string, names: readonly string[], dataDir: string | null): Promise<{ scans: ScanToRestore[]; missing: string[] } | { problem: string }> {
  const store = path.join(path.dirname(path.resolve(backupFile)), BACKUP_ATTACHMENTS);
  // Without a data folder (keel verify) every scan is checked.
  const into = dataDir ? path.join(dataDir, ATTACHMENTS_DIR) : store;
  const scans: ScanToRestore[] = [];
  const missing: string[] = [];
  for (const name of new Set(names)) {
    const from = scanPath(store, name);
    const target = scanPath(into, name);
    if (!from || !target) return { problem: `This backup lists an attachment named ${quoted(name)}, which Keel never writes, so Keel will not restore it.` };
    if (dataDir && fs.existsSync(target)) continue;
    let stat: fs.Stats;
    try {
      stat = await fs.promises.lstat(from);
    } catch {
      missing.push(name);
      continue;
    }
    if (!stat.isFile() || (await sha256File(from)) !== name) return { problem: changedScan(name) };
    scans.push({ name, from, target });
  }
  return { scans, missing };
}

/**
 * Puts checked scans in place: each copied under a temporary name, flushed,
 * checked again against its name (the backup folder may have changed since),
 * then renamed. A mismatched copy is removed and the restore stops there:
 * returns why, or null when every scan is in place.
 */
export async function putScansInPlace(scans: readonly ScanToRestore[]): Promise<string | null> {
  for (const scan of scans) {
    if (fs.existsSync(scan.target)) continue;
    await fs.promises.mkdir(path.dirname(scan.target), { recursive: true });
    const incoming = `${scan.target}.restoring`;
    try {
      await fs.promises.copyFile(scan.from, incoming);
      await fsyncFile(incoming);
      if ((await sha256File(incoming)) !== scan.name) {
        await fs.promises.rm(incoming, { force: true });
        return changedScan(scan.name);
      }
      await fs.promises.rename(incoming, scan.target);
    } catch (error) {
      await fs.promises.rm(incoming, { force: true });
      throw error;
    }
    await fsyncFolder(path.dirname(scan.target));
  }
  return null;
}
