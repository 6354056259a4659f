import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLINIC_EXAMPLE } from '../../shared/contract/clinic-fields';
import type { Clinic, DemoAccount, UserSummary } from '../../shared/contract/index';
import { addUser, auditRows, errorOf, MANAGER, openTestKeel, setUpClinic, signIn, snapshot, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
afterEach(async () => keel.close());

describe('first launch', () => {
  beforeEach(async () => {
    keel = await openTestKeel();
  });

  it('reports that setup is needed, then creates the clinic and its manager, signed in, once only', async () => {
    expect(valueOf(await keel.call('setup.status', {}))).toEqual({ needsSetup: true, clinicName: null });
    const token = await setUpClinic(keel);
    expect(valueOf(await keel.call('setup.status', {}))).toEqual({ needsSetup: false, clinicName: CLINIC_EXAMPLE.name });
    const clinic = valueOf<Clinic>(await keel.call('clinic.get', {}, token));
    expect(clinic).toMatchObject({ name: CLINIC_EXAMPLE.name, timeZone: 'America/New_York', slotMinutes: 15 });
    expect(clinic.openingHours).toHaveLength(7);
    expect(auditRows(keel).map((r) => [r.action, r.username])).toEqual([['setup.createClinic', 'dana']]);

    const before = snapshot(keel);
    const again = errorOf(await keel.call('setup.createClinic', { clinic: CLINIC_EXAMPLE, manager: { ...MANAGER, username: 'intruder' } }));
    expect(again).toEqual({ code: 'conflict', message: 'This data folder already holds a clinic. Sign in instead.' });
    expect(errorOf(await keel.call('setup.createDemo', {})).code).toBe('conflict');
    expect(snapshot(keel)).toEqual(before);
  });

  it('opens the demo clinic with its four accounts', async () => {
    const accounts = valueOf<DemoAccount[]>(await keel.call('setup.createDemo', {}));
    expect(accounts.map((a) => [a.username, a.password, a.role])).toEqual([
      ['manager', 'keel-demo-manager', 'manager'],
      ['reception', 'keel-demo-reception', 'receptionist'],
      ['provider', 'keel-demo-provider', 'provider'],
      ['billing', 'keel-demo-billing', 'billing'],
    ]);
    for (const a of accounts) await signIn(keel, a.username, a.password);
    expect(valueOf(await keel.call('setup.status', {}))).toEqual({ needsSetup: false, clinicName: 'Maple Street Family Practice' });
  });

  it('checks the clinic and manager fields, naming each', async () => {
    const error = errorOf(
      await keel.call('setup.createClinic', {
        clinic: { ...CLINIC_EXAMPLE, name: '  ', timeZone: 'Mars/Olympus', slotMinutes: 7, openingHours: CLINIC_EXAMPLE.openingHours.map((h, i) => (i === 0 ? { ...h, closes: '07:00' } : h)) },
        manager: { fullName: 'M', username: 'x', password: 'short' },
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'clinic.name', message: 'Required' },
        { path: 'clinic.timeZone', message: 'Not a known time zone, e.g. America/New_York' },
        { path: 'clinic.slotMinutes', message: 'Use one of 5, 10, 15, 20, 30, 60 minutes' },
        { path: 'clinic.openingHours.0.closes', message: 'Closing time must be after opening time' },
        { path: 'manager.username', message: expect.stringMatching(/^Use 3–32 characters/) },
        { path: 'manager.password', message: 'Use at least 10 characters' },
      ]),
    );
    expect(valueOf(await keel.call('setup.status', {}))).toEqual({ needsSetup: true, clinicName: null });
  });
});

describe('the clinic profile', () => {
  let manager: string;
  beforeEach(async () => {
    keel = await openTestKeel();
    manager = await setUpClinic(keel);
  });

  it('is changed by the manager, audited with the changed fields, and read by everyone', async () => {
    const hours = CLINIC_EXAMPLE.openingHours.map((h) => (h.weekday === 6 ? { weekday: 6, opens: '09:00', closes: '12:30' } : h));
    const updated = valueOf<Clinic>(await keel.call('clinic.update', { ...CLINIC_EXAMPLE, name: 'Harbour View Clinic', idleLockMinutes: 10, openingHours: hours }, manager));
    expect(updated.name).toBe('Harbour View Clinic');
    expect(updated.openingHours.find((h) => h.weekday === 6)).toEqual({ weekday: 6, opens: '09:00', closes: '12:30' });
    expect(JSON.parse(auditRows(keel).at(-1)!.detail!)).toEqual({ changed: ['name', 'idleLockMinutes', 'openingHours'] });
    const provider = await addUser(keel, manager, { username: 'doc', role: 'provider' });
    expect(valueOf<Clinic>(await keel.call('clinic.get', {}, provider.token)).name).toBe('Harbour View Clinic');
    expect(errorOf(await keel.call('clinic.update', CLINIC_EXAMPLE, provider.token)).code).toBe('forbidden');
  });

  it('refuses hours that are half given or missing a day', async () => {
    const halfGiven = CLINIC_EXAMPLE.openingHours.map((h) => (h.weekday === 7 ? { weekday: 7, opens: '10:00', closes: null } : h));
    expect(errorOf(await keel.call('clinic.update', { ...CLINIC_EXAMPLE, openingHours: halfGiven }, manager)).issues).toEqual([
      { path: 'openingHours.6.closes', message: 'Give both opening and closing time, or mark the day closed' },
    ]);
    const sixDays = CLINIC_EXAMPLE.openingHours.slice(0, 6);
    expect(errorOf(await keel.call('clinic.update', { ...CLINIC_EXAMPLE, openingHours: sixDays }, manager)).issues?.[0]?.message).toBe('Give hours for all seven weekdays');
  });
});

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
