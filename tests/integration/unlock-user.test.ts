import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCKOUT_FAILURES, WRONG_CREDENTIALS } from '../../electron/core/auth/handlers';
import { auditRows, errorOf, MANAGER, openTestKeel, setUpClinic, tempDir, valueOf } from '../support/harness';
import { runKeel } from '../support/serve';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('keel unlock-user', () => {
  it('lets the only manager back in after someone at the desk locked the account, and records it in the audit trail', async () => {
    const dir = tempDir('keel-unlock-');
    dirs.push(dir);
    // The command runs on the real clock, so the lock is set on it too.
    const keel = await openTestKeel({ dir, now: () => new Date() });
    await setUpClinic(keel);
    for (let i = 0; i < LOCKOUT_FAILURES; i++) errorOf(await keel.call('auth.login', { username: 'dana', password: `someone-guessing-${i}` }));
    expect(errorOf(await keel.call('auth.login', { username: 'dana', password: MANAGER.password })).message).toBe(WRONG_CREDENTIALS);

    // While Keel has the folder open, the command says so and changes nothing.
    const busy = runKeel('unlock-user', 'dana', '--data', dir);
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/already open in another Keel/);
    await keel.close();

    const unknown = runKeel('unlock-user', 'nobody', '--data', dir);
    expect(unknown).toMatchObject({ code: 1, err: `keel: there is no account named "nobody" in ${dir}\n` });
    const done = runKeel('unlock-user', 'dana', '--data', dir);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(done.out).toContain(`Unlocked dana (${MANAGER.fullName}): they can sign in again with their password. Recorded in the audit trail.`);

    const reopened = await openTestKeel({ dir });
    try {
      valueOf(await reopened.call('auth.login', { username: 'dana', password: MANAGER.password }));
      const row = auditRows(reopened).find((r) => r.action === 'users.unlock')!;
      expect(row).toMatchObject({ kind: 'admin', outcome: 'ok' });
      expect(JSON.parse(row.detail!)).toMatchObject({ by: 'keel unlock-user (command line)', account: 'dana', wasLocked: true });
    } finally {
      await reopened.close();
    }
  });
});
