import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/contract/candidates';
import type { Equipment } from '../../shared/contract/equipment';
import type { StaffMember } from '../../shared/contract/staff';
import type { TimeOff } from '../../shared/contract/timeoff';
import type { WorkingToday } from '../../shared/contract/roster';
import { addShift, addStaff, addUser, errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

describe('the staff directory', () => {
  it('searches by any word of the name (accents ignored), title and phone digits; filters by role and status', async () => {
    await addStaff(keel, manager, { fullName: 'José Álvarez', staffRole: 'physician', jobTitle: 'Family physician', phone: '(555) 123-4567' });
    const ma = await addStaff(keel, manager, { fullName: 'Jordan Reyes', staffRole: 'nurse_ma' });
    await addStaff(keel, manager, { fullName: 'Riley Chen', staffRole: 'receptionist' });
    const names = async (input: object) => valueOf<StaffMember[]>(await keel.call('staff.list', input, manager)).map((s) => s.fullName);
    // By surname (accents folded, titles and suffixes skipped), as a staff list is read.
    await addStaff(keel, manager, { fullName: 'Dr. Priya Lee', staffRole: 'physician' });
    await addStaff(keel, manager, { fullName: 'Ana Bell Jr.', staffRole: 'biller' });
    expect(await names({})).toEqual(['José Álvarez', 'Ana Bell Jr.', 'Riley Chen', 'Dr. Priya Lee', 'Jordan Reyes']);
    expect(await names({ query: 'jose' })).toEqual(['José Álvarez']);
    expect(await names({ query: 'alv fam' })).toEqual(['José Álvarez']);
    expect(await names({ query: '5551234567' })).toEqual(['José Álvarez']);
    expect(await names({ query: '4567' })).toEqual(['José Álvarez']);
    expect(await names({ staffRole: 'receptionist' })).toEqual(['Riley Chen']);
    valueOf(await keel.call('staff.setActive', { id: ma, active: false, endDate: '2026-02-28' }, manager));
    expect(await names({})).toEqual(['José Álvarez', 'Ana Bell Jr.', 'Riley Chen', 'Dr. Priya Lee']);
    expect(await names({ status: 'inactive' })).toEqual(['Jordan Reyes']);
    const left = valueOf<StaffMember>(await keel.call('staff.get', { id: ma }, manager));
    expect(left).toMatchObject({ active: false, endDate: '2026-02-28' });
  });

  it('refuses a negative rate, a bad email and an account linked twice, naming the field', async () => {
    const before = snapshot(keel);
    const base = { fullName: 'Pat Doe', staffRole: 'biller' };
    expect(errorOf(await keel.call('staff.create', { ...(await import('../support/harness')).STAFF_DEFAULTS, ...base, payRateCents: -1 }, manager)).issues).toEqual([{ path: 'payRateCents', message: 'Cannot be negative' }]);
    expect(errorOf(await keel.call('staff.create', { ...(await import('../support/harness')).STAFF_DEFAULTS, ...base, email: 'not-an-email' }, manager)).issues?.[0]?.path).toBe('email');
    expect(snapshot(keel)).toEqual(before);
    const userId = valueOf<Array<{ id: string }>>(await keel.call('users.list', {}, manager))[0]!.id;
    await addStaff(keel, manager, { ...base, userId });
    expect(errorOf(await keel.call('staff.create', { ...(await import('../support/harness')).STAFF_DEFAULTS, fullName: 'Other', staffRole: 'biller', userId }, manager)).issues).toEqual([{ path: 'userId', message: 'That account already belongs to Pat Doe' }]);
  });

  it('shows pay to the manager only; a receptionist sees contact details; a provider only their own record', async () => {
    const reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist' });
    const provider = await addUser(keel, manager, { username: 'drlee', role: 'provider' });
    const doc = await addStaff(keel, manager, { fullName: 'Dr Lee', staffRole: 'physician', userId: provider.id, payType: 'salary', payRateCents: 250_000_00 });
    const other = await addStaff(keel, manager, { fullName: 'Other Person', staffRole: 'nurse_ma' });
    expect(valueOf<StaffMember>(await keel.call('staff.get', { id: doc }, manager)).pay).toEqual({ type: 'salary', rateCents: 250_000_00 });
    const seen = valueOf<StaffMember[]>(await keel.call('staff.list', {}, reception.token));
    expect(seen).toHaveLength(2);
    expect(seen.every((s) => s.pay === null)).toBe(true);
    expect(valueOf<StaffMember>(await keel.call('staff.get', { id: doc }, provider.token)).fullName).toBe('Dr Lee');
    expect(valueOf<StaffMember | null>(await keel.call('staff.me', {}, provider.token))?.id).toBe(doc);
    expect(errorOf(await keel.call('staff.get', { id: other }, provider.token)).code).toBe('forbidden');
    expect(errorOf(await keel.call('staff.list', {}, provider.token)).code).toBe('forbidden');
    for (const [channel, input] of [
      ['evaluations.due', {}],
      ['candidates.list', {}],
      ['positions.list', {}],
      ['credentials.expiring', {}],
    ] as const) {
      expect(errorOf(await keel.call(channel, input, reception.token)).code, channel).toBe('forbidden');
    }
  });
});

describe('time off', () => {
  it('lets staff request their own, refuses overlaps, and lets the manager decide; others see no private notes', async () => {
    const reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist' });
    const provider = await addUser(keel, manager, { username: 'drlee', role: 'provider' });
    const riley = await addStaff(keel, manager, { fullName: 'Riley Chen', staffRole: 'receptionist', userId: reception.id });
    await addStaff(keel, manager, { fullName: 'Dr Lee', staffRole: 'physician', userId: provider.id });
    const request = valueOf<TimeOff>(await keel.call('timeoff.request', { kind: 'sick', start: '2026-03-03T00:00', end: '2026-03-05T00:00', note: 'Flu' }, reception.token));
    expect(request).toMatchObject({ staffId: riley, status: 'pending', requestedBy: 'frontdesk' });
    const overlap = errorOf(await keel.call('timeoff.request', { kind: 'vacation', start: '2026-03-04T12:00', end: '2026-03-06T00:00', note: '' }, reception.token));
    expect(overlap.issues?.[0]?.path).toBe('start');
    expect(overlap.message).toMatch(/Overlaps Riley Chen’s pending sick/);
    expect(errorOf(await keel.call('timeoff.request', { staffId: riley, kind: 'vacation', start: '2026-04-01T00:00', end: '2026-04-02T00:00', note: '' }, provider.token)).code).toBe('forbidden');
    expect(errorOf(await keel.call('timeoff.decide', { id: request.id, decision: 'approved', comment: '' }, reception.token)).code).toBe('forbidden');
    const seenByProvider = valueOf<TimeOff[]>(await keel.call('timeoff.list', { from: '2026-03-01', to: '2026-03-31' }, provider.token));
    expect(seenByProvider[0]?.requestNote).toBe('');
    const decided = valueOf<TimeOff>(await keel.call('timeoff.decide', { id: request.id, decision: 'approved', comment: 'Get well' }, manager));
    expect(decided).toMatchObject({ status: 'approved', decisionNote: 'Get well', decidedBy: 'dana' });
    expect(errorOf(await keel.call('timeoff.decide', { id: request.id, decision: 'declined', comment: '' }, manager))).toEqual({ code: 'conflict', message: 'This request was already approved.' });
    const unlinked = await addUser(keel, manager, { username: 'nolink', role: 'billing' });
    expect(errorOf(await keel.call('timeoff.request', { kind: 'vacation', start: '2026-04-01T00:00', end: '2026-04-02T00:00', note: '' }, unlinked.token)).issues?.[0]?.path).toBe('staffId');
  });
});

describe('hiring', () => {
  it('moves a candidate through the stages and creates their staff record on hiring', async () => {
    const position = valueOf<{ id: string }>(await keel.call('positions.save', { title: 'Medical assistant', staffRole: 'nurse_ma', employmentType: 'part_time', status: 'open', openedOn: '2026-02-01', note: '' }, manager));
    const casey = valueOf<Candidate>(await keel.call('candidates.save', { positionId: position.id, fullName: 'Casey Nguyen', phone: '555-0101', email: 'casey@example.org', appliedOn: '2026-02-03', note: '' }, manager));
    for (const [stage, onDate] of [
      ['phone_screen', '2026-02-05'],
      ['interview', '2026-02-10'],
      ['offer', '2026-02-15'],
    ]) {
      valueOf(await keel.call('candidates.move', { id: casey.id, stage, onDate, note: '' }, manager));
    }
    expect(errorOf(await keel.call('candidates.move', { id: casey.id, stage: 'interview', onDate: '2026-02-01', note: '' }, manager)).issues?.[0]?.path).toBe('onDate');
    const hired = valueOf<StaffMember>(await keel.call('candidates.hire', { id: casey.id, startDate: '2026-03-16', jobTitle: '', contractedHours: 24, payType: 'hourly', payRateCents: 2100, colour: '#805ad5', note: 'Welcome' }, manager));
    expect(hired).toMatchObject({ fullName: 'Casey Nguyen', phone: '555-0101', email: 'casey@example.org', staffRole: 'nurse_ma', employmentType: 'part_time', jobTitle: 'Medical assistant', contractedHours: 24, startDate: '2026-03-16' });
    const [after] = valueOf<Candidate[]>(await keel.call('candidates.list', { positionId: position.id }, manager));
    expect(after?.stage).toBe('hired');
    expect(after?.staffId).toBe(hired.id);
    expect(after?.history.map((h) => h.stage)).toEqual(['applied', 'phone_screen', 'interview', 'offer', 'hired']);
    expect(errorOf(await keel.call('candidates.hire', { id: casey.id, startDate: '2026-03-16', jobTitle: '', contractedHours: 24, payType: 'hourly', payRateCents: 2100, colour: '#805ad5', note: '' }, manager)).code).toBe('conflict');
  });
});

describe('rooms, equipment and Today', () => {
  it('keeps room names unique, moves the next service on when one is recorded, and lists overdue equipment', async () => {
    const room = valueOf<{ id: string }>(await keel.call('rooms.save', { name: 'Exam 1', kind: 'exam', note: '', active: true }, manager));
    expect(errorOf(await keel.call('rooms.save', { name: 'Exam 1', kind: 'procedure', note: '', active: true }, manager)).issues).toEqual([{ path: 'name', message: 'There is already a room called “Exam 1”' }]);
    const fridge = valueOf<Equipment>(await keel.call('equipment.save', { name: 'Vaccine fridge', serialNumber: 'VF-9', roomId: room.id, serviceIntervalMonths: 12, lastServiceOn: '2025-01-15', nextServiceOn: null, outOfService: false, note: '', active: true }, manager));
    expect(fridge).toMatchObject({ nextServiceOn: '2026-01-15', overdue: true, roomName: 'Exam 1' });
    expect(valueOf<Equipment[]>(await keel.call('equipment.overdue', {}, manager)).map((e) => e.name)).toEqual(['Vaccine fridge']);
    const serviced = valueOf<Equipment>(await keel.call('equipment.recordService', { id: fridge.id, servicedOn: '2026-03-01', note: 'Calibrated' }, manager));
    expect(serviced).toMatchObject({ lastServiceOn: '2026-03-01', nextServiceOn: '2027-03-01', overdue: false });
    expect(valueOf<Equipment[]>(await keel.call('equipment.overdue', {}, manager))).toEqual([]);
  });

  it('tells who is working today', async () => {
    const ma = await addStaff(keel, manager, { fullName: 'Jordan Reyes', staffRole: 'nurse_ma' });
    await addShift(keel, manager, ma, '2026-03-02T08:00', '2026-03-02T16:00');
    await addShift(keel, manager, ma, '2026-03-03T08:00', '2026-03-03T16:00');
    const today = valueOf<WorkingToday[]>(await keel.call('roster.today', { date: '2026-03-02' }, manager));
    expect(today.map((t) => [t.fullName, t.start, t.end])).toEqual([['Jordan Reyes', '2026-03-02T08:00', '2026-03-02T16:00']]);
    expect(today[0]?.flag).toEqual({ missing: ['cpr_bls', 'osha_bbp', 'hipaa'], expired: [] });
  });
});
