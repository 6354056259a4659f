import type { z } from 'zod';
import { appendAudit } from '../../db/audit';
import { findUser } from '../../db/users';
import { contract, isChannelName, KeelError, type ApiError, type ChannelName, type Clinic, type Result } from '../../shared/contract/index';
import { ROLE_LABELS, roleHas, type Role } from '../../shared/domain/permissions';
import type { KeelApp } from './app';
import { allHandlers, type AllHandlers } from './handlers/index';
import { DEFAULT_IDLE_LOCK_MINUTES } from './handlers/me';
import type { AuditNote, ExtraAudit, HandlerContext, SignedInUser } from './handlers/types';
import { issuesFromZod } from '../../shared/contract/issues';
import type { Session } from './session';

export interface CallRequest {
  /** The caller's session token (cookie or window binding), if any. */
  token: string | null;
  channel: string;
  input: unknown;
}

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

async function authenticate(app: KeelApp, token: string | null): Promise<Authenticated | CallOutcome> {
  const session = app.sessions.get(token);
  if (!session) return failure('unauthenticated', 'Please sign in.');
  // Any committed write may have changed the person (role, deactivation): read them again after one.
  if (session.cached && session.cached.generation === app.writes.generation) return { session, user: session.cached.user as SignedInUser };
  const generation = app.writes.generation;
  const row = await findUser(app.db, session.userId);
  if (!row || row.active !== 1) {
    app.sessions.end(session.token);
    return failure('unauthenticated', 'Your session has ended. Please sign in again.');
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

/**
 * The only way in: validate input → session → permission → handler (in a
 * transaction when audited) → audit row in that same transaction → result.
 */
export function createRouter(app: KeelApp, handlers: AllHandlers = allHandlers) {
  async function call(request: CallRequest): Promise<CallOutcome> {
    if (typeof request.channel !== 'string' || !isChannelName(request.channel)) return noSuchChannel(request.channel);
    const name = request.channel;
    const spec = contract[name];
    const parsed = parseInput(spec.input, request.input);
    if ('result' in parsed) return parsed;

    let session: Session | null = null;
    let user: SignedInUser | null = null;
    const clinic = await app.clinic();
    if (spec.access !== 'public') {
      const auth = await authenticate(app, request.token);
      if ('result' in auth) return auth;
      ({ session, user } = auth);
      const idleMinutes = clinic?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
      if (app.sessions.checkIdle(session, idleMinutes) && !spec.whileLocked) {
        return failure('locked', 'Keel is locked. Enter your password to continue.');
      }
      if (!roleHas(user.role, spec.access)) {
        return failure('forbidden', `Your role (${ROLE_LABELS[user.role]}) is not allowed to do this.`);
      }
      if (user.mustChangePassword && !ALLOWED_BEFORE_NEW_PASSWORD.has(name)) {
        return failure('forbidden', 'Please choose your own password first.');
      }
      if (!spec.whileLocked) app.sessions.touch(session);
    }

    return runHandler(name, parsed.data, session, user, clinic);
  }

  async function runHandler(name: ChannelName, input: unknown, session: Session | null, user: SignedInUser | null, clinic: Clinic | undefined): Promise<CallOutcome> {
    const spec = contract[name];
    const entry = handlers[name] as unknown as
      | ((input: unknown, ctx: HandlerContext) => Promise<unknown>)
      | { prepare: (input: unknown, ctx: unknown) => Promise<unknown>; run: (input: unknown, ctx: HandlerContext, prepared: unknown) => Promise<unknown> };
    const afterCommit: Array<() => void> = [];
    const extraAudit: ExtraAudit[] = [];
    const audit: AuditNote = {};
    let refusal: { error: KeelError; delayMs: number } | null = null;
    let sessionChange: CallOutcome['session'];
    const now = app.now().toISOString();

    try {
      const prepared = typeof entry === 'function' ? undefined : await entry.prepare(input, { app, db: app.db, user });
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
          audit,
          auditAlso: (e) => extraAudit.push(e),
          afterCommit: (fn) => afterCommit.push(fn),
          startSession: (userId) =>
            afterCommit.push(() => {
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
          commit: async (work) => {
            if (!selfTransacting || committed) throw new Error(`ctx.commit used twice or outside a self-transacting channel (${name})`);
            committed = true;
            return app.db.transaction().execute(async (trx) => {
              const result = await work(trx);
              await writeAudit(trx);
              return result;
            });
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
      const constraint = constraintConflict(error);
      if (constraint) return { result: { ok: false, error: constraint } };
      app.logError(error, `channel ${name}`);
      return failure('internal', 'Something went wrong inside Keel; nothing was changed. Please try again, and tell the office manager if it keeps happening.');
    }
  }

  return { call };
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
