import { clinicExists, getClinic, insertClinic } from '../../../db/clinic';
import { DEMO_ACCOUNTS } from '../../../db/demo/accounts';
import { demoDay, seedDemoClinic } from '../../../db/demo/index';
import { countUsers, insertUser, updateUser } from '../../../db/users';
import { KeelError } from '../../../shared/contract/index';
import type { setupContract } from '../../../shared/contract/setup';
import { describeMe } from '../handlers/me';
import { type HandlerContext, type HandlersFor, twoPhase } from '../handlers/types';

async function refuseIfSetUp(ctx: Pick<HandlerContext, 'db'>): Promise<void> {
  if ((await clinicExists(ctx.db)) || (await countUsers(ctx.db)) > 0) {
    throw new KeelError('conflict', 'This data folder already holds a clinic. Sign in instead.');
  }
}

export const setupHandlers: HandlersFor<typeof setupContract> = {
  'setup.status': async (_input, ctx) => {
    const clinic = await getClinic(ctx.db);
    return { needsSetup: clinic === undefined, clinicName: clinic?.name ?? null };
  },

  'setup.createClinic': twoPhase<'setup.createClinic', string>(
    (input, { app }) => app.hash(input.manager.password),
    async (input, ctx, passwordHash) => {
      await refuseIfSetUp(ctx);
      await insertClinic(ctx.db, ctx.app.newId(), input.clinic, ctx.now);
      const manager = await insertUser(ctx.db, {
        id: ctx.app.newId(),
        username: input.manager.username,
        fullName: input.manager.fullName,
        role: 'manager',
        passwordHash,
        mustChangePassword: false,
        now: ctx.now,
      });
      await updateUser(ctx.db, manager.id, { last_login_at: ctx.now, updated_at: ctx.now });
      ctx.audit.userId = manager.id;
      ctx.audit.username = manager.username;
      ctx.audit.detail = { clinic: input.clinic.name };
      ctx.afterCommit(() => ctx.app.refreshClinic());
      ctx.startSession(manager.id);
      return describeMe({ id: manager.id, username: manager.username, fullName: manager.full_name, role: 'manager', mustChangePassword: false }, false, input.clinic);
    },
  ),

  'setup.createDemo': twoPhase<'setup.createDemo', Record<string, string>>(
    async (_input, { app }) => {
      const hashes: Record<string, string> = {};
      for (const account of DEMO_ACCOUNTS) hashes[account.username] = await app.hash(account.password);
      return hashes;
    },
    async (_input, ctx, hashes) => {
      await refuseIfSetUp(ctx);
      const { today, nowTime } = demoDay(new Date(ctx.now));
      await seedDemoClinic(ctx.db, { size: 'small', seed: 1, today, nowTime, passwordHashes: hashes, now: ctx.now });
      ctx.audit.detail = { demo: 'small' };
      ctx.afterCommit(() => ctx.app.refreshClinic());
      return DEMO_ACCOUNTS.map((a) => ({ ...a }));
    },
  ),
};
