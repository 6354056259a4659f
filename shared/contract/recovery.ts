import { z } from 'zod';
import { channel, returns, type ChannelSpec } from './channel';
import { empty, expected, givenPassword, strictObject } from './fields';

/**
 * The recovery screen's channels, answered only while the database is damaged
 * (Keel then answers every other channel with the `damaged` error). They are
 * kept apart from the main contract: a healthy Keel does not have them.
 */

/** The newest verified backup, as the recovery screen offers it. */
export interface RecoveryBackup {
  name: string;
  takenAt: string;
  keelVersion: string;
  bytes: number;
  /** Records per kind (patients, appointments, staff…), as the backup's manifest counted them. */
  records: Record<string, number>;
}

export interface RecoveryStatus {
  /** What is wrong, in plain words, and that nothing was changed. */
  problem: string;
  dataFolder: string;
  newestBackup: RecoveryBackup | null;
  /** Who is signed in to the recovery screen (managers only), or null. */
  signedIn: { username: string; fullName: string } | null;
}

/** One table of the damaged database: its row count, or why it cannot be read. */
export interface RecoveryTable {
  name: string;
  rows: number | null;
  problem: string | null;
}

export interface RecoveryRows {
  table: string;
  columns: string[];
  /** Values as text; null stays null. Secret columns (password hashes) are left out. */
  rows: Array<Array<string | null>>;
  offset: number;
  /** Whether rows follow after this page. */
  more: boolean;
  /** Set when reading stopped at damage part way through the page. */
  problem: string | null;
}

export const RECOVERY_PAGE_SIZE = 50;

export const recoveryContract = {
  'recovery.status': channel({
    input: empty(),
    output: returns<RecoveryStatus>(),
    access: 'public',
    audit: 'none',
    summary: 'Why Keel is in recovery, the newest verified backup, and who is signed in to the recovery screen.',
    example: {},
  }),
  'recovery.signIn': channel({
    input: strictObject({ username: z.string({ error: expected('a username') }).trim().toLowerCase().min(1, 'Required').max(64, 'Use at most 32 characters'), password: givenPassword() }),
    output: returns<{ username: string; fullName: string }>(),
    access: 'public',
    audit: 'admin',
    summary: 'A manager signs in to the recovery screen, checked against the damaged database (or, when its accounts cannot be read, the newest verified backup).',
    example: { username: 'nobody-here', password: 'not-the-password' },
  }),
  'recovery.signOut': channel({
    input: empty(),
    output: returns<null>(),
    access: 'public',
    audit: 'none',
    summary: 'Leaves the recovery screen.',
    example: {},
  }),
  'recovery.tables': channel({
    input: empty(),
    output: returns<RecoveryTable[]>(),
    access: 'backups.manage',
    audit: 'read-phi',
    summary: 'The damaged database’s tables, read-only: each with its row count or why it cannot be read.',
    example: {},
  }),
  'recovery.rows': channel({
    input: strictObject({
      table: z.string({ error: expected('a table name') }).min(1, 'Required').max(64, 'Use at most 64 characters'),
      offset: z.number({ error: expected('a row number') }).int('Use a whole number').min(0, 'Cannot be negative').max(100_000_000, 'Too large').default(0),
    }),
    output: returns<RecoveryRows>(),
    access: 'backups.manage',
    audit: 'read-phi',
    summary: `One page (${RECOVERY_PAGE_SIZE} rows) of one table of the damaged database, read-only.`,
    example: { table: 'patients', offset: 0 },
  }),
  'recovery.restoreNewest': channel({
    input: strictObject({ name: z.string({ error: expected('the backup’s name') }).min(1, 'Required').max(200, 'Use at most 200 characters') }),
    output: returns<{ safetyCopy: string | null }>(),
    access: 'backups.manage',
    audit: 'write',
    summary: 'Restores the newest verified backup (named, so a newer one appearing meanwhile is not restored unseen); the damaged database is kept as a safety copy and Keel reopens normally.',
    example: { name: 'keel-2026-11-27T180000Z.db' },
  }),
} as const satisfies Record<string, ChannelSpec>;

export type RecoveryContract = typeof recoveryContract;
export type RecoveryChannel = keyof RecoveryContract;
export type RecoveryInput<K extends RecoveryChannel> = z.input<RecoveryContract[K]['input']>;
export type RecoveryOutput<K extends RecoveryChannel> = RecoveryContract[K]['output'];

export function isRecoveryChannel(name: string): name is RecoveryChannel {
  return Object.prototype.hasOwnProperty.call(recoveryContract, name);
}
