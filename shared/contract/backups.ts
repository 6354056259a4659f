import { z } from 'zod';
import { channel, returns } from './channel';
import { empty, strictObject, timeOfDay } from './fields';

/** One backup as Settings → Backups lists it. */
export interface BackupEntry {
  name: string;
  destination: 'primary' | 'secondary';
  folder: string;
  takenAt: string;
  bytes: number;
  /** False for a file without a manifest: never verified, never counted as good. */
  verified: boolean;
  keelVersion: string | null;
  schemaVersion: number | null;
  /** Records per kind (patients, appointments, staff, users…), for choosing what to restore. */
  records: Record<string, number>;
  reason: string | null;
  /** Why a backup that is not verified cannot be restored, in words (its description file was altered or is damaged), or null (never verified). */
  problem: string | null;
}

export interface BackupSettings {
  /** The daily backup's clinic time, `HH:MM` (closing time by default). */
  dailyTime: string;
  /** A second folder (USB drive, NAS share) every backup is also written to, or null. */
  secondFolder: string | null;
  retention: { daily: number; weekly: number; monthly: number };
}

export interface BackupStatus {
  primaryFolder: string;
  secondFolder: { path: string; reachable: boolean } | null;
  lastVerified: { at: string; name: string } | null;
  /**
   * `secondCopy`: set when the data folder's backup was verified but the copy
   * to the second folder was not made: `not-connected` (the folder, e.g. a USB
   * drive, is not there) or `failed` (the reason is in `message`).
   */
  lastAttempt: { at: string; ok: boolean; message: string; secondCopy?: 'not-connected' | 'failed' } | null;
  /** Red on Today: nothing verified for 24 hours, or the last attempt failed. */
  stale: boolean;
  /**
   * The last restore that was refused since Keel started, and why: the screen that
   * asked for it reads the reason here if it missed the event (a refusal found in the
   * first milliseconds can come before the screen listens).
   */
  lastRefusedRestore: { at: string; name: string; message: string } | null;
  /** What is under way; a restore also says which step it is on. */
  running: { phase: 'copying' | 'verifying' | 'attachments' | 'restoring'; fraction: number; message?: string } | null;
  settings: BackupSettings;
}

const folder = () =>
  z
    .string()
    .trim()
    .max(500, 'Use at most 500 characters')
    .refine((p) => p === '' || /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(p), 'Give the full path of the folder, e.g. E:\\Keel backups or /media/usb/keel');

export const backupsContract = {
  'backups.status': channel({
    input: empty(),
    output: returns<BackupStatus>(),
    access: 'backups.manage',
    audit: 'none',
    summary: 'When the last verified backup was taken, whether the last attempt failed, a backup under way, and the settings.',
    example: {},
  }),
  'backups.list': channel({
    input: empty(),
    output: returns<BackupEntry[]>(),
    access: 'backups.manage',
    audit: 'none',
    summary: 'Every backup in the backup folders, newest first, with its verification and record counts.',
    example: {},
  }),
  'backups.run': channel({
    input: empty(),
    output: returns<{ started: boolean; message: string }>(),
    access: 'backups.manage',
    audit: 'admin',
    summary: 'Back up now: starts a backup (progress arrives as backup.progress events); refuses while one is running.',
    example: {},
  }),
  'backups.updateSettings': channel({
    input: strictObject({
      dailyTime: timeOfDay(),
      secondFolder: folder(),
      retention: strictObject({
        daily: z.number().int().min(1, 'Keep at least 1').max(60, 'At most 60'),
        weekly: z.number().int().min(0).max(52, 'At most 52'),
        monthly: z.number().int().min(0).max(120, 'At most 120'),
      }),
    }),
    output: returns<BackupSettings>(),
    access: 'backups.manage',
    audit: 'admin',
    summary: 'The daily backup time, a second backup folder, and how many daily, weekly and monthly backups to keep (yearly ones are all kept).',
    example: { dailyTime: '17:30', secondFolder: '', retention: { daily: 7, weekly: 4, monthly: 12 } },
  }),
  'backups.restore': channel({
    input: strictObject({ name: z.string().regex(/^keel-[\w-]+\.db$/, 'Choose a backup from the list'), destination: z.enum(['primary', 'secondary']) }),
    /** `at`: when it was asked for, by the main process's clock (a refusal in the status from then on is this restore's). */
    output: returns<{ started: boolean; at: string }>(),
    access: 'backups.manage',
    audit: 'admin',
    summary: 'Restore a verified backup: the current data is kept as a safety copy, the backup is put in place and Keel reopens on it (everyone signs in again).',
    example: { name: 'keel-2026-03-02T180000Z.db', destination: 'primary' },
  }),
} as const;
