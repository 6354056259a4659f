/**
 * Restoring a backup: checked whole against what was recorded when it was
 * made before anything is written, then put in place. The manifest and the
 * scans beside a backup may have been planted (a USB backup folder), so they
 * are untrusted input throughout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE } from '../../db/open';
import type { BackupManifest } from '../../shared/domain/backup';
import { checkScans, putScansInPlace, type ScanToRestore } from './backup-attachments';
import { BACKUP_DIR, BackupError, manifestPath, readManifest, verifyFile, type Verification } from './backups';
import { fsyncFile, fsyncPath, sha256File } from './durable-files';

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
