import { type UserPatch, countActiveManagers, findUser, findUserByUsername, insertUser, listUsers, updateUser, userToSummary } from '../../../db/users';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { usersContract } from '../../../shared/contract/users';
import { type HandlersFor, twoPhase } from '../handlers/types';

const NEEDS_A_MANAGER = 'Keel needs at least one active office manager. Make someone else a manager first.';

export const usersHandlers: HandlersFor<typeof usersContract> = {
  'users.list': async (_input, ctx) => (await listUsers(ctx.db)).map(userToSummary),

  'users.create': twoPhase<'users.create', string>(
    (input, { app }) => app.hash(input.password),
    async (input, ctx, passwordHash) => {
      const existing = await findUserByUsername(ctx.db, input.username);
      if (existing) {
        throw new KeelError('conflict', `The username "${input.username}" is already taken by ${existing.full_name}. Choose another.`, [
          { path: 'username', message: 'Already taken' },
        ]);
      }
      const row = await insertUser(ctx.db, {
        id: ctx.app.newId(),
        username: input.username,
        fullName: input.fullName,
        role: input.role,
        passwordHash,
        mustChangePassword: true,
        now: ctx.now,
      });
      ctx.audit.targetId = row.id;
      ctx.audit.detail = { username: row.username, role: row.role };
      return userToSummary(row);
    },
  ),

  'users.update': twoPhase<'users.update', string | null>(
    async (input, { app }) => (input.resetPassword === undefined ? null : app.hash(input.resetPassword)),
    async (input, ctx, newHash) => {
      const row = await findUser(ctx.db, input.id);
      if (!row) throw new KeelError('not_found', 'That user account does not exist.');
      const self = row.id === ctx.user!.id;
      // A reset skips the current password; for one's own account that would let anyone at an unlocked PC take it over.
      if (self && newHash !== null) throw fieldError('resetPassword', 'To change your own password, use Change password: it asks for your current one.');
      const patch: UserPatch = {};
      const changed: string[] = [];

      if (input.fullName !== undefined && input.fullName !== row.full_name) {
        patch.full_name = input.fullName;
        changed.push('fullName');
      }
      if (input.role !== undefined && input.role !== row.role) {
        patch.role = input.role;
        changed.push('role');
      }
      if (input.active !== undefined && (input.active ? 1 : 0) !== row.active) {
        if (self && !input.active) throw fieldError('active', 'You cannot deactivate your own account.');
        patch.active = input.active ? 1 : 0;
        patch.deactivated_at = input.active ? null : ctx.now;
        changed.push(input.active ? 'reactivated' : 'deactivated');
      }
      const losesManager = row.role === 'manager' && row.active === 1 && ((patch.role !== undefined && patch.role !== 'manager') || patch.active === 0);
      if (losesManager && (await countActiveManagers(ctx.db)) <= 1) throw new KeelError('conflict', NEEDS_A_MANAGER);

      if (newHash !== null) {
        patch.password_hash = newHash;
        patch.must_change_password = 1;
        patch.failed_logins = 0;
        patch.locked_until = null;
        patch.password_changed_at = ctx.now;
        changed.push('passwordReset');
      }
      if (changed.length > 0) await updateUser(ctx.db, row.id, { ...patch, updated_at: ctx.now });

      ctx.audit.targetId = row.id;
      ctx.audit.detail = { changed, ...(patch.role ? { role: { from: row.role, to: patch.role } } : {}) };
      if (patch.active === 0 || newHash !== null) {
        const token = ctx.session!.token;
        ctx.afterCommit(() => ctx.app.sessions.endAllOf(row.id, token));
      }
      const updated = await findUser(ctx.db, row.id);
      return userToSummary(updated!);
    },
  ),
};
