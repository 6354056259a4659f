import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../shared/contract/appointments';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import type { AffectedAppointment, BookingRisk } from '../../shared/contract/booking-risks';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import type { ExpiringCredential } from '../../shared/contract/credentials';
import { DEFAULT_REQUIREMENTS } from '../../shared/domain/staff';
import { addStaff, addUser, auditRows, errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

/** The test clock stands at Monday 2026-03-02, 09:00 in New York. */
let keel: TestKeel;
let manager: string;
let reception: { id: string; token: string };
let lee: string;
let leeDea: string;
let patel: string;
let ann: string;
let bo: string;
let visit: AppointmentType;

const saveDea = async (staffId: string, expiresOn: string, id?: string) =>
  valueOf<{ id: string }>(await keel.call('credentials.save', { ...(id ? { id } : {}), staffId, kind: 'dea', number: 'BL1234567', issuer: 'DEA', issuedOn: null, expiresOn, note: '' }, manager)).id;

beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
  // Physicians need only a DEA registration here; nobody else needs anything but a medical assistant's CPR.
  const none = Object.fromEntries(Object.keys(DEFAULT_REQUIREMENTS).map((r) => [r, []]));
  valueOf(await keel.call('staffSettings.update', { requirements: { ...none, physician: ['dea'], nurse_ma: ['cpr_bls'] }, evaluationIntervalMonths: 12, evaluationCriteria: ['Teamwork'] }, manager));
  reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist' });
  lee = await addStaff(keel, manager, { fullName: 'Dr Lee', staffRole: 'physician', bookable: true });
  patel = await addStaff(keel, manager, { fullName: 'Dr Patel', staffRole: 'physician', bookable: true });
  leeDea = await saveDea(lee, '2027-01-31');
  await saveDea(patel, '2027-01-31');
  const create = async (firstName: string, lastName: string, mobile: string, home = '') =>
    valueOf<{ id: string }>(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName, lastName, phones: { mobile, home, work: '' } }, confirmDuplicate: true }, manager)).id;
  ann = await create('Ann', 'Smith', '(555) 123-4567', '(555) 765-4321');
  bo = await create('Bo', 'Lind', '');
  visit = valueOf<AppointmentType>(await keel.call('appointmentTypes.save', { name: 'Visit', durationMinutes: 30, colour: '#2b6cb0', roomKind: null, providerRoles: ['physician'], active: true }, manager));
});
afterEach(async () => keel.close());

const book = async (providerId: string, patientId: string, start: string) =>
  valueOf<Appointment>(await keel.call('appointments.book', { booking: { patientId, providerId, typeId: visit.id, roomId: null, start, reason: '', note: '' } }, reception.token));
const risks = async (input: object = {}, token = reception.token) => valueOf<BookingRisk[]>(await keel.call('bookingRisks.list', input, token));
const callList = async (staffId: string, cause: object, token = reception.token) => valueOf<{ risk: BookingRisk | null; appointments: AffectedAppointment[] }>(await keel.call('bookingRisks.appointments', { staffId, cause }, token));

describe('a credential that lapses', () => {
  it('counts the appointments booked after the DEA registration expires and lists them to call, by time, with the patient’s phone', async () => {
    await book(lee, ann, '2026-03-04T10:00');
    await book(lee, bo, '2026-03-05T15:00'); // the expiry day itself: still valid
    await book(lee, ann, '2026-03-06T09:00');
    await book(lee, bo, '2026-03-09T11:00');
    const cancelled = await book(lee, ann, '2026-03-10T10:00');
    valueOf(await keel.call('appointments.cancel', { id: cancelled.id, by: 'patient', reason: 'Moving away' }, reception.token));
    const confirmed = await book(lee, ann, '2026-03-11T10:00');
    valueOf(await keel.call('appointments.setStatus', { id: confirmed.id, status: 'confirmed' }, reception.token));
    await book(patel, bo, '2026-03-09T14:00'); // another provider's: not Dr Lee's risk
    expect(await risks()).toEqual([]);

    // The renewal date was entered wrong when these were booked: it really expires on Thursday.
    await saveDea(lee, '2026-03-05', leeDea);
    const [risk, ...others] = await risks();
    expect(others).toEqual([]);
    expect(risk).toEqual({
      staffId: lee,
      staffName: 'Dr Lee',
      cause: { kind: 'credential', credential: 'dea', state: 'expires', expiresOn: '2026-03-05' },
      from: '2026-03-06T00:00',
      to: null,
      appointments: 3,
      firstStart: '2026-03-06T09:00',
      lastStart: '2026-03-11T10:00',
    });
    const list = await callList(lee, { kind: 'credential', credential: 'dea' });
    expect(list.risk).toEqual(risk);
    expect(list.appointments.map((a) => [a.start, a.patientName, a.phone, a.otherPhones, a.status, a.providerName, a.typeName])).toEqual([
      ['2026-03-06T09:00', 'Smith, Ann', '(555) 123-4567', ['home (555) 765-4321'], 'booked', 'Dr Lee', 'Visit'],
      ['2026-03-09T11:00', 'Lind, Bo', '', [], 'booked', 'Dr Lee', 'Visit'],
      ['2026-03-11T10:00', 'Smith, Ann', '(555) 123-4567', ['home (555) 765-4321'], 'confirmed', 'Dr Lee', 'Visit'],
    ]);
    // Reading patients' names and phones is audited.
    expect(auditRows(keel).at(-1)).toMatchObject({ action: 'bookingRisks.appointments', kind: 'read-phi', outcome: 'ok', target_id: lee });

    // One person's page asks for theirs only; a short look-ahead leaves a lapse further off out.
    expect(await risks({ staffId: patel })).toEqual([]);
    expect((await risks({ staffId: lee })).map((r) => r.appointments)).toEqual([3]);
    expect(await risks({ withinDays: 2 })).toEqual([]);

    // Renewed: nobody is stranded any more.
    await saveDea(lee, '2028-03-05');
    expect(await risks()).toEqual([]);
    expect(await callList(lee, { kind: 'credential', credential: 'dea' })).toEqual({ risk: null, appointments: [] });
  });

  it('marks an expiring credential that blocks booking apart from one that only flags the roster, or none', async () => {
    const ma = await addStaff(keel, manager, { fullName: 'Jordan Reyes', staffRole: 'nurse_ma' });
    await saveDea(lee, '2026-03-20', leeDea);
    valueOf(await keel.call('credentials.save', { staffId: ma, kind: 'cpr_bls', number: '', issuer: 'AHA', issuedOn: null, expiresOn: '2026-03-10', note: '' }, manager));
    valueOf(await keel.call('credentials.save', { staffId: lee, kind: 'hipaa', number: '', issuer: '', issuedOn: null, expiresOn: '2026-03-08', note: '' }, manager));
    const { expiring } = valueOf<{ expiring: ExpiringCredential[] }>(await keel.call('credentials.expiring', { withinDays: 30 }, manager));
    expect(expiring.map((e) => [e.staffName, e.kind, e.required, e.blocksBooking])).toEqual([
      ['Dr Lee', 'hipaa', false, false],
      ['Jordan Reyes', 'cpr_bls', true, false],
      ['Dr Lee', 'dea', true, true],
    ]);
  });

  it('counts every appointment from now on while a required credential is missing, and never a provider who is not bookable', async () => {
    const newcomer = await addStaff(keel, manager, { fullName: 'Dr Okafor', staffRole: 'physician', bookable: true });
    const entered = await saveDea(newcomer, '2027-06-30');
    await addStaff(keel, manager, { fullName: 'Jordan Reyes', staffRole: 'nurse_ma' }); // missing CPR, not bookable
    await book(newcomer, ann, '2026-03-03T10:00');
    // Entered on the wrong person: removed, Dr Okafor has no DEA registration on file.
    valueOf(await keel.call('credentials.archive', { id: entered }, manager));
    expect(await risks()).toEqual([expect.objectContaining({ staffName: 'Dr Okafor', cause: { kind: 'credential', credential: 'dea', state: 'missing', expiresOn: null }, appointments: 1, from: '2026-03-02T09:00' })]);
  });
});

describe('a provider who leaves', () => {
  it('strands the appointments after the last working day', async () => {
    await book(patel, ann, '2026-03-12T10:00');
    await book(patel, bo, '2026-03-13T10:00');
    await book(patel, ann, '2026-03-16T10:00');
    // Asked before marking the last day: what it would strand, with nothing changed yet.
    const before = snapshot(keel, { skipAudit: true });
    const preview = await callList(patel, { kind: 'left', endDate: '2026-03-12' }, manager);
    expect(preview.risk).toMatchObject({ cause: { kind: 'left', endDate: '2026-03-12' }, appointments: 2 });
    expect(preview.appointments.map((a) => a.start)).toEqual(['2026-03-13T10:00', '2026-03-16T10:00']);
    expect(snapshot(keel, { skipAudit: true })).toEqual(before);
    expect(await risks()).toEqual([]);
    valueOf(await keel.call('staff.setActive', { id: patel, active: false, endDate: '2026-03-12' }, manager));
    expect(await risks()).toEqual([expect.objectContaining({ staffId: patel, cause: { kind: 'left', endDate: '2026-03-12' }, from: '2026-03-13T00:00', to: null, appointments: 2 })]);
    expect((await callList(patel, { kind: 'left' })).appointments.map((a) => a.start)).toEqual(['2026-03-13T10:00', '2026-03-16T10:00']);
  });
});

describe('approved time off over booked time', () => {
  it('counts the appointments it covers, one already running when it begins too, and nothing while it is only asked for', async () => {
    await book(patel, ann, '2026-03-11T09:00');
    await book(patel, bo, '2026-03-11T12:45'); // runs until 13:15
    await book(patel, ann, '2026-03-11T14:00');
    await book(patel, bo, '2026-03-11T15:30'); // starts when it ends
    const off = valueOf<{ id: string }>(await keel.call('timeoff.request', { staffId: patel, kind: 'training', start: '2026-03-11T13:00', end: '2026-03-11T15:30', note: '' }, manager));
    expect(await risks()).toEqual([]);
    valueOf(await keel.call('timeoff.decide', { id: off.id, decision: 'approved', comment: '' }, manager));
    expect(await risks()).toEqual([
      expect.objectContaining({
        staffId: patel,
        cause: { kind: 'timeOff', timeOffId: off.id, timeOffKind: 'training', start: '2026-03-11T13:00', end: '2026-03-11T15:30' },
        from: '2026-03-11T13:00',
        to: '2026-03-11T15:30',
        appointments: 2,
      }),
    ]);
    expect((await callList(patel, { kind: 'timeOff', timeOffId: off.id })).appointments.map((a) => a.start)).toEqual(['2026-03-11T12:45', '2026-03-11T14:00']);
    // Withdrawn: the risk goes with it.
    valueOf(await keel.call('timeoff.cancel', { id: off.id }, manager));
    expect(await risks()).toEqual([]);
  });
});

describe('who may see the call lists', () => {
  it('lets the manager and the front desk read them, refuses providers and billers, and refuses bad input plainly, changing nothing', async () => {
    const provider = await addUser(keel, manager, { username: 'doc', role: 'provider' });
    const biller = await addUser(keel, manager, { username: 'bills', role: 'billing' });
    expect(await risks({}, manager)).toEqual([]);
    const before = snapshot(keel, { skipAudit: true });
    expect(errorOf(await keel.call('bookingRisks.list', {}, provider.token)).code).toBe('forbidden');
    expect(errorOf(await keel.call('bookingRisks.appointments', { staffId: lee, cause: { kind: 'left' } }, biller.token)).code).toBe('forbidden');
    expect(errorOf(await keel.call('bookingRisks.list', { withinDays: 0 }, reception.token)).issues).toEqual([{ path: 'withinDays', message: 'At least 1 day' }]);
    expect(errorOf(await keel.call('bookingRisks.appointments', { staffId: lee, cause: { kind: 'holiday' } }, reception.token)).code).toBe('invalid_input');
    expect(errorOf(await keel.call('bookingRisks.appointments', { staffId: '019a281d-4c06-736c-a903-f4de002e07fb', cause: { kind: 'left' } }, reception.token)).issues).toEqual([
      { path: 'staffId', message: 'No such person in the staff directory' },
    ]);
    expect(snapshot(keel, { skipAudit: true })).toEqual(before);
  });
});
