/**
 * Backups: what a verified backup records, and which backups to keep.
 * Pure functions, so the retention rules are tested with an injected clock.
 */

/** Written beside each backup only after it has been verified. */
export interface BackupManifest {
  /** The backup file's name, e.g. `keel-2026-11-27T180000Z.db`. */
  file: string;
  /** When the backup was taken (UTC ISO). */
  takenAt: string;
  /** When it was verified (UTC ISO). */
  verifiedAt: string;
  keelVersion: string;
  schemaVersion: number;
  bytes: number;
  sha256: string;
  /** Rows per table at the moment of the backup. */
  counts: Record<string, number>;
  /** Attachment files (by SHA-256) the backup refers to, copied beside it. */
  attachments: string[];
  /** What started it. */
  reason: BackupReason;
}

export type BackupReason = 'daily' | 'manual' | 'quit' | 'cli' | 'safety';

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  /** Yearly backups are all kept. */
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

/** A backup for retention: its name and when it was taken; safety copies are never pruned. */
export interface RetainedBackup {
  file: string;
  takenAt: string;
  verified: boolean;
}

/** ISO week key (year and week number) of a UTC date. */
function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Grandfather-father-son retention: every backup of the last 24 hours, the
 * newest backup of each of the last `daily` days, `weekly` weeks and `monthly`
 * months that have one, and the newest of every year, are kept; so is the
 * newest verified backup, always.
 * Unverified backups never count towards a period (they may be pruned).
 * Returns the files to delete.
 */
export function backupsToPrune(backups: readonly RetainedBackup[], policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const verified = backups.filter((b) => b.verified).sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
  const keep = new Set<string>();
  const newest = verified[0];
  if (newest) keep.add(newest.file);
  // Everything from the last day is kept: a second "Back up now" does not replace the first.
  for (const b of verified) if (newest && Date.parse(newest.takenAt) - Date.parse(b.takenAt) < 86_400_000) keep.add(b.file);
  const bucket = (count: number, keyOf: (d: Date) => string) => {
    const seen = new Set<string>();
    for (const b of verified) {
      const key = keyOf(new Date(b.takenAt));
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(b.file);
    }
  };
  bucket(policy.daily, (d) => d.toISOString().slice(0, 10));
  bucket(policy.weekly, isoWeek);
  bucket(policy.monthly, (d) => d.toISOString().slice(0, 7));
  bucket(Number.POSITIVE_INFINITY, (d) => d.toISOString().slice(0, 4));
  // An unverified backup newer than the newest verified one may still be being checked: leave it.
  const newestTime = newest?.takenAt ?? '';
  return backups.filter((b) => !keep.has(b.file) && (b.verified || b.takenAt < newestTime)).map((b) => b.file);
}

/** The backup file name for a moment: sortable, safe on every file system. */
export function backupFileName(takenAt: Date, prefix = 'keel-'): string {
  return `${prefix}${takenAt.toISOString().slice(0, 19).replace(/:/g, '')}Z.db`;
}

/** Whether the backup status should alarm: no verified backup in 24 hours, or the last attempt failed. */
export function backupIsStale(lastVerifiedAt: string | null, lastAttemptFailed: boolean, now: Date): boolean {
  if (lastAttemptFailed || !lastVerifiedAt) return true;
  return now.getTime() - Date.parse(lastVerifiedAt) > 24 * 3_600_000;
}

/** Why a backup could not be written, in words for the manager: a full drive, a read-only one, or the system's own reason. */
export function backupWriteFailure(code: string | undefined, folder: string, detail: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return `The backup folder ${folder} is full. Free some space there (older backups are kept until a new one is verified) or choose another folder.`;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') return folderNotWritable(folder, code);
  return `The backup could not be written to ${folder}: ${detail}`;
}

/** A backup folder that cannot be written to: missing, read-only or forbidden. */
export function folderNotWritable(folder: string, code: string): string {
  return `The backup folder ${folder} cannot be written to (${code}). Check that the drive is connected and not read-only.`;
}
