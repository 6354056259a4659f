import { z } from 'zod';

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

/** An attachment's name, as Keel stores it: the SHA-256 of its content, lowercase hex. */
export const ATTACHMENT_NAME = /^[0-9a-f]{64}$/;
/** Backup file names Keel writes: `keel-` (or `keel-safety-`), the UTC second, and `-2`… for a second one that second. */
export const BACKUP_FILE_NAME = /^keel-(?:[a-z]+-)?\d{4}-\d{2}-\d{2}T\d{6}Z(?:-\d{1,4})?\.db$/;
/** More scans than a small practice makes in decades; Keel refuses to write a manifest it would refuse to read. */
export const MAX_MANIFEST_ATTACHMENTS = 250_000;
/** The largest manifest Keel reads: its attachments' names and some room (pretty-printed JSON). */
export const MAX_MANIFEST_BYTES = 24 * 1024 * 1024;

const instant = () => z.iso.datetime({ offset: false }).max(30);

/**
 * A manifest as Keel writes it, and nothing else: every field of a manifest
 * beside a backup (perhaps on a USB drive someone else had) is untrusted input.
 * Attachment names become paths, so only SHA-256 hex names pass.
 */
export const backupManifestSchema = z.strictObject({
  file: z.string().max(80).regex(BACKUP_FILE_NAME),
  takenAt: instant(),
  verifiedAt: instant(),
  keelVersion: z.string().max(40).regex(/^[0-9A-Za-z][0-9A-Za-z.+-]*$/),
  schemaVersion: z.number().int().min(1).max(100_000),
  bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(ATTACHMENT_NAME),
  counts: z
    .record(z.string().min(1).max(128), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
    .refine((counts) => Object.keys(counts).length <= 1000),
  attachments: z.array(z.string().max(64).regex(ATTACHMENT_NAME)).max(MAX_MANIFEST_ATTACHMENTS),
  reason: z.enum(['daily', 'manual', 'quit', 'cli', 'safety']),
}) satisfies z.ZodType<BackupManifest>;

/** A value from a file, shown in a message: quoted, cut short, with control and direction characters escaped. */
export function quoted(value: string): string {
  const short = value.length > 100 ? `${value.slice(0, 100)}…` : value;
  return JSON.stringify(short).replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Why a manifest is not one Keel wrote, in words for the manager, or null
 * when it is. `raw` is the parsed JSON (undefined when it was not JSON);
 * `backupName` the backup file it sits beside.
 */
export function manifestProblem(raw: unknown, backupName: string): { manifest: BackupManifest; problem: null } | { manifest: null; problem: string } {
  const parsed = backupManifestSchema.safeParse(raw);
  if (parsed.success) {
    if (parsed.data.file === backupName) return { manifest: parsed.data, problem: null };
    return { manifest: null, problem: `it describes the backup ${quoted(parsed.data.file)}, not this one.` };
  }
  const record = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (!record) return { manifest: null, problem: 'it cannot be read as a description of a backup.' };
  const issue = parsed.error.issues[0]!;
  const [field, index] = issue.path;
  if (issue.code === 'unrecognized_keys') return { manifest: null, problem: `it holds an entry ${quoted(issue.keys[0] ?? '')} that Keel never writes.` };
  if (field === 'attachments' && typeof index === 'number') {
    const name = (record.attachments as unknown[])[index];
    return { manifest: null, problem: typeof name === 'string' ? `it lists an attachment named ${quoted(name)}, which Keel never writes.` : 'it lists an attachment that is not a name.' };
  }
  if (field === 'attachments' && issue.code === 'too_big') return { manifest: null, problem: `it lists more attachments than Keel ever writes (over ${MAX_MANIFEST_ATTACHMENTS}).` };
  if (typeof field === 'string' && !(field in record)) return { manifest: null, problem: `its entry ${quoted(field)} is missing.` };
  return { manifest: null, problem: `its entry ${quoted(String(field ?? ''))} is not what Keel writes there.` };
}

/** A backup refused for its manifest: which file, that it was changed or damaged, and what gave it away. */
export function manifestRefusal(manifestName: string, problem: string): string {
  return `This backup's description file (${manifestName}) has been changed or is damaged, so Keel will not restore it: ${problem}`;
}

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  /** Yearly backups are all kept. */
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

/** A retention policy read back from the clinic's settings (as Settings → Backups allows it). */
export const retentionPolicySchema = z.object({
  daily: z.number().int().min(1).max(60),
  weekly: z.number().int().min(0).max(52),
  monthly: z.number().int().min(0).max(120),
}) satisfies z.ZodType<RetentionPolicy>;

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
 * How many backups of one day the last 24 hours keep: on-demand and on-close
 * backups add up (18 of 390 MB in one day were seen), and three still let a
 * second "Back up now" and the backup on closing stand beside the daily one.
 */
export const SAME_DAY_KEPT = 3;

/**
 * Grandfather-father-son retention: the newest `SAME_DAY_KEPT` backups of each
 * day within the last 24 hours, the newest backup of each of the last `daily`
 * days, `weekly` weeks and `monthly` months that have one, and the newest of
 * every year, are kept; so is the newest verified backup, always.
 * Unverified backups never count towards a period (they may be pruned).
 * Returns the files to delete.
 */
export function backupsToPrune(backups: readonly RetainedBackup[], policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const verified = backups.filter((b) => b.verified).sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
  const keep = new Set<string>();
  const newest = verified[0];
  if (newest) keep.add(newest.file);
  // The last day keeps a few of each day: a second "Back up now" does not replace the first, and a day's many do not pile up.
  const sameDay = new Map<string, number>();
  for (const b of verified) {
    if (!newest || Date.parse(newest.takenAt) - Date.parse(b.takenAt) >= 86_400_000) break;
    const day = new Date(b.takenAt).toISOString().slice(0, 10);
    const kept = sameDay.get(day) ?? 0;
    if (kept < SAME_DAY_KEPT) keep.add(b.file);
    sameDay.set(day, kept + 1);
  }
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
