import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import path from 'node:path';
import { getClinic } from '../../db/clinic';
import { KeelSqliteDialect } from '../../db/dialect';
import { DataFolderError } from '../../db/errors';
import { SCHEMA_VERSION } from '../../db/migrations/index';
import { DB_FILE, schemaVersionOf, type KeelDatabase } from '../../db/open';
import type { DB } from '../../db/schema';
import { getSetting, setSetting } from '../../db/settings';
import type { BackupEntry, BackupSettings, BackupStatus } from '../../shared/contract/backups';
import type { Clinic } from '../../shared/contract/clinic';
import { KeelError } from '../../shared/contract/index';
import { backupIsStale, DEFAULT_RETENTION, retentionPolicySchema, type RetentionPolicy } from '../../shared/domain/backup';
import { dateInZone, wallInZone } from '../../shared/domain/time';
import { BACKUP_DIR, BackupError, listBackups, pruneBackups, takeBackup, type BackupProgress, type BackupResult } from './backups';
import { restoreDataFolder } from './data-tools';
import type { EventBus } from './events';

const SETTINGS_KEY = 'backups.settings';
const LAST_ATTEMPT_KEY = 'backups.lastAttempt';
const LAST_DAILY_KEY = 'backups.lastDailyDate';

/** Record kinds shown when choosing a backup, by table. */
/** The tables whose counts a backup's list shows, by the word shown. */
export const RECORD_TABLES: Record<string, string> = { patients: 'patients', appointments: 'appointments', staff: 'staff', users: 'users', audit_log: 'audit entries' };

type Attempt = NonNullable<BackupStatus['lastAttempt']>;

/**
 * What the backup service needs of the app that runs it, and no more. The app
 * owns its database: a restore asks it to `reopen` around the swap, and reads
 * `database` afresh after it.
 */
export interface BackupHost {
  /** The open data folder (another object after a restore). */
  readonly database: KeelDatabase;
  now(): Date;
  readonly events: EventBus;
  logError(error: unknown, context: string): void;
  clinic(): Promise<Clinic | undefined>;
  /** Closes the database, runs `swap` on the closed folder, and opens whatever is there then, even when `swap` throws. */
  reopen(swap: () => Promise<void>): Promise<void>;
  /** Ends every session (people sign in again on restored accounts). */
  endAllSessions(): void;
}

/**
 * Backups while Keel runs: daily at the manager's time, on quit and on demand;
 * one at a time; each written to the backup folder (and the second folder when
 * set), verified, then pruned by the retention rules. Progress goes out as
 * `backup.progress` events; the main process never waits on SQLite for long.
 */
export class BackupService {
  #running: BackupStatus['running'] = null;
  #lastRefusedRestore: BackupStatus['lastRefusedRestore'] = null;
  #timer: NodeJS.Timeout | null = null;
  readonly #app: BackupHost;

  constructor(host: BackupHost) {
    this.#app = host;
  }

  get #db(): Kysely<DB> {
    return this.#app.database.db;
  }

  get isRunning(): boolean {
    return this.#running !== null;
  }

  get primaryFolder(): string {
    return path.join(this.#app.database.dir, BACKUP_DIR);
  }

  /** `db`: the handler's transaction when called from one (the connection is not shared while it is open). */
  async settings(db: Kysely<DB> = this.#db): Promise<BackupSettings> {
    const clinic = await getClinic(db);
    // Closing time on a weekday, by default.
    const closes = clinic?.openingHours.find((h) => h.closes)?.closes ?? '18:00';
    return getSetting<BackupSettings>(db, SETTINGS_KEY, { dailyTime: closes, secondFolder: null, retention: DEFAULT_RETENTION });
  }

  /**
   * Saves the settings. A second folder newly set must already be there, be a
   * folder and take files: Keel never makes it (a USB drive's path that is not
   * there is a drive not connected, and making it would back up to this disk).
   */
  async updateSettings(db: Kysely<DB>, next: BackupSettings): Promise<BackupSettings> {
    const value: BackupSettings = { ...next, secondFolder: next.secondFolder?.trim() ? path.resolve(next.secondFolder.trim()) : null };
    const before = await this.settings(db);
    if (value.secondFolder && value.secondFolder !== before.secondFolder) {
      const problem = secondFolderProblem(value.secondFolder, this.#app.database.dir);
      if (problem) throw new KeelError('invalid_input', `The backup settings were not saved: ${problem.message}`, [{ path: 'secondFolder', message: problem.message }]);
    }
    await setSetting(db, SETTINGS_KEY, value, this.#app.now().toISOString());
    return value;
  }

  async status(db: Kysely<DB> = this.#db): Promise<BackupStatus> {
    const settings = await this.settings(db);
    const attempt = await getSetting<Attempt | null>(db, LAST_ATTEMPT_KEY, null);
    const newest = this.#entries(settings).find((b) => b.verified && b.reason !== 'safety');
    const lastVerified = newest ? { at: newest.takenAt, name: newest.name } : null;
    return {
      primaryFolder: this.primaryFolder,
      secondFolder: settings.secondFolder ? { path: settings.secondFolder, reachable: reachable(settings.secondFolder) } : null,
      lastVerified,
      lastAttempt: attempt,
      lastRefusedRestore: this.#lastRefusedRestore,
      stale: backupIsStale(lastVerified?.at ?? null, attempt ? !attempt.ok : false, this.#app.now()),
      running: this.#running,
      settings,
    };
  }

  async list(db: Kysely<DB> = this.#db): Promise<BackupEntry[]> {
    return this.#entries(await this.settings(db));
  }

  #entries(settings: BackupSettings): BackupEntry[] {
    const folders: Array<[BackupEntry['destination'], string]> = [['primary', this.primaryFolder]];
    if (settings.secondFolder && reachable(settings.secondFolder)) folders.push(['secondary', settings.secondFolder]);
    return folders
      .flatMap(([destination, folder]) =>
        listBackups(folder).map(
          (b): BackupEntry => ({
            name: b.name,
            destination,
            folder,
            takenAt: b.manifest?.takenAt ?? new Date(fs.statSync(b.file).mtimeMs).toISOString(),
            bytes: b.bytes,
            verified: b.manifest !== null,
            keelVersion: b.manifest?.keelVersion ?? null,
            schemaVersion: b.manifest?.schemaVersion ?? null,
            records: Object.fromEntries(Object.entries(RECORD_TABLES).map(([table, label]) => [label, b.manifest?.counts[table] ?? 0])),
            reason: b.manifest?.reason ?? null,
            problem: b.manifest ? null : b.problem,
          }),
        ),
      )
      .sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
  }

  /** Starts a backup unless one is running; resolves when it has finished (or failed, which is recorded). */
  async run(reason: 'daily' | 'manual' | 'quit'): Promise<BackupResult | null> {
    if (this.#running) throw new KeelError('conflict', 'A backup is already under way.');
    this.#running = { phase: 'copying', fraction: 0 };
    const settings = await this.settings();
    const now = this.#app.now();
    const emit = (p: BackupProgress) => {
      this.#running = p;
      this.#app.events.emit('backup.progress', p);
    };
    try {
      const result = await takeBackup(this.#app.database, { to: this.primaryFolder, reason, now, onProgress: emit });
      await pruneBackups(this.primaryFolder, settings.retention);
      let message = `Backup ${result.manifest.file} verified.`;
      if (settings.secondFolder) {
        const failed = await this.#secondCopy(settings, reason, now, emit);
        if (failed) {
          await this.#record({ at: now.toISOString(), ok: false, message: failed.message, secondCopy: failed.kind });
          this.#app.events.emit('backup.progress', { phase: 'failed', fraction: 0, message: failed.message });
          // Not a whole backup: the copy that survives this computer is missing.
          return null;
        }
        message = `Backup ${result.manifest.file} verified, in both folders.`;
      }
      await this.#record({ at: now.toISOString(), ok: true, message });
      this.#app.events.emit('backup.progress', { phase: 'done', fraction: 1, message });
      return result;
    } catch (error) {
      const message = error instanceof BackupError ? error.message : `The backup failed: ${(error as Error).message}`;
      await this.#record({ at: now.toISOString(), ok: false, message });
      this.#app.events.emit('backup.progress', { phase: 'failed', fraction: 0, message });
      if (!(error instanceof BackupError)) this.#app.logError(error, 'backup');
      return null;
    } finally {
      this.#running = null;
      this.#app.events.emit('data.changed', { domains: ['backups'] });
    }
  }

  /** The copy to the second folder, after the data folder's is verified; why it failed, or null. The folder is never made. */
  async #secondCopy(settings: BackupSettings, reason: 'daily' | 'manual' | 'quit', now: Date, emit: (p: BackupProgress) => void): Promise<{ kind: 'not-connected' | 'failed'; message: string } | null> {
    const folder = settings.secondFolder!;
    const notConnected = () => ({
      kind: 'not-connected' as const,
      message: `No copy went to the second backup folder: ${folder} is not there (is the USB drive connected?). The backup on this computer is good; connect the drive and back up again.`,
    });
    if (!fs.existsSync(folder)) return notConnected();
    try {
      await takeBackup(this.#app.database, { to: folder, reason, now, onProgress: emit, createFolder: false });
      await pruneBackups(folder, settings.retention);
      return null;
    } catch (error) {
      // Unplugged during the copy.
      if (!fs.existsSync(folder)) return notConnected();
      const detail = error instanceof BackupError ? error.message : (error as Error).message;
      return { kind: 'failed', message: `The backup on this computer is good, but the copy to the second backup folder ${folder} was not made. ${detail}` };
    }
  }

  async #record(attempt: Attempt): Promise<void> {
    await setSetting(this.#db, LAST_ATTEMPT_KEY, attempt, attempt.at).catch((error: unknown) => this.#app.logError(error, 'backup status'));
  }

  /** The daily backup: checked every minute, taken once the clinic's clock passes the set time. */
  startSchedule(): void {
    if (this.#timer) return;
    const tick = () => void this.#dailyIfDue().catch((error: unknown) => this.#app.logError(error, 'daily backup'));
    this.#timer = setInterval(tick, 60_000);
    this.#timer.unref();
    tick();
  }

  stopSchedule(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #dailyIfDue(): Promise<void> {
    const clinic = await this.#app.clinic();
    if (!clinic || this.#running) return;
    const now = this.#app.now();
    const today = dateInZone(now, clinic.timeZone);
    const settings = await this.settings();
    if (wallInZone(now, clinic.timeZone).slice(11) < settings.dailyTime) return;
    if ((await getSetting<string | null>(this.#db, LAST_DAILY_KEY, null)) === today) return;
    await setSetting(this.#db, LAST_DAILY_KEY, today, now.toISOString());
    await this.run('daily');
  }

  /**
   * Restores a verified backup: the database is closed, the current one kept
   * as a safety copy, the backup put in place, and Keel reopens on it; every
   * session ends (people sign in again on the restored data).
   */
  async restore(name: string, destination: 'primary' | 'secondary', by: { userId: string; username: string }): Promise<void> {
    try {
      await this.#restore(name, destination, by);
    } catch (error) {
      this.#lastRefusedRestore = { at: this.#app.now().toISOString(), name, message: error instanceof Error ? error.message : String(error) };
      throw error;
    }
  }

  async #restore(name: string, destination: 'primary' | 'secondary', by: { userId: string; username: string }): Promise<void> {
    const settings = await this.settings();
    const folder = destination === 'primary' ? this.primaryFolder : settings.secondFolder;
    if (!folder) throw new KeelError('invalid_input', 'There is no second backup folder.');
    const file = path.join(folder, path.basename(name));
    if (!fs.existsSync(file)) throw new KeelError('not_found', 'That backup is no longer there.');
    if (this.#running) throw new KeelError('conflict', 'A backup is under way; restore when it has finished.');
    this.#running = { phase: 'restoring', fraction: 0 };
    this.#app.events.emit('backup.progress', { phase: 'restoring', fraction: 0 });
    const dir = this.#app.database.dir;
    // The backup history is about the backups, not the records: it survives the restore.
    const history = {
      settings: await getSetting<BackupSettings | null>(this.#db, SETTINGS_KEY, null),
      attempt: await getSetting<Attempt | null>(this.#db, LAST_ATTEMPT_KEY, null),
      daily: await getSetting<string | null>(this.#db, LAST_DAILY_KEY, null),
    };
    let restored = false;
    try {
      // Reopened on whatever is there after: the restored data, or the untouched original if the restore was refused.
      await this.#app.reopen(async () => {
        await restoreDataFolder(dir, file, {
          now: this.#app.now(),
          actor: 'Settings → Backups',
          userId: by.userId,
          username: by.username,
          onProgress: (fraction, message) => {
            this.#running = { phase: 'restoring', fraction, message };
            this.#app.events.emit('backup.progress', { phase: 'restoring', fraction, message });
          },
        });
        restored = true;
      });
      if (restored) {
        const at = this.#app.now().toISOString();
        if (history.settings) await setSetting(this.#db, SETTINGS_KEY, history.settings, at);
        if (history.attempt) await setSetting(this.#db, LAST_ATTEMPT_KEY, history.attempt, at);
        if (history.daily) await setSetting(this.#db, LAST_DAILY_KEY, history.daily, at);
        // Everyone signs in again, on the restored accounts.
        this.#app.endAllSessions();
      }
    } finally {
      this.#running = null;
    }
    this.#app.events.emit('backup.progress', { phase: 'done', fraction: 1, message: `Restored ${name}. Please sign in again.` });
    this.#app.events.emit('session.locked', { reason: 'manual' });
  }
}

/** Whether a folder is there and can be written to now (a USB drive may be unplugged, a share offline); never makes it. */
function reachable(folder: string): boolean {
  try {
    if (!fs.statSync(folder).isDirectory()) return false;
    fs.accessSync(folder, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a folder cannot be the second backup folder, in words for the manager,
 * or null: it must be there already (Keel never makes it), be a folder, take
 * files, and lie outside the data folder (a copy on the same disk is no copy).
 */
export function secondFolderProblem(folder: string, dataDir: string): { kind: 'missing' | 'not-folder' | 'not-writable' | 'inside-data'; message: string } | null {
  const inside = path.relative(path.resolve(dataDir), folder);
  if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside))) {
    return { kind: 'inside-data', message: `${folder} is inside Keel's own data folder. Choose a folder on another drive (a USB drive or another computer), so one broken disk cannot lose both copies.` };
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    return {
      kind: 'missing',
      message: `There is no folder ${folder}. If it is on a USB drive, connect the drive and try again; if it is a new folder, create it first. Keel does not create it, so that a drive that is not connected is never mistaken for a folder on this computer.`,
    };
  }
  if (!stat.isDirectory()) return { kind: 'not-folder', message: `${folder} is a file, not a folder. Choose the folder the backups should go to.` };
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    return { kind: 'not-writable', message: `Keel cannot write to ${folder}. Check that the drive is not read-only and that your computer account may write there.` };
  }
  return null;
}

/**
 * What `keel backup` needs of a data folder, read beside a running Keel: the
 * database file and the clinic's retention settings, through a read-only
 * connection that takes no lock on the folder, runs no migration and writes
 * nothing. The copy then reads through its own connection in one read
 * transaction, while WAL lets the running Keel go on writing. A schema this
 * Keel does not know is refused before anything is copied. `retention` is
 * null when the settings cannot be read (then nothing is pruned).
 */
export async function onlineBackupSource(dataDir: string): Promise<{ dir: string; file: string; retention: RetentionPolicy | null }> {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, DB_FILE);
  if (!fs.existsSync(file)) throw new BackupError(`There is no Keel database in ${dir}. Nothing was changed.`);
  const newer = (version: number) =>
    new DataFolderError('newer_schema', `This data folder was written by a newer version of Keel (schema ${version}; this Keel knows up to ${SCHEMA_VERSION}). Back it up with that Keel's own keel backup. Nothing was changed.`);
  // First from the file's header, so a newer Keel's folder is refused before SQLite opens it (and leaves its -shm beside it).
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) === 'SQLite format 3\0' && header.readUInt32BE(60) > SCHEMA_VERSION) throw newer(header.readUInt32BE(60));
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    // Then as the running Keel sees it (its last commits may still be in the WAL); the copy's own check comes after.
    const version = schemaVersionOf(sqlite);
    if (version > SCHEMA_VERSION) throw newer(version);
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
    if (version < 1 || !tables.includes('keel_migration')) throw new BackupError(`${file} is not a Keel database that has been set up, so there is nothing to back up. Nothing was changed.`);
    const db = new Kysely<DB>({ dialect: new KeelSqliteDialect({ database: sqlite }) });
    const stored = await getSetting<{ retention?: unknown } | null>(db, SETTINGS_KEY, null).catch(() => undefined);
    if (stored === undefined) return { dir, file, retention: null };
    const retention = retentionPolicySchema.safeParse(stored?.retention ?? DEFAULT_RETENTION);
    return { dir, file, retention: retention.success ? retention.data : null };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new DataFolderError('damaged', `The database in ${dir} is damaged and cannot be read (${(error as Error).message}), so it was not backed up. Nothing was changed.`);
    throw error;
  } finally {
    if (sqlite?.open) sqlite.close();
  }
}
