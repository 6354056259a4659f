import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLINIC_EXAMPLE } from '../../shared/contract/clinic-fields';
import type { Clinic, DemoAccount } from '../../shared/contract/index';
import { auditRows, errorOf, MANAGER, openTestKeel, setUpClinic, signIn, snapshot, valueOf, type TestKeel } from '../support/harness';

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
