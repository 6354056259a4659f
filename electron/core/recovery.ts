import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { lockDataFolder } from '../../db/lock';
import { DB_FILE } from '../../db/open';
import { isSecretColumn, withoutSecretRows } from '../../db/private-data';
import type { UsersTable } from '../../db/schema';
import { isChannelName, KeelError, type ApiError } from '../../shared/contract/index';
import { isRecoveryChannel, recoveryContract, RECOVERY_PAGE_SIZE, type RecoveryBackup, type RecoveryChannel, type RecoveryRows, type RecoveryTable } from '../../shared/contract/recovery';
import { ROLE_LABELS, roleHas, type Role } from '../../shared/domain/permissions';
import { BACKUP_DIR, newestVerifiedBackup, type ListedBackup } from './backups';
import { RECORD_TABLES } from './backup-service';
import { verifyPassword } from './password';
import { noSuchChannel, parseInput, type CallOutcome, type CallRequest } from './router';
import { SessionStore } from './session';
import { SignInThrottle } from './throttle';

/** Where the recovery screen writes its audit trail while the database cannot take one. */
export const RECOVERY_LOG = 'recovery-audit.log';
/** A recovery session ends after this long without use (the shared PC's idle lock). */
const IDLE_MINUTES = 5;
const WRONG_CREDENTIALS = 'The username or password is not right. Check Caps Lock and try again.';

/** One line of the recovery audit trail, copied into the restored database's audit log. */
export interface RecoveryLogEntry {
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  kind: 'read-phi' | 'admin' | 'write';
  outcome: 'ok' | 'failed';
  detail?: Record<string, unknown>;
}

/** What a recovery sign-in reads of an account, straight from SQLite. */
type Account = Pick<UsersTable, 'id' | 'username' | 'full_name' | 'role' | 'password_hash' | 'active' | 'locked_until'>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const reasonOf = (error: unknown) => (error as Error).message;

/**
 * A data folder whose database is damaged, held for the recovery screen: the
 * folder is locked (no second Keel), the database is only ever opened
 * read-only, and every look is written to a side log in the folder.
 */
export class DamagedFolder {
  readonly dir: string;
  readonly file: string;
  readonly problem: string;
  readonly logFile: string;
  #sqlite: Database.Database | null = null;
  #release: (() => void) | null;

  constructor(dir: string, problem: string) {
    this.dir = path.resolve(dir);
    this.file = path.join(this.dir, DB_FILE);
    this.problem = problem;
    this.logFile = path.join(this.dir, RECOVERY_LOG);
    this.#release = lockDataFolder(this.dir);
  }

  /** The newest verified backup in the data folder's backup folder (never a safety copy). */
  newestBackup(): ListedBackup | null {
    return newestVerifiedBackup(path.join(this.dir, BACKUP_DIR));
  }

  describeBackup(backup: ListedBackup): RecoveryBackup {
    const manifest = backup.manifest!;
    return {
      name: backup.name,
      takenAt: manifest.takenAt,
      keelVersion: manifest.keelVersion,
      bytes: backup.bytes,
      records: Object.fromEntries(Object.entries(RECORD_TABLES).map(([table, label]) => [label, manifest.counts[table] ?? 0])),
    };
  }

  #open(): Database.Database {
    if (!this.#sqlite) {
      try {
        this.#sqlite = new Database(this.file, { readonly: true, fileMustExist: true });
      } catch (error) {
        throw new KeelError('damaged', `The damaged database cannot be opened even read-only (${reasonOf(error)}). Restore the newest verified backup.`);
      }
    }
    return this.#sqlite;
  }

  /** The account to check a recovery sign-in against: the damaged database's, else the newest backup's. */
  findAccount(username: string): { account: Account | undefined; source: 'database' | 'backup' } {
    const sql = 'select id, username, full_name, role, password_hash, active, locked_until from users where username = ?';
    try {
      return { account: this.#open().prepare(sql).get(username) as Account | undefined, source: 'database' };
    } catch {
      // The accounts themselves are damaged: the newest verified backup knows the same people.
    }
    const newest = this.newestBackup();
    if (!newest) throw new KeelError('unauthenticated', 'The accounts in the damaged database cannot be read and there is no verified backup to check them against, so no one can sign in here. Ask whoever looks after the computer to run keel restore with a backup file.');
    const backup = new Database(newest.file, { readonly: true, fileMustExist: true });
    try {
      return { account: backup.prepare(sql).get(username) as Account | undefined, source: 'backup' };
    } finally {
      backup.close();
    }
  }

  #tableNames(): string[] {
    try {
      return this.#open().prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
    } catch (error) {
      if (error instanceof KeelError) throw error;
      throw new KeelError('damaged', `The list of tables cannot be read (${reasonOf(error)}): the damage is in the database's own catalog. Restore the newest verified backup.`);
    }
  }

  /** Every table with its row count, or why it cannot be read. */
  tables(): RecoveryTable[] {
    const sqlite = this.#open();
    return this.#tableNames().map((name) => {
      try {
        // The table itself, not a smaller index that may still be whole.
        return { name, rows: sqlite.prepare(`select count(*) from ${quote(name)} not indexed`).pluck().get() as number, problem: null };
      } catch (error) {
        return { name, rows: null, problem: `Cannot be read: ${reasonOf(error)}` };
      }
    });
  }

  /** One page of one table; reading stops at damage and says so. */
  rows(table: string, offset: number): RecoveryRows {
    if (!this.#tableNames().includes(table)) throw new KeelError('not_found', `There is no table named “${table.slice(0, 64)}” in this database.`);
    const sqlite = this.#open();
    let statement: Database.Statement;
    try {
      statement = sqlite.prepare(`select * from ${quote(table)}${withoutSecretRows(table).where} limit ? offset ?`);
    } catch (error) {
      return { table, columns: [], rows: [], offset, more: false, problem: `This table cannot be read: ${reasonOf(error)}` };
    }
    const all = statement.columns().map((c) => c.name);
    const shown = all.map((name, i) => [name, i] as const).filter(([name]) => !isSecretColumn(name)); // never shown, even to a manager
    const rows: Array<Array<string | null>> = [];
    let problem: string | null = null;
    let more = false;
    try {
      for (const row of statement.raw().iterate(...withoutSecretRows(table).params, RECOVERY_PAGE_SIZE + 1, offset) as Iterable<unknown[]>) {
        if (rows.length === RECOVERY_PAGE_SIZE) {
          more = true;
          break;
        }
        rows.push(shown.map(([, i]) => cell(row[i])));
      }
    } catch (error) {
      problem = `Reading stopped after ${offset + rows.length} rows: ${reasonOf(error)}`;
    }
    return { table, columns: shown.map(([name]) => name), rows, offset, more, problem };
  }

  /** Appends one entry to the side audit log, flushed before the answer goes out. */
  log(entry: RecoveryLogEntry): void {
    const fd = fs.openSync(this.logFile, 'a');
    try {
      fs.writeSync(fd, `${JSON.stringify(entry)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Takes the folder again after a restore that failed. */
  hold(): void {
    this.#release ??= lockDataFolder(this.dir);
  }

  /** Lets go of the database and the folder (before a restore takes the folder, or on quit). */
  close(): void {
    if (this.#sqlite?.open) this.#sqlite.close();
    this.#sqlite = null;
    this.#release?.();
    this.#release = null;
  }
}

function cell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return `(${value.length} bytes of binary data)`;
  return String(value);
}

/** Reads back the side audit log (a torn last line from a crash is skipped). */
export function readRecoveryLog(file: string): RecoveryLogEntry[] {
  if (!fs.existsSync(file)) return [];
  const out: RecoveryLogEntry[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as RecoveryLogEntry);
    } catch {
      // An unfinished line: the entry was never acknowledged.
    }
  }
  return out;
}

interface RecoveryUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
}

export interface RecoveryRouterOptions {
  now: () => Date;
  /** Hashes the made-up password checked for unknown usernames (so they answer as slowly). */
  hash: (password: string) => Promise<string>;
  sleep: (ms: number) => Promise<void>;
  logError: (error: unknown, context: string) => void;
  /** Puts the named backup in place and reopens Keel normally; returns the safety copy's path. */
  restore: (backup: ListedBackup, by: RecoveryUser) => Promise<{ safetyCopy: string | null }>;
}

function failure(code: ApiError['code'], message: string): CallOutcome {
  return { result: { ok: false, error: { code, message } } };
}

/**
 * The router while the database is damaged: the recovery channels only, for
 * managers (checked against the damaged database's accounts, or the newest
 * backup's when those cannot be read). Every other channel answers `damaged`.
 */
export function createRecoveryRouter(folder: DamagedFolder, options: RecoveryRouterOptions) {
  const sessions = new SessionStore(() => options.now().getTime());
  const throttle = new SignInThrottle(() => options.now().getTime());
  let dummy: Promise<string> | null = null;

  async function call(request: CallRequest): Promise<CallOutcome> {
    const name = String(request.channel);
    if (!isRecoveryChannel(name)) {
      if (isChannelName(name)) return failure('damaged', `Keel’s database is damaged, so Keel is showing only its recovery screen. ${folder.problem}`);
      return noSuchChannel(name);
    }
    const spec = recoveryContract[name];
    const parsed = parseInput(spec.input, request.input);
    if ('result' in parsed) return parsed;
    const session = sessions.get(request.token);
    // The person signed in is kept on their session.
    let user = (session?.cached?.user as RecoveryUser | undefined) ?? null;
    if (session && sessions.checkIdle(session, IDLE_MINUTES)) {
      sessions.end(session.token);
      user = null;
    }
    if (spec.access !== 'public') {
      if (!session || !user) return failure('unauthenticated', 'Please sign in as a manager.');
      if (!roleHas(user.role, spec.access)) return failure('forbidden', `Your role (${ROLE_LABELS[user.role]}) is not allowed to do this.`);
    }
    if (session && user) sessions.touch(session);
    try {
      return await handle(name, parsed.data, session?.token ?? null, user);
    } catch (error) {
      if (error instanceof KeelError) return { result: { ok: false, error: error.toApiError() } };
      options.logError(error, `recovery channel ${name}`);
      return failure('internal', 'Something went wrong inside Keel; nothing was changed. Please try again.');
    }
  }

  const logAs = (user: RecoveryUser | null, action: string, kind: RecoveryLogEntry['kind'], outcome: RecoveryLogEntry['outcome'], detail?: Record<string, unknown>) =>
    folder.log({ at: options.now().toISOString(), userId: user?.id ?? null, username: user?.username ?? null, action, kind, outcome, ...(detail ? { detail } : {}) });

  async function handle(name: RecoveryChannel, input: unknown, token: string | null, user: RecoveryUser | null): Promise<CallOutcome> {
    const ok = (value: unknown, session?: CallOutcome['session']): CallOutcome => ({ result: { ok: true, value }, ...(session ? { session } : {}) });
    switch (name) {
      case 'recovery.status': {
        const newest = folder.newestBackup();
        return ok({ problem: folder.problem, dataFolder: folder.dir, newestBackup: newest ? folder.describeBackup(newest) : null, signedIn: user ? { username: user.username, fullName: user.fullName } : null });
      }
      case 'recovery.signIn': {
        const { username, password } = input as { username: string; password: string };
        const { account, source } = folder.findAccount(username);
        dummy ??= options.hash('keel-dummy-password-for-timing');
        const passwordOk = await verifyPassword(password, account?.password_hash ?? (await dummy));
        const refuse = async (reason: string, message: string, who: RecoveryUser | null) => {
          folder.log({ at: options.now().toISOString(), userId: who?.id ?? null, username, action: 'recovery.signIn', kind: 'admin', outcome: 'failed', detail: { reason, accounts: source } });
          await options.sleep(throttle.fail(username));
          return failure('unauthenticated', message);
        };
        if (!account) return refuse('unknown_user', WRONG_CREDENTIALS, null);
        const person: RecoveryUser = { id: account.id, username: account.username, fullName: account.full_name, role: account.role as Role };
        if (account.locked_until !== null && account.locked_until > options.now().toISOString()) return refuse('account_locked', 'This account is locked after too many failed sign-ins. Try again in a quarter of an hour.', person);
        if (!passwordOk) return refuse('wrong_password', WRONG_CREDENTIALS, person);
        if (account.active !== 1) return refuse('deactivated', 'This account has been deactivated.', person);
        throttle.succeed(username);
        if (!roleHas(person.role, 'backups.manage')) {
          logAs(person, 'recovery.signIn', 'admin', 'failed', { reason: 'not_manager', accounts: source });
          return failure('forbidden', `Only the office manager can restore or look at a damaged database; your role is ${ROLE_LABELS[person.role]}. Please ask the office manager.`);
        }
        if (token) sessions.end(token);
        const started = sessions.start(person.id);
        started.cached = { user: person, generation: 0 };
        logAs(person, 'recovery.signIn', 'admin', 'ok', { accounts: source });
        return ok({ username: person.username, fullName: person.fullName }, { start: started.token });
      }
      case 'recovery.signOut':
        if (token) sessions.end(token);
        return ok(null, { end: true });
      case 'recovery.tables': {
        const tables = folder.tables();
        logAs(user, 'recovery.tables', 'read-phi', 'ok');
        return ok(tables);
      }
      case 'recovery.rows': {
        const { table, offset } = input as { table: string; offset: number };
        const page = folder.rows(table, offset);
        logAs(user, 'recovery.rows', 'read-phi', 'ok', { table, offset, rows: page.rows.length });
        return ok(page);
      }
      case 'recovery.restoreNewest': {
        const { name: wanted } = input as { name: string };
        const newest = folder.newestBackup();
        if (!newest) return failure('not_found', 'There is no verified backup in the data folder’s backup folder. Ask whoever looks after the computer to restore one with keel restore FILE.');
        if (newest.name !== wanted) return failure('conflict', `The newest verified backup is now ${newest.name}, not ${wanted}. Look at it again before restoring.`);
        logAs(user, 'recovery.restoreNewest', 'write', 'ok', { from: newest.name });
        try {
          const outcome = await options.restore(newest, user!);
          return ok({ safetyCopy: outcome.safetyCopy ? path.basename(outcome.safetyCopy) : null }, { end: true });
        } catch (error) {
          logAs(user, 'recovery.restoreNewest', 'write', 'failed', { from: newest.name, reason: reasonOf(error) });
          throw error instanceof KeelError ? error : new KeelError('conflict', `The backup was not restored: ${reasonOf(error)} Nothing was changed.`);
        }
      }
    }
  }

  return { call, sessions };
}

export type RecoveryRouter = ReturnType<typeof createRecoveryRouter>;
