import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../shared/contract/index';
import { addUser, auditRows, errorOf, openTestKeel, setUpClinic, signIn, snapshot, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;

afterEach(async () => keel.close());

describe('user accounts', () => {
  let manager: string;
  let managerId: string;
  beforeEach(async () => {
    keel = await openTestKeel();
    manager = await setUpClinic(keel);
    managerId = valueOf<UserSummary[]>(await keel.call('users.list', {}, manager))[0]!.id;
  });

  it('gives one account per username, whatever its case', async () => {
    valueOf(await keel.call('users.create', { username: 'Riley', fullName: 'Riley Chen', role: 'receptionist', password: 'temporary-123' }, manager));
    const dup = errorOf(await keel.call('users.create', { username: 'RILEY', fullName: 'Other Riley', role: 'billing', password: 'temporary-123' }, manager));
    expect(dup.code).toBe('conflict');
    expect(dup.message).toBe('The username "riley" is already taken by Riley Chen. Choose another.');
  });

  it('applies a role change on the person’s very next call', async () => {
    const reception = await addUser(keel, manager, { username: 'riley', role: 'receptionist' });
    expect(errorOf(await keel.call('users.list', {}, reception.token)).code).toBe('forbidden');
    valueOf(await keel.call('users.update', { id: reception.id, role: 'manager' }, manager));
    expect(valueOf<UserSummary[]>(await keel.call('users.list', {}, reception.token))).toHaveLength(2);
    expect(JSON.parse(auditRows(keel).filter((r) => r.action === 'users.update').at(-1)!.detail!)).toEqual({ changed: ['role'], role: { from: 'receptionist', to: 'manager' } });
  });

  it('keeps at least one active manager and never lets managers deactivate themselves', async () => {
    const self = errorOf(await keel.call('users.update', { id: managerId, active: false }, manager));
    expect(self.issues).toEqual([{ path: 'active', message: 'You cannot deactivate your own account.' }]);
    const demote = errorOf(await keel.call('users.update', { id: managerId, role: 'receptionist' }, manager));
    expect(demote).toEqual({ code: 'conflict', message: 'Keel needs at least one active office manager. Make someone else a manager first.' });

    const second = await addUser(keel, manager, { username: 'second', role: 'manager' });
    valueOf(await keel.call('users.update', { id: managerId, role: 'receptionist' }, second.token));
  });

  it('keeps a deactivated person’s name in the list and history, and can reactivate them', async () => {
    const biller = await addUser(keel, manager, { username: 'blake', role: 'billing', fullName: 'Blake Okafor' });
    valueOf(await keel.call('users.update', { id: biller.id, active: false }, manager));
    const listed = valueOf<UserSummary[]>(await keel.call('users.list', {}, manager));
    expect(listed.map((u) => [u.fullName, u.active])).toEqual([
      ['Dana Whitfield', true],
      ['Blake Okafor', false],
    ]);
    expect(auditRows(keel).some((r) => r.username === 'blake' && r.action === 'auth.changePassword')).toBe(true);
    valueOf(await keel.call('users.update', { id: biller.id, active: true }, manager));
    await signIn(keel, 'blake', 'blake-own-password');
  });

  it('answers not_found for an account that does not exist, changing nothing', async () => {
    const before = snapshot(keel);
    const error = errorOf(await keel.call('users.update', { id: '01900000-0000-7000-8000-000000000000', fullName: 'Ghost' }, manager));
    expect(error.code).toBe('not_found');
    expect(snapshot(keel)).toEqual(before);
  });
});
