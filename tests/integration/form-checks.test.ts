import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clinic } from '../../shared/contract/clinic';
import { CLINIC_EXAMPLE } from '../../shared/contract/clinic-fields';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

/** Forms that say what is wrong (issue 13, point 13): postal codes in the clinic's country, phones without letters. */

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

const withAddress = (postalCode: string, mobile = '(555) 123-4567') => ({ details: { ...PATIENT_EXAMPLE, phones: { ...PATIENT_EXAMPLE.phones, mobile }, address: { ...PATIENT_EXAMPLE.address, postalCode } }, confirmDuplicate: true });

describe('patient details checked the clinic’s way', () => {
  it('is a US clinic unless set, checks ZIP codes, and refuses letters in a phone number, changing nothing', async () => {
    expect(valueOf<Clinic>(await keel.call('clinic.get', {}, manager)).country).toBe('US');
    const before = snapshot(keel);
    const zip = errorOf(await keel.call('patients.create', withAddress('2139'), manager));
    expect(zip.code).toBe('invalid_input');
    expect(zip.issues).toEqual([{ path: 'details.address.postalCode', message: 'Check the ZIP code: in the United States it is five digits, like 02139 or 02139-4307' }]);
    const phone = errorOf(await keel.call('patients.create', withAddress('02139', '555-CALL-NOW'), manager));
    expect(phone.issues).toEqual([{ path: 'details.phones.mobile', message: 'Letters are not allowed in a phone number: type its digits, like (555) 123-4567 (an extension as x 12)' }]);
    expect(snapshot(keel)).toEqual(before);
    valueOf(await keel.call('patients.create', withAddress('02139-4307'), manager));
  });

  it('checks a Canadian clinic’s postal codes once the manager sets the country, which is kept', async () => {
    const { updatedAt: _u, ...profile } = valueOf<Clinic>(await keel.call('clinic.get', {}, manager));
    expect(valueOf<Clinic>(await keel.call('clinic.update', { ...profile, country: 'CA' }, manager)).country).toBe('CA');
    expect(errorOf(await keel.call('patients.create', withAddress('02139'), manager)).issues?.[0]?.path).toBe('details.address.postalCode');
    valueOf(await keel.call('patients.create', withAddress('K1A 0B1'), manager));
    // An update without the country leaves it as it is.
    valueOf(await keel.call('clinic.update', { ...CLINIC_EXAMPLE, name: 'Maple Street Clinic' }, manager));
    expect(valueOf<Clinic>(await keel.call('clinic.get', {}, manager)).country).toBe('CA');
    expect(errorOf(await keel.call('clinic.update', { ...CLINIC_EXAMPLE, country: 'XX' }, manager)).code).toBe('invalid_input');
  });
});
