import type { backupsContract } from '../../../shared/contract/backups';
import { KeelError } from '../../../shared/contract/index';
import type { HandlersFor } from '../handlers/types';

/** Settings → Backups and Today's backup card; the work itself is the BackupService's. */
export const backupsHandlers: HandlersFor<typeof backupsContract> = {
  'backups.status': (_input, ctx) => ctx.app.backups.status(ctx.db),
  'backups.list': (_input, ctx) => ctx.app.backups.list(ctx.db),
  'backups.run': (_input, ctx) => {
    if (ctx.app.backups.isRunning) throw new KeelError('conflict', 'A backup is already under way.');
    // After the audit row commits: the backup runs on its own and reports progress as events.
    ctx.afterCommit(() => void ctx.app.backups.run('manual'));
    return Promise.resolve({ started: true, message: 'Backing up…' });
  },
  'backups.updateSettings': async (input, ctx) => {
    const saved = await ctx.app.backups.updateSettings(ctx.db, { ...input, secondFolder: input.secondFolder || null });
    ctx.audit.detail = { dailyTime: saved.dailyTime, secondFolder: saved.secondFolder !== null, retention: saved.retention };
    return saved;
  },
  'backups.restore': async (input, ctx) => {
    const chosen = (await ctx.app.backups.list(ctx.db)).find((b) => b.name === input.name && b.destination === input.destination);
    if (!chosen) throw new KeelError('not_found', 'That backup is no longer in the list.');
    if (!chosen.verified) throw new KeelError('invalid_input', chosen.problem ?? 'That backup was never verified, so it cannot be restored.');
    ctx.audit.detail = { backup: input.name, destination: input.destination };
    const user = ctx.user!;
    const at = ctx.app.now().toISOString();
    ctx.afterCommit(() =>
      void ctx.app.backups.restore(input.name, input.destination, { userId: user.id, username: user.username }).catch((error: unknown) => {
        ctx.app.events.emit('backup.progress', { phase: 'failed', fraction: 0, message: error instanceof Error ? error.message : String(error) });
      }),
    );
    return { started: true, at };
  },
};
