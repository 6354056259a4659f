import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_MAX_HOURS } from '../../shared/domain/sessions';
import { addUser, auditRows, errorOf, MANAGER, openTestKeel, setUpClinic, tokenOf, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

const refusals = () => auditRows(keel).filter((r) => r.kind === 'refused').map((r) => [r.action, r.username, JSON.parse(r.detail!) as unknown]);

describe('sessions on a shared PC', () => {
  it('ends the session a caller held when they sign in again: the old token stops working', async () => {
    const again = await keel.router.call({ channel: 'auth.login', input: { username: 'dana', password: MANAGER.password }, token: manager });
    const fresh = tokenOf(again);
    expect(fresh).not.toBe(manager);
    expect(errorOf(await keel.call('auth.me', {}, manager)).code).toBe('unauthenticated');
    valueOf(await keel.call('auth.me', {}, fresh));
  });

  it(`ends every session ${SESSION_MAX_HOURS} hours after its sign-in, however active it was, and audits it`, async () => {
    // Busy all day: a call every 4 minutes, so the idle lock never comes.
    for (let minutes = 4; minutes < SESSION_MAX_HOURS * 60; minutes += 4) {
      keel.clock.advanceMinutes(4);
      valueOf(await keel.call('clinic.get', {}, manager));
    }
    keel.clock.advanceMinutes(4);
    const ended = errorOf(await keel.call('clinic.get', {}, manager));
    expect(ended).toEqual({ code: 'unauthenticated', message: 'You have been signed in for a whole working day: please sign in again.' });
    expect(refusals()).toEqual([['clinic.get', null, { refused: 'unauthenticated', reason: 'session_expired' }]]);
    expect(keel.app.sessions.get(manager)).toBeUndefined();
  });

  it('does not count a screen refreshing itself as activity: the idle lock still comes', async () => {
    // Today refreshes every minute; five minutes of that alone must not hold the lock off.
    for (let minute = 0; minute < 6; minute++) {
      keel.clock.advanceMinutes(1);
      const outcome = await keel.router.call({ channel: 'clinic.get', input: {}, token: manager, background: true });
      if (minute < 4) valueOf(outcome);
    }
    expect(errorOf(await keel.call('clinic.get', {}, manager)).code).toBe('locked');
  });

  it('keeps a person’s own password behind Change password: a manager cannot reset their own without the current one', async () => {
    const me = valueOf<{ id: string }>(await keel.call('auth.me', {}, manager)) as unknown as { user: { id: string } };
    const refused = errorOf(await keel.call('users.update', { id: me.user.id, resetPassword: 'taken-over-123' }, manager));
    expect(refused.issues).toEqual([{ path: 'resetPassword', message: 'To change your own password, use Change password: it asks for your current one.' }]);
    // The password is unchanged.
    tokenOf(await keel.call('auth.login', { username: 'dana', password: MANAGER.password }));
  });

  it('audits refusals of known sessions with who it was (forbidden, locked); a retry within a minute is not logged again', async () => {
    const reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist', fullName: 'Front Desk' });
    errorOf(await keel.call('users.list', {}, reception.token));
    errorOf(await keel.call('users.list', {}, reception.token));
    valueOf(await keel.call('auth.lock', {}, reception.token));
    errorOf(await keel.call('clinic.get', {}, reception.token));
    // A made-up token is not logged: anyone can send those, as many as they like.
    errorOf(await keel.call('clinic.get', {}, 'made-up-token'));
    expect(refusals()).toEqual([
      ['users.list', 'frontdesk', { refused: 'forbidden', reason: 'role' }],
      ['clinic.get', 'frontdesk', { refused: 'locked', reason: 'session_locked' }],
    ]);
    keel.clock.advanceMinutes(2);
    errorOf(await keel.call('clinic.get', {}, reception.token));
    expect(refusals()).toHaveLength(3);
  });
});
