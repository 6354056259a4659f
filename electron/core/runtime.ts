import fs from 'node:fs';
import path from 'node:path';
import { appendAudit } from '../../db/audit';
import { DataFolderError } from '../../db/errors';
import { openKeelApp, type AppOptions, type KeelApp } from './app';
import { restoreDataFolder } from './data-tools';
import { EventBus } from './events';
import { hashPassword, OWASP_SCRYPT } from './password';
import { createRecoveryRouter, DamagedFolder, readRecoveryLog, RECOVERY_LOG } from './recovery';
import { createRouter, type CallOutcome, type CallRequest } from './router';

/**
 * What a transport (the desktop window, `keel serve`) talks to: Keel running
 * normally, or — when the database is damaged at start — the recovery screen,
 * which becomes normal Keel once the newest verified backup is restored.
 */
export interface Runtime {
  readonly mode: 'normal' | 'recovery';
  /** The running app; null while in recovery. */
  readonly app: KeelApp | null;
  /** Why Keel is in recovery, or null. */
  readonly problem: string | null;
  readonly events: EventBus;
  readonly sessions: { get(token: string | null | undefined): { locked: boolean } | undefined };
  call(request: CallRequest): Promise<CallOutcome>;
  /** Session and permission, before the input is read (the recovery screen's few small channels check inside `call`). */
  admit(request: Pick<CallRequest, 'token' | 'channel'>): Promise<object | CallOutcome>;
  logError(error: unknown, context: string): void;
  /** Called once the app runs normally: at once, or after a restore from the recovery screen. */
  onNormal(listener: (app: KeelApp) => void): void;
  close(): Promise<void>;
}

const defaultLog = (error: unknown, context: string) => console.error(`[keel] ${context}:`, error);

/**
 * Copies the recovery screen's side audit log into the database's audit trail
 * (one transaction), then renames it so it is never copied twice.
 */
export async function importRecoveryLog(app: KeelApp): Promise<number> {
  const file = path.join(app.database.dir, RECOVERY_LOG);
  const entries = readRecoveryLog(file);
  if (entries.length > 0) {
    await app.db.transaction().execute(async (trx) => {
      for (const entry of entries) {
        await appendAudit(trx, { id: app.newId(), at: entry.at, userId: entry.userId, username: entry.username, action: entry.action, kind: entry.kind, outcome: entry.outcome, detail: { ...entry.detail, during: 'recovery' } });
      }
    });
  }
  if (fs.existsSync(file)) fs.renameSync(file, path.join(app.database.dir, `recovery-audit-${app.now().toISOString().replace(/[:.]/g, '')}.log`));
  return entries.length;
}

/**
 * Opens the data folder with SQLite's quick check. A damaged database is
 * never replaced by an empty one: Keel starts in recovery instead, where a
 * manager restores the newest verified backup or looks at the damaged data
 * read-only. Any other problem (in use, newer Keel, network folder) is thrown.
 */
export async function startKeel(dir: string, options: AppOptions = {}): Promise<Runtime> {
  const events = new EventBus();
  const logError = options.logError ?? defaultLog;
  const now = options.now ?? (() => new Date());
  const listeners: Array<(app: KeelApp) => void> = [];
  const appOptions: AppOptions = { ...options, healthCheck: true, events };

  let app: KeelApp | null = null;
  let router: ReturnType<typeof createRouter> | null = null;
  let recovery: { folder: DamagedFolder; router: ReturnType<typeof createRecoveryRouter> } | null = null;

  const becomeNormal = async (opened: KeelApp) => {
    await importRecoveryLog(opened).catch((error: unknown) => logError(error, 'copying the recovery audit log'));
    app = opened;
    router = createRouter(opened);
    recovery = null;
    for (const listener of listeners) listener(opened);
  };

  try {
    await becomeNormal(await openKeelApp(dir, appOptions));
  } catch (error) {
    if (!(error instanceof DataFolderError) || error.problem !== 'damaged') throw error;
    const folder = new DamagedFolder(dir, error.summary);
    const recoveryRouter = createRecoveryRouter(folder, {
      now,
      hash: (password) => hashPassword(password, options.scrypt ?? OWASP_SCRYPT),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      logError,
      async restore(backup, by) {
        folder.close();
        let outcome: { safetyCopy: string | null };
        try {
          outcome = await restoreDataFolder(folder.dir, backup.file, {
            now: now(),
            actor: 'the recovery screen',
            userId: by.id,
            username: by.username,
            onProgress: (fraction, message) => events.emit('backup.progress', { phase: 'restoring', fraction, message }),
          });
        } catch (failure) {
          folder.hold();
          throw failure;
        }
        await becomeNormal(await openKeelApp(folder.dir, appOptions));
        return outcome;
      },
    });
    recovery = { folder, router: recoveryRouter };
  }

  return {
    get mode() {
      return app ? 'normal' : 'recovery';
    },
    get app() {
      return app;
    },
    get problem() {
      return recovery ? recovery.folder.problem : null;
    },
    events,
    sessions: { get: (token) => (app ? app.sessions.get(token) : recovery?.router.sessions.get(token)) },
    call: (request) => (router ?? recovery!.router).call(request),
    admit: (request) => (router ? router.admit(request) : Promise.resolve({ recovery: true })),
    logError,
    onNormal(listener) {
      listeners.push(listener);
      if (app) listener(app);
    },
    async close() {
      recovery?.folder.close();
      if (app) await app.close();
    },
  };
}
