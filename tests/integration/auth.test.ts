import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCKOUT_FAILURES, LOCKOUT_MINUTES, WRONG_CREDENTIALS } from '../../electron/core/auth/handlers';
import { hashParamsOf, hashPassword, OWASP_SCRYPT, verifyPassword } from '../../electron/core/password';
import { SignInThrottle } from '../../electron/core/throttle';
import type { Me } from '../../shared/contract/index';
import { addUser, auditRows, errorOf, MANAGER, openTestKeel, setUpClinic, signIn, snapshot, tokenOf, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

const WRONG = WRONG_CREDENTIALS;

describe('passwords', () => {
  it('are hashed with scrypt at OWASP cost (N=2^17, r=8, p=1) and verified with the stored parameters', async () => {
    const hash = await hashPassword('correct horse battery', OWASP_SCRYPT);
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(hashParamsOf(hash)).toEqual({ log2N: 17, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('are stored only as hashes', async () => {
    const text = JSON.stringify(snapshot(keel));
    expect(text).not.toContain(MANAGER.password);
  });

  it('must be at least 10 characters', async () => {
    const error = errorOf(await keel.call('users.create', { username: 'shorty', fullName: 'Short', role: 'provider', password: '123456789' }, manager));
    expect(error.code).toBe('invalid_input');
    expect(error.issues).toEqual([{ path: 'password', message: 'Use at least 10 characters' }]);
  });
});

describe('signing in', () => {
  it('gives the same answer for an unknown username and a wrong password', async () => {
    const unknown = errorOf(await keel.call('auth.login', { username: 'nobody', password: 'whatever-123' }));
    const wrong = errorOf(await keel.call('auth.login', { username: 'dana', password: 'whatever-123' }));
    expect(unknown).toEqual({ code: 'unauthenticated', message: WRONG });
    expect(wrong).toEqual(unknown);
  });

  it('accepts the username in any case and starts a session that auth.me knows', async () => {
    const outcome = await keel.call('auth.login', { username: '  DANA ', password: MANAGER.password });
    const me = valueOf<Me>(outcome);
    expect(me.user).toMatchObject({ username: 'dana', fullName: MANAGER.fullName, role: 'manager' });
    const again = valueOf<Me>(await keel.call('auth.me', {}, tokenOf(outcome)));
    expect(again.user.username).toBe('dana');
    expect(again.locked).toBe(false);
  });

  it('slows repeated failures down, then locks the account after 10, audited, and opens again after the lock time', async () => {
    for (let i = 1; i < LOCKOUT_FAILURES; i++) errorOf(await keel.call('auth.login', { username: 'dana', password: `wrong-password-${i}` }));
    // No wait for the first three failures, then 1 s, 2 s, 4 s, 8 s (capped).
    expect(keel.sleeps).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(auditRows(keel).filter((r) => r.action === 'auth.login' && r.outcome === 'failed')).toHaveLength(LOCKOUT_FAILURES - 1);

    // The tenth locks the account, with the same answer as an unknown name: the answer never tells which names exist.
    const tenth = errorOf(await keel.call('auth.login', { username: 'dana', password: 'wrong-password-10' }));
    expect(tenth).toEqual({ code: 'unauthenticated', message: WRONG });
    expect(auditRows(keel).filter((r) => r.action === 'auth.account_locked')).toHaveLength(1);

    // Even the right password is refused while locked, with that same answer.
    const right = errorOf(await keel.call('auth.login', { username: 'dana', password: MANAGER.password }));
    expect(right).toEqual({ code: 'unauthenticated', message: WRONG });
    expect(errorOf(await keel.call('auth.login', { username: 'nobody-at-all', password: MANAGER.password }))).toEqual(right);

    keel.clock.advanceMinutes(LOCKOUT_MINUTES + 1);
    valueOf(await keel.call('auth.login', { username: 'dana', password: MANAGER.password }));
  });

  it('lets a manager unlock a locked account by resetting its password', async () => {
    const biller = await addUser(keel, manager, { username: 'biller', role: 'billing' });
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await keel.call('auth.login', { username: 'biller', password: `nope-nope-${i}` });
    const users = valueOf<Array<{ username: string; lockedUntil: string | null }>>(await keel.call('users.list', {}, manager));
    expect(users.find((u) => u.username === 'biller')?.lockedUntil).not.toBeNull();
    valueOf(await keel.call('users.update', { id: biller.id, resetPassword: 'fresh-start-123' }, manager));
    const me = valueOf<Me>(await keel.call('auth.login', { username: 'biller', password: 'fresh-start-123' }));
    expect(me.mustChangePassword).toBe(true);
  });

  it('refuses a deactivated account and ends its open sessions at once', async () => {
    const provider = await addUser(keel, manager, { username: 'drlee', role: 'provider' });
    valueOf(await keel.call('clinic.get', {}, provider.token));
    valueOf(await keel.call('users.update', { id: provider.id, active: false }, manager));
    expect(errorOf(await keel.call('clinic.get', {}, provider.token)).code).toBe('unauthenticated');
    const refused = errorOf(await keel.call('auth.login', { username: 'drlee', password: 'drlee-own-password' }));
    expect(refused.message).toMatch(/deactivated/);
    // A wrong password for a deactivated account still gets the neutral answer.
    expect(errorOf(await keel.call('auth.login', { username: 'drlee', password: 'wrong-wrong-1' })).message).toBe(WRONG);
  });

  it('holds a new account to its own password before anything else', async () => {
    valueOf(await keel.call('users.create', { username: 'temp', fullName: 'Tem Porary', role: 'receptionist', password: 'given-by-manager' }, manager));
    const token = await signIn(keel, 'temp', 'given-by-manager');
    expect(valueOf<Me>(await keel.call('auth.me', {}, token)).mustChangePassword).toBe(true);
    valueOf(await keel.call('setup.status', {}, token)); // public channels stay open
    const blocked = errorOf(await keel.call('users.list', {}, token));
    expect(blocked.code).toBe('forbidden');
    valueOf(await keel.call('clinic.get', {}, token));
    const same = errorOf(await keel.call('auth.changePassword', { currentPassword: 'given-by-manager', newPassword: 'given-by-manager' }, token));
    expect(same.issues).toEqual([{ path: 'newPassword', message: 'Choose a password different from the current one.' }]);
    const wrongCurrent = errorOf(await keel.call('auth.changePassword', { currentPassword: 'not-it-at-all', newPassword: 'my-own-secret-1' }, token));
    expect(wrongCurrent.issues).toEqual([{ path: 'currentPassword', message: 'That is not your current password.' }]);
    valueOf(await keel.call('auth.changePassword', { currentPassword: 'given-by-manager', newPassword: 'my-own-secret-1' }, token));
    expect(valueOf<Me>(await keel.call('auth.me', {}, token)).mustChangePassword).toBe(false);
  });

  it('ends the person’s other sessions when they change their password', async () => {
    const other = await signIn(keel, 'dana', MANAGER.password);
    valueOf(await keel.call('auth.changePassword', { currentPassword: MANAGER.password, newPassword: 'brand-new-secret' }, manager));
    expect(errorOf(await keel.call('auth.me', {}, other)).code).toBe('unauthenticated');
    valueOf(await keel.call('auth.me', {}, manager));
    await signIn(keel, 'dana', 'brand-new-secret');
  });

  it('signs out', async () => {
    const outcome = await keel.call('auth.logout', {}, manager);
    expect(outcome.session).toEqual({ end: true });
    expect(errorOf(await keel.call('auth.me', {}, manager)).code).toBe('unauthenticated');
  });
});

describe('the idle lock', () => {
  it('locks a session idle longer than the clinic’s setting; only the same person’s password unlocks it', async () => {
    valueOf(await keel.call('clinic.get', {}, manager));
    keel.clock.advanceMinutes(4);
    valueOf(await keel.call('clinic.get', {}, manager));
    keel.clock.advanceMinutes(6);
    const locked = errorOf(await keel.call('clinic.get', {}, manager));
    expect(locked).toEqual({ code: 'locked', message: 'Keel is locked. Enter your password to continue.' });
    expect(valueOf<Me>(await keel.call('auth.me', {}, manager)).locked).toBe(true);

    const wrong = errorOf(await keel.call('auth.unlock', { password: 'not-my-password' }, manager));
    expect(wrong.issues).toEqual([{ path: 'password', message: 'That password is not right.' }]);
    expect(errorOf(await keel.call('clinic.get', {}, manager)).code).toBe('locked');

    const me = valueOf<Me>(await keel.call('auth.unlock', { password: MANAGER.password }, manager));
    expect(me.locked).toBe(false);
    valueOf(await keel.call('clinic.get', {}, manager));
  });

  it('locks at once on request', async () => {
    valueOf(await keel.call('auth.lock', {}, manager));
    expect(errorOf(await keel.call('users.list', {}, manager)).code).toBe('locked');
    const rows = auditRows(keel);
    expect(rows.at(-2)).toMatchObject({ action: 'auth.lock', outcome: 'ok' });
    // The refused call is audited too, with who it was.
    expect(rows.at(-1)).toMatchObject({ action: 'users.list', kind: 'refused', outcome: 'failed', username: 'dana' });
    expect(JSON.parse(rows.at(-1)!.detail!)).toEqual({ refused: 'locked', reason: 'session_locked' });
  });
});

describe('the sign-in slowdown', () => {
  it('waits nothing for three failures, then doubles up to 8 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => SignInThrottle.delayFor(n))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
  });

  it('forgets failures after an hour without another', () => {
    let now = 0;
    const throttle = new SignInThrottle(() => now);
    for (let i = 0; i < 5; i++) throttle.fail('x');
    now += SignInThrottle.WINDOW_MS;
    expect(throttle.fail('x')).toBe(0);
  });
});

describe('against guessing at the front desk', () => {
  const login = (username: string, password: string, source = 'browser:desk') => keel.router.call({ channel: 'auth.login', input: { username, password }, token: null, source });

  it('keeps an unknown name out of the log: only a short keyed hash, never what was typed', async () => {
    const typed = 'harbour-lights-42-typo';
    errorOf(await login(typed, 'whatever-123'));
    const row = auditRows(keel).at(-1)!;
    expect(row).toMatchObject({ action: 'auth.login', outcome: 'failed', username: null, user_id: null });
    const detail = JSON.parse(row.detail!) as { reason: string; nameHash: string };
    expect(detail.reason).toBe('unknown_user');
    expect(detail.nameHash).toMatch(/^[0-9a-f]{10}$/);
    expect(JSON.stringify(auditRows(keel))).not.toContain(typed);
    // The same name gives the same hash, so repeated tries of one name can still be seen.
    errorOf(await login(typed, 'whatever-456'));
    expect(JSON.parse(auditRows(keel).at(-1)!.detail!).nameHash).toBe(detail.nameHash);
  });

  it('slows a source that keeps failing across many names, not only each account; another browser is not slowed', async () => {
    for (let i = 0; i < 6; i++) errorOf(await login(`name-${i}`, 'guess-guess-1'));
    // Each name failed once (no wait of its own), yet the source's sixth failure waits 4 s.
    expect(keel.sleeps).toEqual([1000, 2000, 4000]);
    errorOf(await login('name-x', 'guess-guess-1', 'browser:other'));
    expect(keel.sleeps).toEqual([1000, 2000, 4000]);
    // The right password from the slowed source still signs in.
    valueOf(await login('dana', MANAGER.password));
  });

  it('takes at most two password checks at once; a flood is spread out or answered busy, and a real sign-in from another browser gets through', async () => {
    for (let i = 0; i < 4; i++) errorOf(await login('dana', `warm-up-guess-${i}`, 'browser:attacker'));
    keel.app.passwords.peak = 0;
    const flood = Array.from({ length: 48 }, (_, i) => login(`someone-${i}`, 'guess-guess-1', 'browser:attacker'));
    const real = login('dana', MANAGER.password, 'browser:desk');
    const [realOutcome, ...floodOutcomes] = await Promise.all([real, ...flood]);
    valueOf(realOutcome!);
    expect(keel.app.passwords.peak).toBeLessThanOrEqual(2);
    const codes = floodOutcomes.map((o) => errorOf(o).code);
    // A source that keeps failing gets one attempt at a time and a short line; the rest are told to wait, at once.
    expect(codes.filter((c) => c === 'conflict').length).toBeGreaterThanOrEqual(40);
    expect(codes.filter((c) => c === 'unauthenticated').length).toBeGreaterThanOrEqual(1);
    expect(errorOf(floodOutcomes.find((o) => !o.result.ok && o.result.error.code === 'conflict')!).message).toBe('Keel is busy checking other sign-ins. Wait a few seconds and try again.');
  });

  it('bounds password work even when every attempt comes from a fresh source', async () => {
    keel.app.passwords.peak = 0;
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => login(`spray-${i}`, 'guess-guess-1', `browser:fresh-${i}`)));
    expect(keel.app.passwords.peak).toBeLessThanOrEqual(2);
    const codes = outcomes.map((o) => errorOf(o).code);
    expect(codes.filter((c) => c === 'conflict').length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 'conflict' || c === 'unauthenticated')).toBe(true);
  });

  it('counts a wrong current password in a password change like a failed sign-in: slowed, audited, locked at the tenth', async () => {
    const change = (currentPassword: string) => keel.call('auth.changePassword', { currentPassword, newPassword: 'a-brand-new-one-1' }, manager);
    for (let i = 1; i < LOCKOUT_FAILURES; i++) {
      const wrong = errorOf(await change(`guess-number-${i}`));
      expect(wrong.issues).toEqual([{ path: 'currentPassword', message: 'That is not your current password.' }]);
    }
    expect(keel.sleeps).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    const failed = auditRows(keel).filter((r) => r.action === 'auth.changePassword' && r.outcome === 'failed');
    expect(failed).toHaveLength(LOCKOUT_FAILURES - 1);
    expect(JSON.parse(failed[0]!.detail!)).toEqual({ reason: 'wrong_password' });
    const tenth = errorOf(await change('guess-number-10'));
    expect(tenth.code).toBe('unauthenticated');
    expect(tenth.message).toMatch(/locked after too many wrong passwords/);
    expect(auditRows(keel).filter((r) => r.action === 'auth.account_locked')).toHaveLength(1);
    // The session that guessed is over, and the account is locked for everyone.
    expect(errorOf(await keel.call('auth.me', {}, manager)).code).toBe('unauthenticated');
    expect(errorOf(await keel.call('auth.login', { username: 'dana', password: MANAGER.password })).message).toBe(WRONG);
  });
});
