import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import type { Concern } from '../../shared/contract/concerns';
import type { DuplicateCandidate, Patient, PatientChange, PatientMatch } from '../../shared/contract/patients';
import { addUser, auditRows, errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

type Details = typeof PATIENT_EXAMPLE;
const person = (fields: Partial<Omit<Details, 'phones'>> & { phone?: string }): Details => {
  const { phone, ...rest } = fields;
  return { ...PATIENT_EXAMPLE, ...rest, phones: { mobile: phone ?? '', home: '', work: '' } };
};

async function register(token: string, details: Details, confirmDuplicate = false): Promise<Patient> {
  return valueOf<Patient>(await keel.call('patients.create', { details, ...(confirmDuplicate ? { confirmDuplicate } : {}) }, token));
}

async function search(query: string, token = manager): Promise<PatientMatch[]> {
  return valueOf<PatientMatch[]>(await keel.call('patients.search', { query }, token));
}

describe('patient records', () => {
  it('gives each patient a unique record number that is never reused', async () => {
    const a = await register(manager, person({ firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07' }));
    const b = await register(manager, person({ firstName: 'Bo', lastName: 'Lind', dob: '1990-01-01' }));
    expect(a.mrn).toBe('100001');
    expect(b.mrn).toBe('100002');
    // A refused registration does not use up a number.
    errorOf(await keel.call('patients.create', { details: person({ firstName: '', lastName: 'X', dob: '1990-01-01' }) }, manager));
    expect((await register(manager, person({ firstName: 'Cy', lastName: 'Moe', dob: '1991-01-01' }))).mrn).toBe('100003');
  });

  it('refuses a future or pre-1900 birth date, a bad email, a short phone, an unknown sex code and an empty name, naming each, writing nothing', async () => {
    const before = snapshot(keel);
    const issues = async (details: unknown) => errorOf(await keel.call('patients.create', { details }, manager)).issues;
    expect(await issues(person({ dob: '2099-01-01' }))).toEqual([{ path: 'details.dob', message: 'The date of birth is in the future' }]);
    expect(await issues(person({ dob: '1899-12-31' }))).toEqual([{ path: 'details.dob', message: 'The date of birth is before 1900' }]);
    expect(await issues(person({ email: 'ann@' }))).toEqual([{ path: 'details.email', message: 'Not a valid email address' }]);
    expect(await issues(person({ phone: '555-12' }))).toEqual([{ path: 'details.phones.mobile', message: 'A phone number needs at least 7 digits' }]);
    expect(await issues({ ...person({}), sex: 'Q' })).toEqual([{ path: 'details.sex', message: 'Use F, M, X (another sex) or U (unknown)' }]);
    expect(await issues(person({ firstName: '   ' }))).toEqual([{ path: 'details.firstName', message: 'Required' }]);
    expect(snapshot(keel)).toEqual(before);
  });

  it('refuses NUL, direction overrides and broken characters in a name, naming the field and the character, writing nothing', async () => {
    const before = snapshot(keel);
    const refusal = async (details: unknown) => errorOf(await keel.call('patients.create', { details, confirmDuplicate: true }, manager));
    const cases: Array<[Partial<Details>, string]> = [
      [{ firstName: 'Ann\u0000' }, 'details.firstName: Contains an invisible control character (U+0000) — retype it'],
      [{ firstName: '\u202Ennah' }, 'details.firstName: Contains an invisible control character (U+202E) — retype it'],
      [{ lastName: 'Smith\u2067' }, 'details.lastName: Contains an invisible control character (U+2067) — retype it'],
      [{ middleName: 'Jo\uD83D' }, 'details.middleName: Contains a broken character (U+D83D) — retype it'],
      [{ preferredName: 'Bo\nBo' }, 'details.preferredName: Contains a line break; this field takes one line'],
    ];
    for (const [fields, message] of cases) {
      const error = await refusal({ ...person({ firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07' }), ...fields });
      expect(error.code).toBe('invalid_input');
      expect(error.message).toBe(`Please check: ${message}`);
    }
    expect(snapshot(keel)).toEqual(before);
    // Notes take several lines; names in other scripts, with their direction marks, are kept as typed.
    const kept = await register(manager, { ...person({ firstName: 'שרה\u200F', lastName: 'Cohen', dob: '1980-03-07' }), notes: 'Line one\n\tLine two' });
    expect([kept.firstName, kept.notes]).toEqual(['שרה\u200F', 'Line one\n\tLine two']);
  });

  it('keeps the history of every change: who, when, from and to', async () => {
    const ann = await register(manager, person({ firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07', phone: '555 123 4567' }));
    keel.clock.advanceMinutes(5);
    valueOf(await keel.call('patients.update', { id: ann.id, details: { ...person({ firstName: 'Ann', lastName: 'Smith-Jones', dob: '1980-03-07', phone: '555 123 4567' }), email: 'ann@example.org' } }, manager));
    const history = valueOf<PatientChange[]>(await keel.call('patients.history', { id: ann.id }, manager));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.username])).toEqual(
      expect.arrayContaining([
        ['last_name', 'Smith', 'Smith-Jones', 'dana'],
        ['email', '', 'ann@example.org', 'dana'],
        ['created', '', `record ${ann.mrn}`, 'dana'],
      ]),
    );
    expect((await search('jones')).map((m) => m.id)).toEqual([ann.id]);
  });
});

describe('patient search', () => {
  const ids: Record<string, string> = {};
  beforeEach(async () => {
    const people: Array<[string, Partial<Omit<Details, 'phones'>> & { phone?: string }]> = [
      ['ann', { firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07', phone: '(555) 123-4567' }],
      ['annTwin', { firstName: 'Ann', lastName: 'Smith', dob: '1992-11-30', phone: '555-987-6543' }],
      ['annette', { firstName: 'Annette', lastName: 'Smithers', dob: '1975-06-01' }],
      ['jose', { firstName: 'José', lastName: 'Álvarez', dob: '1966-02-14', phone: '+1 555 222 3333' }],
      ['obrien', { firstName: 'Siobhán', lastName: 'O’Brien', dob: '1988-08-08' }],
      ['nguyen', { firstName: 'Thị', middleName: 'Minh', lastName: 'Nguyễn', dob: '1979-04-30' }],
      ['hyphen', { firstName: 'Mary', lastName: 'Lopez-Garcia', dob: '2001-12-12' }],
      ['smythe', { firstName: 'John', lastName: 'Smythe', preferredName: 'Jack', dob: '1950-01-01' }],
    ];
    for (const [key, fields] of people) ids[key] = (await register(manager, person(fields), true)).id;
  });

  it.each([
    ['ann smi', ['ann', 'annTwin', 'annette']],
    ['smith ann', ['ann', 'annTwin', 'annette']],
    ['SMITH', ['ann', 'annTwin', 'annette']],
    ['jose', ['jose']],
    ['álvarez', ['jose']],
    ['alv jo', ['jose']],
    ["o'brien", ['obrien']],
    ['obrien', ['obrien']],
    ['siobhan', ['obrien']],
    ['nguyen', ['nguyen']],
    ['nguyễn thi', ['nguyen']],
    ['minh', ['nguyen']],
    ['garcia', ['hyphen']],
    ['lopez-garcia', ['hyphen']],
    ['jack', ['smythe']],
    ['(555) 123-4567', ['ann']],
    ['5551234567', ['ann']],
    ['555.123.4567', ['ann']],
    ['4567', ['ann']],
    ['1 555 222 3333', ['jose']],
    ['1980-03-07', ['ann']],
    ['03/07/1980', ['ann']],
    ['7.3.1980', ['ann']],
    ['ann 11/30/1992', ['annTwin']],
    ['100001', ['ann']],
    ['zzz', []],
  ])('%s finds %j', async (query, expected) => {
    const found = await search(query);
    expect(found.map((m) => Object.keys(ids).find((k) => ids[k] === m.id))).toEqual(expected);
  });

  it('puts whole words and surnames first, and shows enough to tell two people apart', async () => {
    const found = await search('smith');
    expect(found.map((m) => [m.name, m.dob, m.phone])).toEqual([
      ['Smith, Ann', '1980-03-07', '(555) 123-4567'],
      ['Smith, Ann', '1992-11-30', '555-987-6543'],
      ['Smithers, Annette', '1975-06-01', ''],
    ]);
    expect(found[0]?.mrn).toMatch(/^\d{6}$/);
  });

  it('writes one audit row per search, with the kinds of terms and the result count but never the words, and one per record opened', async () => {
    const before = auditRows(keel).length;
    const found = await search('ann smi');
    expect(found.length).toBeGreaterThan(0);
    valueOf(await keel.call('patients.get', { id: ids.ann }, manager));
    const rows = auditRows(keel).slice(before) as Array<{ action: string; kind: string; detail: string | null; patient_id?: string | null }>;
    expect(rows.map((r) => [r.action, r.kind])).toEqual([
      ['patients.search', 'read-phi'],
      ['patients.get', 'read-phi'],
    ]);
    expect(JSON.parse(rows[0]!.detail!)).toEqual({ terms: ['name'], results: found.length });
    // What was typed (names, phone numbers, birth dates) is patients' data: it is not kept in the log.
    const typed = ['0155 5550', '1975-06-01', 'smithers'];
    for (const query of typed) await search(query);
    const logged = JSON.stringify(auditRows(keel).slice(before));
    for (const word of ['ann', 'smi', ...typed]) expect(logged).not.toContain(word);
    expect(rows[1]!.patient_id).toBe(ids.ann);
  });

  it('leaves inactive patients out unless asked', async () => {
    valueOf(await keel.call('patients.setActive', { id: ids.jose, active: false }, manager));
    expect(await search('jose')).toEqual([]);
    expect(valueOf<PatientMatch[]>(await keel.call('patients.search', { query: 'jose', includeInactive: true }, manager)).map((m) => m.active)).toEqual([false]);
  });
});

describe('duplicates', () => {
  it('guards against the same name and birth date, or the same phone and surname, until confirmed', async () => {
    const ann = await register(manager, person({ firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07', phone: '(555) 123-4567' }));
    const sameNameDob = errorOf(await keel.call('patients.create', { details: person({ firstName: 'ann', lastName: 'SMITH', dob: '1980-03-07' }) }, manager));
    expect(sameNameDob.code).toBe('conflict');
    expect(sameNameDob.message).toBe('This may be the same person as Smith, Ann (record 100001, born 03/07/1980). Check, then confirm to save anyway.');
    const samePhone = valueOf<DuplicateCandidate[]>(await keel.call('patients.findDuplicates', { firstName: 'Bob', lastName: 'Smith', dob: '1999-01-01', phones: ['555 123 4567'] }, manager));
    expect(samePhone).toEqual([expect.objectContaining({ id: ann.id, reason: 'phone_and_surname' })]);
    expect(valueOf<DuplicateCandidate[]>(await keel.call('patients.findDuplicates', { firstName: 'Ann', lastName: 'Smyth', dob: '1980-03-07', phones: [] }, manager))).toEqual([]);
    const confirmed = await register(manager, person({ firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07' }), true);
    expect(confirmed.mrn).toBe('100002');
    // Editing a record is not a duplicate of itself.
    valueOf(await keel.call('patients.update', { id: ann.id, details: person({ firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07', phone: '(555) 123-4567' }), confirmDuplicate: true }, manager));
  });

  it('lets a manager merge two records: concerns move, the other is retired with a pointer, both histories and the audit log say so', async () => {
    const keep = await register(manager, person({ firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07' }));
    const dup = await register(manager, person({ firstName: 'Anne', lastName: 'Smith', dob: '1980-03-07' }));
    const concern = valueOf<Concern>(await keel.call('concerns.create', { patientId: dup.id, category: 'billing', description: 'Charged twice', severity: 'medium', ownerId: null }, manager));
    const reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist' });
    expect(errorOf(await keel.call('patients.merge', { keepId: keep.id, mergeId: dup.id }, reception.token)).code).toBe('forbidden');
    const kept = valueOf<Patient>(await keel.call('patients.merge', { keepId: keep.id, mergeId: dup.id }, manager));
    expect(kept.id).toBe(keep.id);
    const retired = valueOf<Patient>(await keel.call('patients.get', { id: dup.id }, manager));
    expect(retired).toMatchObject({ active: false, mergedInto: { id: keep.id, mrn: keep.mrn } });
    expect(valueOf<Concern[]>(await keel.call('concerns.list', { patientId: keep.id }, manager)).map((c) => c.id)).toEqual([concern.id]);
    expect((await search('anne')).map((m) => m.id)).toEqual([]);
    const keptHistory = valueOf<PatientChange[]>(await keel.call('patients.history', { id: keep.id }, manager));
    const dupHistory = valueOf<PatientChange[]>(await keel.call('patients.history', { id: dup.id }, manager));
    expect(keptHistory[0]).toMatchObject({ field: 'merged', oldValue: `Smith, Anne (record ${dup.mrn})` });
    expect(dupHistory.find((h) => h.field === 'merged')?.newValue).toBe(`merged into Smith, Ann (record ${keep.mrn})`);
    const audit = auditRows(keel) as Array<{ action: string; kind: string; patient_id: string | null }>;
    expect(audit.filter((r) => r.action.startsWith('patients.merge')).map((r) => [r.action, r.kind, r.patient_id])).toEqual([
      // The receptionist's refused try is on record too.
      ['patients.merge', 'refused', null],
      ['patients.merge', 'write', keep.id],
      ['patients.merged_away', 'write', dup.id],
    ]);
    expect(errorOf(await keel.call('patients.merge', { keepId: keep.id, mergeId: dup.id }, manager)).issues).toEqual([{ path: 'mergeId', message: 'That record was already merged' }]);
  });
});

describe('permissions', () => {
  it('lets a provider view but not edit, and a biller edit insurance only', async () => {
    const ann = await register(manager, person({ firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07' }));
    const provider = await addUser(keel, manager, { username: 'doc', role: 'provider' });
    const biller = await addUser(keel, manager, { username: 'bill', role: 'billing' });
    valueOf(await keel.call('patients.get', { id: ann.id }, provider.token));
    expect(errorOf(await keel.call('patients.update', { id: ann.id, details: person({}) }, provider.token)).code).toBe('forbidden');
    expect(errorOf(await keel.call('patients.update', { id: ann.id, details: person({}) }, biller.token)).code).toBe('forbidden');
    const updated = valueOf<Patient>(await keel.call('patients.updateInsurance', { id: ann.id, insurance: { ...PATIENT_EXAMPLE.insurance, payer: 'Blue Shield', memberId: 'XYZ123' } }, biller.token));
    expect(updated.insurance).toMatchObject({ payer: 'Blue Shield', memberId: 'XYZ123' });
    expect(errorOf(await keel.call('patients.export', {}, biller.token)).code).toBe('forbidden');
    expect(errorOf(await keel.call('concerns.list', {}, provider.token)).code).toBe('forbidden');
  });
});

describe('concerns', () => {
  it('move open → in progress → resolved → closed with notes and dates; overdue after the target', async () => {
    const ann = await register(manager, person({ firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07' }));
    const reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist' });
    const concern = valueOf<Concern>(await keel.call('concerns.create', { patientId: ann.id, category: 'wait_time', description: 'Waited an hour', severity: 'high', ownerId: reception.id, openedOn: '2026-01-15' }, reception.token));
    expect(concern).toMatchObject({ status: 'open', owner: { id: reception.id }, overdue: true, daysOpen: 46, patient: { mrn: ann.mrn } });
    valueOf(await keel.call('concerns.create', { patientId: null, category: 'facility', description: 'Ramp is icy', severity: 'low', ownerId: null }, reception.token));
    expect(valueOf<Concern[]>(await keel.call('concerns.list', { overdueOnly: true }, manager)).map((c) => c.description)).toEqual(['Waited an hour']);
    expect(errorOf(await keel.call('concerns.update', { id: concern.id, status: 'closed', note: '' }, reception.token)).issues?.[0]?.path).toBe('status');
    expect(errorOf(await keel.call('concerns.update', { id: concern.id, status: 'resolved', note: '' }, reception.token)).issues).toEqual([{ path: 'resolution', message: 'Say how it was resolved' }]);
    valueOf(await keel.call('concerns.update', { id: concern.id, status: 'in_progress', note: 'Called back' }, reception.token));
    const resolved = valueOf<Concern>(await keel.call('concerns.update', { id: concern.id, status: 'resolved', note: '', resolution: 'Apologised; new check-in flow' }, reception.token));
    expect(resolved).toMatchObject({ status: 'resolved', resolvedOn: '2026-03-02', overdue: false });
    const closed = valueOf<Concern>(await keel.call('concerns.update', { id: concern.id, status: 'closed', note: 'Confirmed with patient' }, manager));
    expect(closed.events.map((e) => e.status)).toEqual(['open', 'in_progress', 'resolved', 'closed']);
    expect(errorOf(await keel.call('concerns.update', { id: concern.id, status: 'open', note: '' }, manager)).code).toBe('conflict');
    valueOf(await keel.call('concerns.setTarget', { targetDays: 60 }, manager));
    expect(valueOf<{ targetDays: number }>(await keel.call('concerns.settings', {}, reception.token)).targetDays).toBe(60);
  });
});
