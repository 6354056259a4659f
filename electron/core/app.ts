import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { auditNameKey } from '../../db/audit';
import { getClinic } from '../../db/clinic';
import { openDataFolder, type KeelDatabase, type OpenOptions } from '../../db/open';
import type { DB } from '../../db/schema';
import type { Clinic } from '../../shared/contract/clinic';
import { BackupService } from './backup-service';
import { EventBus } from './events';
import { HashQueue, hashPassword, OWASP_SCRYPT, verifyPassword, type ScryptParams } from './password';
import { SessionStore } from './session';
import { SignInThrottle } from './throttle';

export interface AppOptions extends OpenOptions {
  /** Injectable clock, for deterministic tests. */
  now?: () => Date;
  /** Injectable id source (UUIDv7 by default). */
  newId?: () => string;
  /** Password hashing cost; tests may lower it, production never does. */
  scrypt?: ScryptParams;
  /** How the sign-in slowdown waits; tests record instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Where unexpected errors are reported (never to the user). */
  logError?: (error: unknown, context: string) => void;
  /** The event bus to use (a runtime keeps one across a restore from the recovery screen). */
  events?: EventBus;
}

/** The running application beneath any transport: data, sessions, events, services. */
export interface KeelApp {
  database: KeelDatabase;
  db: Kysely<DB>;
  now(): Date;
  newId(): string;
  /** Hashes a new password, through the bounded queue of password work. */
  hash(password: string): Promise<string>;
  /**
   * Checks a password against a stored hash, through the same queue; `priority`
   * 0 goes first (a source with no recent failures). Throws HashQueueFull when
   * too many checks are waiting.
   */
  verify(password: string, stored: string, priority?: number): Promise<boolean>;
  /** At most two password hashes at once (scrypt takes a core and 128 MB each). */
  passwords: HashQueue;
  /** The key of the short hash the audit log keeps of an unknown username (made when the folder is first opened). */
  auditNameKey(): Promise<string>;
  sleep(ms: number): Promise<void>;
  logError(error: unknown, context: string): void;
  sessions: SessionStore;
  throttle: SignInThrottle;
  events: EventBus;
  /** Counts committed writes; a session reloads its person when it has changed. */
  writes: { generation: number };
  /** The clinic profile, cached; `refreshClinic` after changing it. */
  clinic(): Promise<Clinic | undefined>;
  refreshClinic(): void;
  /** Backups: daily, on quit, on demand; restore. */
  backups: BackupService;
  close(): Promise<void>;
}

export async function openKeelApp(dataDir: string, options: AppOptions = {}): Promise<KeelApp> {
  const database = await openDataFolder(dataDir, options);
  const now = options.now ?? (() => new Date());
  const scryptParams = options.scrypt ?? OWASP_SCRYPT;
  let clinicCache: Promise<Clinic | undefined> | undefined;
  const passwords = new HashQueue();
  // Made at open, not at the first unknown name, so a refused sign-in writes nothing but its audit row.
  const nameKey = await auditNameKey(database.db, now().toISOString()).catch(() => null);
  const app: Omit<KeelApp, 'backups'> & { backups?: BackupService } = {
    database,
    db: database.db,
    now,
    newId: options.newId ?? (() => uuidv7()),
    hash: (password) => passwords.run(() => hashPassword(password, scryptParams)),
    verify: (password, stored, priority = 0) => passwords.run(() => verifyPassword(password, stored), priority),
    passwords,
    auditNameKey: () => (nameKey === null ? auditNameKey(database.db, now().toISOString()) : Promise.resolve(nameKey)),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    logError: options.logError ?? ((error, context) => console.error(`[keel] ${context}:`, error)),
    sessions: new SessionStore(() => now().getTime()),
    throttle: new SignInThrottle(() => now().getTime()),
    events: options.events ?? new EventBus(),
    writes: { generation: 0 },
    clinic() {
      clinicCache ??= getClinic(app.db).catch((error: unknown) => {
        clinicCache = undefined;
        throw error;
      });
      return clinicCache;
    },
    refreshClinic() {
      clinicCache = undefined;
    },
    close() {
      app.backups?.stopSchedule();
      // After a restore the app holds the reopened database, not the first one.
      return app.database.close();
    },
  };
  app.backups = new BackupService({
    get database() {
      return app.database;
    },
    now,
    events: app.events,
    logError: app.logError,
    clinic: () => app.clinic(),
    async reopen(swap) {
      const dir = app.database.dir;
      await app.database.close();
      try {
        await swap();
      } finally {
        const reopened = await openDataFolder(dir);
        app.database = reopened;
        app.db = reopened.db;
        app.refreshClinic();
        app.writes.generation++;
      }
    },
    endAllSessions: () => app.sessions.endAll(),
  });
  return app as KeelApp;
}
