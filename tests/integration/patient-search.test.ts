import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import type { Patient, PatientMatch } from '../../shared/contract/patients';
import { openTestKeel, setUpClinic, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

type Details = typeof PATIENT_EXAMPLE;
const person = (fields: Partial<Details>): Details => ({ ...PATIENT_EXAMPLE, ...fields });

async function register(details: Details): Promise<Patient> {
  return valueOf<Patient>(await keel.call('patients.create', { details, confirmDuplicate: true }, manager));
}

async function search(query: string): Promise<PatientMatch[]> {
  return valueOf<PatientMatch[]>(await keel.call('patients.search', { query }, manager));
}

describe('patient search says why a row matched', () => {
  it('names the middle name, a phone that is not the one shown, the date of birth and the record number; not the name on the line', async () => {
    const ann = await register(person({ firstName: 'Ann', middleName: 'Louise', lastName: 'Okafor', dob: '1980-03-07', phones: { mobile: '(555) 123-4567', home: '(555) 222-3333', work: '' } }));
    expect((await search('okafor ann'))[0]).toMatchObject({ id: ann.id, matched: [{ field: 'lastName', value: 'Okafor' }, { field: 'firstName', value: 'Ann' }] });
    expect((await search('louise'))[0]!.matched).toEqual([{ field: 'middleName', value: 'Louise' }]);
    expect((await search('okafor lou'))[0]!.matched).toEqual([
      { field: 'lastName', value: 'Okafor' },
      { field: 'middleName', value: 'Louise' },
    ]);
    expect((await search('555-222-3333'))[0]!.matched).toEqual([{ field: 'homePhone', value: '(555) 222-3333' }]);
    expect((await search('3333'))[0]!.matched).toEqual([{ field: 'homePhone', value: '(555) 222-3333' }]);
    expect((await search('4567'))[0]!.matched).toEqual([{ field: 'mobilePhone', value: '(555) 123-4567' }]);
    expect((await search('03/07/1980 okafor'))[0]!.matched).toEqual([
      { field: 'dob', value: '1980-03-07' },
      { field: 'lastName', value: 'Okafor' },
    ]);
    expect((await search(ann.mrn))[0]!.matched).toEqual([{ field: 'mrn', value: ann.mrn }]);
  });

  it('keeps a previous surname searchable after a change (a maiden name), and says it was the previous name', async () => {
    const before = person({ firstName: 'Maria', lastName: 'Castellanos', dob: '1975-06-01', phones: { mobile: '(555) 777-1212', home: '', work: '' } });
    const maria = await register(before);
    valueOf(await keel.call('patients.update', { id: maria.id, details: { ...before, lastName: 'Brennan' } }, manager));
    // Found by the name she has now, and by the one she had.
    expect((await search('brennan maria')).map((m) => m.id)).toEqual([maria.id]);
    const [found] = await search('castellanos');
    expect(found).toMatchObject({ id: maria.id, name: 'Brennan, Maria', matched: [{ field: 'previousName', value: 'Castellanos' }] });
    expect((await search('castel mar'))[0]!.matched).toEqual([
      { field: 'previousName', value: 'Castellanos' },
      { field: 'firstName', value: 'Maria' },
    ]);
  });
});
