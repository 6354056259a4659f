import type { z } from 'zod';
import { appendAudit } from '../../db/audit';
import { findUser } from '../../db/users';
import { contract, isChannelName, KeelError, type ApiError, type ChannelName, type Clinic, type Result } from '../../shared/contract/index';
import { ROLE_LABELS, roleHas, type Role } from '../../shared/domain/permissions';
import type { KeelApp } from './app';
import { allHandlers, type AllHandlers } from './handlers/index';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../shared/domain/sessions';
import { isDiskFull } from '../../db/errors';
import type { AuditNote, ExtraAudit, HandlerContext, SignedInUser } from './handlers/types';
import { issuesFromZod } from '../../shared/contract/issues';
import { HashQueueFull } from './password';
import type { Session } from './session';

export interface CallRequest {
  /** The caller's session token (cookie or window binding), if any. */
  token: string | null;
  channel: string;
  input: unknown;
  /** Where the call came from (one window, one browser): a source that keeps failing sign-ins is slowed. */
  source?: string;
  /** Made by a timer (a screen refreshing itself), not by the person: it does not keep the session awake. */
  background?: boolean;
}

/** A write that could not be saved because the disk is full: said plainly, never as "something went wrong". */
export const DISK_FULL_MESSAGE = 'The disk is full: nothing was saved. Free some space on this computer (or ask whoever looks after it), then try again.';

export interface CallOutcome {
  result: Result<unknown>;
  /** A session started (sign-in, setup) or ended (sign-out) by this call, for the transport. */
  session?: { start: string } | { end: true };
}

/** Channels a person who must choose a new password may still use. */
const ALLOWED_BEFORE_NEW_PASSWORD = new Set<ChannelName>(['auth.me', 'auth.logout', 'auth.lock', 'auth.unlock', 'auth.changePassword', 'clinic.get']);

function failure(code: ApiError['code'], message: string): CallOutcome {
  return { result: { ok: false, error: { code, message } } };
}

function printable(name: string): string {
  const clean = name.replace(/[^\w.-]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

/** The answer to a channel that does not exist (its name made safe to echo). */
export function noSuchChannel(name: unknown): CallOutcome {
  return failure('not_found', `There is no channel named "${printable(String(name))}".`);
}

/** A channel's input checked against its schema: the parsed value, or the invalid_input answer naming the first problems. */
export function parseInput(schema: z.ZodType, input: unknown): { data: unknown } | CallOutcome {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data };
  const issues = issuesFromZod(parsed.error);
  const message = issues
    .slice(0, 3)
    .map((i) => `${i.path || 'input'}: ${i.message}`)
    .join('; ');
  return { result: { ok: false, error: { code: 'invalid_input', message: `Please check: ${message}`, issues } } };
}

interface Authenticated {
  session: Session;
  user: SignedInUser;
}

/** A refusal of a known session: answered, and audited with who it was. */
interface Refused {
  outcome: CallOutcome;
  code: ApiError['code'];
  reason: string;
  userId: string | null;
  username: string | null;
  session: Session | null;
}

const refused = (code: ApiError['code'], message: string, reason: string, session: Session | null, user: { id: string; username: string } | null): Refused => ({
  outcome: failure(code, message),
  code,
  reason,
  userId: user?.id ?? session?.userId ?? null,
  username: user?.username ?? null,
  session,
});

async function authenticate(app: KeelApp, token: string | null): Promise<Authenticated | Refused | CallOutcome> {
  const known = app.sessions.peek(token);
  // An unknown or missing token is not audited: anyone can send those, as many as they like.
  if (!known) return failure('unauthenticated', 'Please sign in.');
  if (app.sessions.expired(known)) {
    app.sessions.end(known.token);
    return refused('unauthenticated', 'You have been signed in for a whole working day: please sign in again.', 'session_expired', known, null);
  }
  const session = known;
  // Any committed write may have changed the person (role, deactivation): read them again after one.
  if (session.cached && session.cached.generation === app.writes.generation) return { session, user: session.cached.user as SignedInUser };
  const generation = app.writes.generation;
  const row = await findUser(app.db, session.userId);
  if (!row || row.active !== 1) {
    app.sessions.end(session.token);
    return refused('unauthenticated', 'Your session has ended. Please sign in again.', 'account_deactivated', session, row ? { id: row.id, username: row.username } : null);
  }
  const user: SignedInUser = {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role as Role,
    mustChangePassword: row.must_change_password === 1,
  };
  session.cached = { user, generation };
  return { session, user };
}

/** What the router knows about a call once it is let in, before its input is read. */
export interface Admitted {
  name: ChannelName;
  session: Session | null;
  user: SignedInUser | null;
  clinic: Clinic | undefined;
}

/** A refusal of the same kind to the same session is audited once a minute, not on every retry. */
const REFUSAL_AUDIT_EVERY_MS = 60_000;

/**
 * The only way in: session → permission (before the input is even parsed, so
 * nobody signed out can make Keel work) → validate input → handler (in a
 * transaction when audited) → audit row in that same transaction → result.
 * Refusals of a known session (expired, locked, forbidden) are audited too.
 */
export function createRouter(app: KeelApp, handlers: AllHandlers = allHandlers) {
  const refusalAudited = new WeakMap<Session, Map<string, number>>();

  async function auditRefusal(name: string, refusal: Refused): Promise<void> {
    const at = app.now();
    if (refusal.session) {
      const seen = refusalAudited.get(refusal.session) ?? new Map<string, number>();
      refusalAudited.set(refusal.session, seen);
      const key = `${name}|${refusal.code}|${refusal.reason}`;
      const last = seen.get(key);
      if (last !== undefined && at.getTime() - last < REFUSAL_AUDIT_EVERY_MS) return;
      seen.set(key, at.getTime());
    }
    try {
      await appendAudit(app.db, { id: app.newId(), at: at.toISOString(), userId: refusal.userId, username: refusal.username, action: name, kind: 'refused', outcome: 'failed', detail: { refused: refusal.code, reason: refusal.reason } });
    } catch (error) {
      // The refusal stands even when it cannot be written down (a full disk).
      app.logError(error, `auditing a refused call to ${name}`);
    }
  }

  async function refuse(name: string, refusal: Refused): Promise<CallOutcome> {
    await auditRefusal(name, refusal);
    return refusal.outcome;
  }

  /**
   * Everything that can be decided before the input is read: the channel, the
   * session and the permission. The web host asks this before it reads a body.
   */
  async function admit(request: Pick<CallRequest, 'token' | 'channel'>): Promise<Admitted | CallOutcome> {
    if (typeof request.channel !== 'string' || !isChannelName(request.channel)) return noSuchChannel(request.channel);
    const name = request.channel;
    const spec = contract[name];
    const clinic = await app.clinic();
    if (spec.access === 'public') return { name, session: null, user: null, clinic };
    const auth = await authenticate(app, request.token);
    if ('result' in auth) return auth;
    if ('outcome' in auth) return refuse(name, auth);
    const { session, user } = auth;
    const idleMinutes = clinic?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
    if (app.sessions.checkIdle(session, idleMinutes) && !spec.whileLocked) {
      return refuse(name, refused('locked', 'Keel is locked. Enter your password to continue.', 'session_locked', session, user));
    }
    if (!roleHas(user.role, spec.access)) {
      return refuse(name, refused('forbidden', `Your role (${ROLE_LABELS[user.role]}) is not allowed to do this.`, 'role', session, user));
    }
    if (user.mustChangePassword && !ALLOWED_BEFORE_NEW_PASSWORD.has(name)) {
      return refuse(name, refused('forbidden', 'Please choose your own password first.', 'must_change_password', session, user));
    }
    return { name, session, user, clinic };
  }

  async function call(request: CallRequest): Promise<CallOutcome> {
    const admitted = await admit(request);
    if ('result' in admitted) return admitted;
    const { name, session, user, clinic } = admitted;
    const spec = contract[name];
    const parsed = parseInput(spec.input, request.input);
    if ('result' in parsed) return parsed;
    // A screen refreshing itself is not the person at the desk: it must not hold the idle lock off.
    if (session && !spec.whileLocked && request.background !== true) app.sessions.touch(session);
    return runHandler(name, parsed.data, { session, user, clinic, source: request.source ?? 'local', token: request.token });
  }

  async function runHandler(
    name: ChannelName,
    input: unknown,
    caller: { session: Session | null; user: SignedInUser | null; clinic: Clinic | undefined; source: string; token: string | null },
  ): Promise<CallOutcome> {
    const { session, user, clinic, source } = caller;
    const spec = contract[name];
    const entry = handlers[name] as unknown as
      | ((input: unknown, ctx: HandlerContext) => Promise<unknown>)
      | { prepare: (input: unknown, ctx: unknown) => Promise<unknown>; run: (input: unknown, ctx: HandlerContext, prepared: unknown) => Promise<unknown> };
    const afterCommit: Array<() => void> = [];
    const afterAnswer: Array<() => void> = [];
    const extraAudit: ExtraAudit[] = [];
    const audit: AuditNote = {};
    let refusal: { error: KeelError; delayMs: number } | null = null;
    let sessionChange: CallOutcome['session'];
    const now = app.now().toISOString();

    try {
      const prepared = typeof entry === 'function' ? undefined : await entry.prepare(input, { app, db: app.db, user, source, afterAnswer: (fn: () => void) => afterAnswer.push(fn) });
      const selfTransacting = spec.selfTransacting === true;
      let committed = false;
      const writeAudit = async (db: HandlerContext['db']) => {
        if (spec.audit === 'none') return;
        const who = { userId: audit.userId ?? user?.id ?? null, username: audit.username ?? user?.username ?? null };
        await appendAudit(db, {
          id: app.newId(),
          at: now,
          ...who,
          action: name,
          kind: spec.audit,
          outcome: refusal ? 'failed' : 'ok',
          targetId: audit.targetId ?? null,
          patientId: audit.patientId ?? null,
          detail: audit.detail,
        });
        for (const extra of extraAudit) {
          await appendAudit(db, {
            id: app.newId(),
            at: now,
            userId: extra.userId === undefined ? who.userId : extra.userId,
            username: extra.username === undefined ? who.username : extra.username,
            action: extra.action,
            kind: spec.audit,
            outcome: extra.outcome,
            targetId: extra.targetId ?? null,
            patientId: extra.patientId ?? null,
            detail: extra.detail,
          });
        }
      };
      const execute = async (db: HandlerContext['db']) => {
        const ctx: HandlerContext = {
          app,
          db,
          user,
          session,
          now,
          clinic,
          source,
          audit,
          auditAlso: (e) => extraAudit.push(e),
          afterCommit: (fn) => afterCommit.push(fn),
          afterAnswer: (fn) => afterAnswer.push(fn),
          startSession: (userId) =>
            afterCommit.push(() => {
              // Signing in again replaces the session this caller held: the old token stops working.
              if (caller.token) app.sessions.end(caller.token);
              sessionChange = { start: app.sessions.start(userId).token };
            }),
          endSession: () =>
            afterCommit.push(() => {
              if (session) app.sessions.end(session.token);
              sessionChange = { end: true };
            }),
          refuse: (error, delayMs = 0) => {
            refusal = { error, delayMs };
            return undefined as never;
          },
          commit: async (work, options) => {
            if (!selfTransacting || committed) throw new Error(`ctx.commit used twice or outside a self-transacting channel (${name})`);
            committed = true;
            const inTransaction = async (trx: HandlerContext['db']) => {
              const result = await work(trx);
              await writeAudit(trx);
              return result;
            };
            // Off the main thread: the same work and audit row, in one transaction on a worker's connection.
            return options?.offMainThread ? app.database.transactionInWorker(inTransaction) : app.db.transaction().execute(inTransaction);
          },
        };
        const value = typeof entry === 'function' ? await entry(input, ctx) : await entry.run(input, ctx, prepared);
        if (!selfTransacting) await writeAudit(db);
        return value;
      };
      const value = spec.audit === 'none' || selfTransacting ? await execute(app.db) : await app.db.transaction().execute(execute);
      if (spec.audit !== 'none') app.writes.generation++;
      for (const fn of afterCommit) fn();
      const refused = refusal as { error: KeelError; delayMs: number } | null;
      if (refused) {
        if (refused.delayMs > 0) await app.sleep(refused.delayMs);
        return { result: { ok: false, error: refused.error.toApiError() }, ...(sessionChange ? { session: sessionChange } : {}) };
      }
      return { result: { ok: true, value: value ?? null }, ...(sessionChange ? { session: sessionChange } : {}) };
    } catch (error) {
      if (error instanceof KeelError) return { result: { ok: false, error: error.toApiError() } };
      if (error instanceof HashQueueFull) return failure('conflict', 'Keel is busy checking other sign-ins. Wait a few seconds and try again.');
      const constraint = constraintConflict(error);
      if (constraint) return { result: { ok: false, error: constraint } };
      if (isDiskFull(error)) {
        app.logError(error, `channel ${name}: the disk is full`);
        return failure('internal', DISK_FULL_MESSAGE);
      }
      app.logError(error, `channel ${name}`);
      return failure('internal', 'Something went wrong inside Keel; nothing was changed. Please try again, and tell the office manager if it keeps happening.');
    } finally {
      for (const fn of afterAnswer) fn();
    }
  }

  return { call, admit };
}

export type Router = ReturnType<typeof createRouter>;

/** A uniqueness race lost inside the database still gets a typed, plain answer. */
function constraintConflict(error: unknown): ApiError | null {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return { code: 'conflict', message: 'That already exists; someone may have just saved the same thing. Refresh and try again.' };
  }
  return null;
}
