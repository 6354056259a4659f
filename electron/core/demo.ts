import { appendAudit } from '../../db/audit';
import { clinicExists } from '../../db/clinic';
import { DEMO_ACCOUNTS } from '../../db/demo/accounts';
import { demoDay, seedDemoClinic, type DemoSize } from '../../db/demo/index';
import { countUsers, findUserByUsername } from '../../db/users';
import { KeelError, type DemoAccount } from '../../shared/contract/index';
import type { KeelApp } from './app';

export interface CreateDemoOptions {
  size: DemoSize;
  seed: number;
  /** Defaults to today in the demo clinic's time zone. */
  today?: string;
  /** Days of appointment history (default: 3 weeks small, 10 years large). */
  historyDays?: number;
  onProgress?: (step: string, done: number, total: number) => void;
}

/** Fills an empty data folder with the demo clinic, all or nothing, and audits it. */
export async function createDemoClinic(app: KeelApp, options: CreateDemoOptions): Promise<readonly DemoAccount[]> {
  if ((await clinicExists(app.db)) || (await countUsers(app.db)) > 0) {
    throw new KeelError('conflict', 'This folder already holds a clinic; the demo needs an empty folder.');
  }
  const progress = options.onProgress ?? (() => {});
  const passwordHashes: Record<string, string> = {};
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    progress('Securing demo passwords', index, DEMO_ACCOUNTS.length);
    passwordHashes[account.username] = await app.hash(account.password);
  }
  const now = app.now().toISOString();
  const { today, nowTime } = demoDay(app.now(), options.today);
  // Rows are stamped from the demo's own day, so the same seed and day give the same data.
  const stamp = `${today}T06:00:00.000Z`;
  await app.db.transaction().execute(async (trx) => {
    await seedDemoClinic(trx, { size: options.size, seed: options.seed, today, nowTime, historyDays: options.historyDays, passwordHashes, now: stamp, onProgress: progress });
    await appendAudit(trx, {
      id: app.newId(),
      at: now,
      userId: null,
      username: null,
      action: 'admin.createDemo',
      kind: 'admin',
      outcome: 'ok',
      detail: { size: options.size, seed: options.seed, today },
    });
  });
  app.refreshClinic();
  return DEMO_ACCOUNTS;
}

/**
 * The demo accounts that still sign in with their printed password (none changed it, none
 * was deactivated), so a second `keel serve --demo` can print them again. Empty when the
 * folder holds a clinic of its own.
 */
export async function demoAccountsStillValid(app: KeelApp): Promise<DemoAccount[]> {
  const valid: DemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const row = await findUserByUsername(app.db, account.username);
    if (!row || row.active !== 1) continue;
    if (await app.verify(account.password, row.password_hash)) valid.push(account);
  }
  return valid;
}
