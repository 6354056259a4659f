import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLINIC_EXAMPLE } from '../../shared/contract/clinic-fields';
import type { Clinic } from '../../shared/contract/index';
import { addUser, auditRows, errorOf, openTestKeel, setUpClinic, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;

afterEach(async () => keel.close());

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
