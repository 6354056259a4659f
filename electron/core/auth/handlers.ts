import { unknownNameHash } from '../../../db/audit';
import { type UserRow, findUser, findUserByUsername, updateUser } from '../../../db/users';
import type { authContract } from '../../../shared/contract/auth';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { Role } from '../../../shared/domain/permissions';
import { LOCKOUT_FAILURES, LOCKOUT_MINUTES } from '../../../shared/domain/sessions';
import type { KeelApp } from '../app';
import { clinicClock, describeMe } from '../handlers/me';
import { type HandlerContext, type HandlersFor, type PrepareContext, twoPhase } from '../handlers/types';

export { LOCKOUT_FAILURES, LOCKOUT_MINUTES };

/**
 * One answer for an unknown name, a wrong password and a locked account, so the
 * answer never tells which names exist (only real accounts can be locked).
 */
export const WRONG_CREDENTIALS = 'The username or password is not right, or the account is locked for a while after too many tries. Check Caps Lock and try again, or ask the office manager.';

const BUSY = 'Keel is busy checking other sign-ins. Wait a few seconds and try again.';

const dummyHashes = new WeakMap<KeelApp, Promise<string>>();

/** Checking a made-up hash for unknown usernames keeps their answer as slow as a real one. */
function dummyHash(app: KeelApp): Promise<string> {
  let hash = dummyHashes.get(app);
  if (!hash) {
    hash = app.hash('keel-dummy-password-for-timing');
    dummyHashes.set(app, hash);
  }
  return hash;
}

function meUser(row: UserRow) {
  return { id: row.id, username: row.username, fullName: row.full_name, role: row.role as Role, mustChangePassword: row.must_change_password === 1 };
}

function lockedMessage(ctx: HandlerContext, until: string): string {
  const time = clinicClock(ctx.clinic, new Date(until));
  return `This account is locked after too many wrong passwords. Try again after ${time}, or ask the office manager to unlock it.`;
}

/** Counts a wrong password against an account; locks it at the tenth. Returns the lock time if it locked. */
async function countFailure(ctx: HandlerContext, row: UserRow): Promise<string | null> {
  const failures = row.failed_logins + 1;
  if (failures >= LOCKOUT_FAILURES) {
    const until = new Date(Date.parse(ctx.now) + LOCKOUT_MINUTES * 60_000).toISOString();
    await updateUser(ctx.db, row.id, { failed_logins: 0, locked_until: until, updated_at: ctx.now });
    ctx.auditAlso({ action: 'auth.account_locked', outcome: 'ok', userId: row.id, username: row.username, targetId: row.id, detail: { failures, until } });
    return until;
  }
  await updateUser(ctx.db, row.id, { failed_logins: failures, updated_at: ctx.now });
  return null;
}

/**
 * The password work of a sign-in, unlock or password change: waits for the
 * caller's source's turn (a source that keeps failing gets one at a time),
 * then checks the password in the bounded hash queue, its source's recent
 * failures deciding its place in line.
 */
async function checkPassword(ctx: PrepareContext, password: string, stored: Promise<string>): Promise<boolean> {
  const endTurn = await ctx.app.throttle.turn(ctx.source);
  if (!endTurn) throw new KeelError('conflict', BUSY);
  ctx.afterAnswer(endTurn);
  return ctx.app.verify(password, await stored, ctx.app.throttle.failuresOf(ctx.source));
}

export const authHandlers: HandlersFor<typeof authContract> = {
  'auth.login': twoPhase<'auth.login', { passwordOk: boolean }>(
    async (input, ctx) => {
      const row = await findUserByUsername(ctx.app.db, input.username);
      return { passwordOk: await checkPassword(ctx, input.password, row ? Promise.resolve(row.password_hash) : dummyHash(ctx.app)) };
    },
    async (input, ctx, { passwordOk }) => {
      const { app } = ctx;
      const row = await findUserByUsername(ctx.db, input.username);
      const wrong = new KeelError('unauthenticated', WRONG_CREDENTIALS);
      if (!row) {
        ctx.audit.detail = { reason: 'unknown_user', nameHash: unknownNameHash(await ctx.app.auditNameKey(), input.username) };
        return ctx.refuse(wrong, app.throttle.fail(input.username, ctx.source));
      }
      ctx.audit.username = row.username;
      ctx.audit.userId = row.id;
      ctx.audit.targetId = row.id;
      if (row.locked_until !== null && row.locked_until > ctx.now) {
        ctx.audit.detail = { reason: 'account_locked' };
        return ctx.refuse(wrong, app.throttle.fail(input.username, ctx.source));
      }
      if (!passwordOk) {
        ctx.audit.detail = { reason: 'wrong_password' };
        await countFailure(ctx, row);
        return ctx.refuse(wrong, app.throttle.fail(input.username, ctx.source));
      }
      if (row.active !== 1) {
        ctx.audit.detail = { reason: 'deactivated' };
        return ctx.refuse(new KeelError('unauthenticated', 'This account has been deactivated. Ask the office manager if you need access again.'));
      }
      await updateUser(ctx.db, row.id, { failed_logins: 0, locked_until: null, last_login_at: ctx.now, updated_at: ctx.now });
      app.throttle.succeed(input.username);
      ctx.startSession(row.id);
      return describeMe(meUser(row), false, ctx.clinic);
    },
  ),

  'auth.logout': async (_input, ctx) => {
    ctx.endSession();
    return null;
  },

  'auth.me': async (_input, ctx) => describeMe(ctx.user!, ctx.session!.locked, ctx.clinic),

  'auth.lock': async (_input, ctx) => {
    const session = ctx.session!;
    ctx.afterCommit(() => {
      ctx.app.sessions.lock(session);
      ctx.app.events.emit('session.locked', { reason: 'manual' }, session.token);
    });
    return null;
  },

  'auth.unlock': twoPhase<'auth.unlock', { passwordOk: boolean }>(
    async (input, ctx) => {
      const row = await findUser(ctx.app.db, ctx.user!.id);
      return { passwordOk: row !== undefined && (await checkPassword(ctx, input.password, Promise.resolve(row.password_hash))) };
    },
    async (_input, ctx, { passwordOk }) => {
      const row = await findUser(ctx.db, ctx.user!.id);
      if (!row) throw new KeelError('unauthenticated', 'Your session has ended. Please sign in again.');
      // An open session is not a place to try passwords: unlock only answers when locked.
      if (!ctx.session!.locked) return describeMe(meUser(row), false, ctx.clinic);
      if (!passwordOk) {
        ctx.audit.detail = { reason: 'wrong_password' };
        const lockedUntil = await countFailure(ctx, row);
        const delay = ctx.app.throttle.fail(row.username, ctx.source);
        if (lockedUntil) {
          ctx.endSession();
          return ctx.refuse(new KeelError('unauthenticated', lockedMessage(ctx, lockedUntil)), delay);
        }
        return ctx.refuse(fieldError('password', 'That password is not right.'), delay);
      }
      await updateUser(ctx.db, row.id, { failed_logins: 0, updated_at: ctx.now });
      const session = ctx.session!;
      ctx.afterCommit(() => ctx.app.sessions.unlock(session));
      return describeMe(meUser(row), false, ctx.clinic);
    },
  ),

  'auth.changePassword': twoPhase<'auth.changePassword', { currentOk: boolean; newHash: string }>(
    async (input, ctx) => {
      const row = await findUser(ctx.app.db, ctx.user!.id);
      const currentOk = row !== undefined && (await checkPassword(ctx, input.currentPassword, Promise.resolve(row.password_hash)));
      return { currentOk, newHash: currentOk ? await ctx.app.hash(input.newPassword) : '' };
    },
    async (input, ctx, { currentOk, newHash }) => {
      const user = ctx.user!;
      ctx.audit.targetId = user.id;
      if (!currentOk) {
        // A wrong current password is a guess like a failed sign-in: counted, slowed, locked at the tenth, audited.
        const row = await findUser(ctx.db, user.id);
        if (!row) throw new KeelError('unauthenticated', 'Your session has ended. Please sign in again.');
        ctx.audit.detail = { reason: 'wrong_password' };
        const lockedUntil = await countFailure(ctx, row);
        const delay = ctx.app.throttle.fail(row.username, ctx.source);
        if (lockedUntil) {
          ctx.endSession();
          return ctx.refuse(new KeelError('unauthenticated', lockedMessage(ctx, lockedUntil)), delay);
        }
        return ctx.refuse(fieldError('currentPassword', 'That is not your current password.'), delay);
      }
      if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'Choose a password different from the current one.');
      await updateUser(ctx.db, user.id, { password_hash: newHash, must_change_password: 0, failed_logins: 0, password_changed_at: ctx.now, updated_at: ctx.now });
      ctx.app.throttle.succeed(user.username);
      const token = ctx.session!.token;
      // Other windows signed in as this person must sign in again with the new password.
      ctx.afterCommit(() => ctx.app.sessions.endAllOf(user.id, token));
      return null;
    },
  ),
};
