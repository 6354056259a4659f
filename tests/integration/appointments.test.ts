import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, OpenSlot, PatientAppointments, SeriesPreview } from '../../shared/contract/appointments';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import type { ScheduleFrame } from '../../shared/contract/schedule';
import type { WaitlistEntry } from '../../shared/contract/waitlist';
import { CLINIC_EXAMPLE } from '../../shared/contract/clinic-fields';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { DEFAULT_REQUIREMENTS } from '../../shared/domain/staff';
import { addShift, addStaff, addUser, auditRows, errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
let reception: { id: string; token: string };
let lee: string;
let patel: string;
let ann: string;
let bo: string;
let exam1: string;
let exam2: string;
let visit: AppointmentType;

/** Monday 2026-03-02; the test clock stands at 09:00 in New York that morning. */
const MON = '2026-03-02';

beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
  // Nobody needs credentials here, except where a test says so.
  valueOf(await keel.call('staffSettings.update', { requirements: { ...DEFAULT_REQUIREMENTS, physician: [], np_pa: [] }, evaluationIntervalMonths: 12, evaluationCriteria: ['Teamwork'] }, manager));
  reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist' });
  lee = await addStaff(keel, manager, { fullName: 'Dr Lee', staffRole: 'physician', bookable: true });
  patel = await addStaff(keel, manager, { fullName: 'Dr Patel', staffRole: 'physician', bookable: true });
  const create = async (firstName: string, lastName: string) => valueOf<{ id: string }>(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName, lastName }, confirmDuplicate: true }, manager)).id;
  ann = await create('Ann', 'Smith');
  bo = await create('Bo', 'Lind');
  exam1 = valueOf<{ id: string }>(await keel.call('rooms.save', { name: 'Exam 1', kind: 'exam', note: '', active: true }, manager)).id;
  exam2 = valueOf<{ id: string }>(await keel.call('rooms.save', { name: 'Exam 2', kind: 'exam', note: '', active: true }, manager)).id;
  visit = valueOf<AppointmentType>(await keel.call('appointmentTypes.save', { name: 'Visit', durationMinutes: 30, colour: '#2b6cb0', roomKind: 'exam', providerRoles: ['physician'], active: true }, manager));
});
afterEach(async () => keel.close());

const booking = (over: Partial<{ patientId: string; providerId: string; roomId: string | null; start: string; end: string }> = {}) => ({
  booking: { patientId: ann, providerId: lee, typeId: visit.id, roomId: exam1, start: `${MON}T10:00`, reason: '', note: '', ...over },
});
const book = async (over: Parameters<typeof booking>[0] = {}, token = reception.token) => valueOf<Appointment>(await keel.call('appointments.book', booking(over), token));
const refusal = async (over: Parameters<typeof booking>[0] = {}, token = reception.token) => errorOf(await keel.call('appointments.book', booking(over), token));

describe('the conflict matrix', () => {
  it('books inside the clinic’s hours when the provider has no shifts, with the type’s duration', async () => {
    const a = await book();
    expect(a).toMatchObject({ start: `${MON}T10:00`, end: `${MON}T10:30`, status: 'booked', providerName: 'Dr Lee', roomName: 'Exam 1', typeName: 'Visit' });
    expect(auditRows(keel).at(-1)).toMatchObject({ action: 'appointments.book', patient_id: ann });
  });

  it('refuses the provider, the room and the patient taken, each saying what clashes, and writes nothing', async () => {
    await book();
    const before = snapshot(keel);
    expect((await refusal({ patientId: bo, roomId: exam2, start: `${MON}T10:15` })).message).toBe('Dr Lee already has Smith, Ann 10:00 AM–10:30 AM.');
    expect((await refusal({ patientId: bo, providerId: patel, start: `${MON}T10:15` })).message).toBe('Exam 1 is taken 10:00 AM–10:30 AM (Dr Lee with Smith, Ann).');
    expect((await refusal({ providerId: patel, roomId: exam2, start: `${MON}T10:00` })).message).toBe('Smith, Ann is already booked 10:00 AM–10:30 AM with Dr Lee.');
    expect(snapshot(keel)).toEqual(before);
    // Back to back is fine.
    await book({ patientId: bo, start: `${MON}T10:30` });
  });

  it('refuses outside opening hours, outside the roster once there are shifts, during approved time off, and a flagged provider', async () => {
    expect((await refusal({ start: `${MON}T16:45` })).message).toBe('That is outside the clinic’s opening hours (8:00 AM–5:00 PM).');
    expect((await refusal({ start: '2026-03-07T10:00' })).message).toBe('The clinic is closed that day.');
    await addShift(keel, manager, lee, `${MON}T12:00`, `${MON}T16:00`);
    expect((await refusal({ start: `${MON}T10:00` })).message).toBe('Dr Lee is not working then (works 12:00 PM–4:00 PM).');
    await book({ start: `${MON}T12:00` });
    const off = valueOf<{ id: string }>(await keel.call('timeoff.request', { staffId: lee, kind: 'training', start: `${MON}T14:00`, end: `${MON}T15:00`, note: '' }, manager));
    valueOf(await keel.call('timeoff.decide', { id: off.id, decision: 'approved', comment: '' }, manager));
    expect((await refusal({ start: `${MON}T14:00`, patientId: bo })).message).toBe('Dr Lee is on approved training then.');
    valueOf(await keel.call('staffSettings.update', { requirements: DEFAULT_REQUIREMENTS, evaluationIntervalMonths: 12, evaluationCriteria: ['Teamwork'] }, manager));
    expect((await refusal({ start: `${MON}T13:00`, patientId: bo })).message).toMatch(/^Dr Lee cannot be booked: License missing/);
  });

  it('lets a manager override a provider or hours conflict with a reason (audited), never a room', async () => {
    await book();
    const clash = booking({ patientId: bo, roomId: exam2 });
    expect(errorOf(await keel.call('appointments.book', { ...clash, override: { reason: 'Squeeze in' } }, reception.token)).code).toBe('conflict');
    const managerRefusal = errorOf(await keel.call('appointments.book', clash, manager));
    expect(managerRefusal.message).toMatch(/As the office manager you can book anyway, with a reason\.$/);
    const squeezed = valueOf<Appointment>(await keel.call('appointments.book', { ...clash, override: { reason: 'Urgent: chest pain' } }, manager));
    expect(squeezed.overrideReason).toBe('Urgent: chest pain');
    expect(JSON.parse(auditRows(keel).at(-1)!.detail!)).toMatchObject({ override: 'Urgent: chest pain', conflicts: ['provider'] });
    const roomClash = errorOf(await keel.call('appointments.book', { ...booking({ patientId: bo, providerId: patel }), override: { reason: 'Please' } }, manager));
    expect(roomClash.message).toMatch(/Exam 1 is taken/);
  });

  it('finds a free room of the kind the type needs when none is chosen', async () => {
    await book();
    const second = await book({ patientId: bo, providerId: patel, roomId: null });
    expect(second.roomName).toBe('Exam 2');
    // A third doctor at 10:10 finds both exam rooms taken.
    const kim = await addStaff(keel, manager, { fullName: 'Dr Kim', staffRole: 'physician', bookable: true });
    const carl = valueOf<{ id: string }>(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: 'Carl', lastName: 'Moe' }, confirmDuplicate: true }, manager)).id;
    const third = errorOf(await keel.call('appointments.book', booking({ patientId: carl, providerId: kim, roomId: null, start: `${MON}T10:10` }), reception.token));
    expect(third).toMatchObject({ code: 'conflict', message: 'No exam room is free then.' });
  });

  it('gives a calendar its frame: providers with flags, rooms, types, working time and approved time off, to every role', async () => {
    await addShift(keel, manager, lee, `${MON}T08:00`, `${MON}T16:00`, 30);
    const off = valueOf<{ id: string }>(await keel.call('timeoff.request', { staffId: lee, kind: 'training', start: `${MON}T14:00`, end: `${MON}T15:00`, note: '' }, manager));
    valueOf(await keel.call('timeoff.decide', { id: off.id, decision: 'approved', comment: '' }, manager));
    const biller = await addUser(keel, manager, { username: 'books', role: 'billing' });
    const frame = valueOf<ScheduleFrame>(await keel.call('schedule.frame', { from: MON, to: MON }, biller.token));
    expect(frame.providers.map((p) => p.fullName)).toEqual(['Dr Lee', 'Dr Patel']);
    expect(frame.rooms.map((r) => r.name)).toEqual(['Exam 1', 'Exam 2']);
    expect(frame.types.map((t) => t.name)).toEqual(['Visit']);
    expect(frame.working.find((w) => w.staffId === lee)).toEqual({ staffId: lee, source: 'roster', intervals: [{ start: `${MON}T08:00`, end: `${MON}T14:00` }, { start: `${MON}T15:00`, end: `${MON}T16:00` }] });
    expect(frame.working.find((w) => w.staffId === patel)).toEqual({ staffId: patel, source: 'opening_hours', intervals: [{ start: `${MON}T08:00`, end: `${MON}T17:00` }] });
    expect(frame.timeOff).toEqual([{ staffId: lee, start: `${MON}T14:00`, end: `${MON}T15:00`, kind: 'training' }]);
    expect(frame).toMatchObject({ myStaffId: null, lateCancelHours: 24 });
    expect(errorOf(await keel.call('schedule.frame', { from: MON, to: '2026-06-30' }, biller.token)).issues?.[0]).toEqual({ path: 'to', message: 'Choose at most 93 days' });
  });

  it('flags a provider in the frame as of the first day shown, as booking does', async () => {
    valueOf(await keel.call('staffSettings.update', { requirements: { ...DEFAULT_REQUIREMENTS, physician: ['licence'] }, evaluationIntervalMonths: 12, evaluationCriteria: ['Teamwork'] }, manager));
    for (const id of [lee, patel]) valueOf(await keel.call('credentials.save', { staffId: id, kind: 'licence', number: 'L', issuer: 'State', issuedOn: '2025-01-01', expiresOn: id === lee ? '2026-03-10' : '2030-01-01', note: '' }, manager));
    const on = async (date: string) => valueOf<ScheduleFrame>(await keel.call('schedule.frame', { from: date, to: date }, reception.token)).providers.find((p) => p.id === lee)!.flag;
    expect(await on('2026-03-10')).toBeNull();
    expect(await on('2026-03-11')).toEqual({ missing: [], expired: ['licence'] });
    expect((await refusal({ start: '2026-03-11T10:00' })).message).toBe('Dr Lee cannot be booked: License expired.');
    // A look back at last month judges by today.
    expect(await on('2026-02-02')).toBeNull();
    // The standing tells each later day of a longer range: the calendar marks Dr Lee from 03/11 on in a week that starts 03/09.
    const week = valueOf<ScheduleFrame>(await keel.call('schedule.frame', { from: '2026-03-09', to: '2026-03-15' }, reception.token)).providers.find((p) => p.id === lee)!;
    expect(week.flag).toBeNull();
    expect(week.standing).toEqual({ missing: [], expiries: [{ kind: 'licence', expiresOn: '2026-03-10' }] });
  });

  it('refuses bad input naming the field: end before start, off the 5-minute grid, unknown people or rooms, the past', async () => {
    const issue = async (over: Parameters<typeof booking>[0]) => errorOf(await keel.call('appointments.book', booking(over), reception.token)).issues?.[0];
    expect(await issue({ end: `${MON}T09:55` })).toEqual({ path: 'booking.end', message: 'The appointment ends before it starts' });
    expect(await issue({ end: `${MON}T10:00` })).toEqual({ path: 'booking.end', message: 'The appointment ends before it starts' });
    expect((await issue({ start: `${MON}T10:03` }))?.path).toBe('booking.start');
    expect(await issue({ patientId: '01900000-0000-7000-8000-000000000000' })).toEqual({ path: 'booking.patientId', message: 'No such patient' });
    expect(await issue({ providerId: '01900000-0000-7000-8000-000000000000' })).toEqual({ path: 'booking.providerId', message: 'No such provider' });
    expect(await issue({ roomId: '01900000-0000-7000-8000-000000000000' })).toEqual({ path: 'booking.roomId', message: 'No such room' });
    expect(await issue({ start: `${MON}T08:30` })).toEqual({ path: 'booking.start', message: 'That time has passed; only the office manager can enter past appointments' });
    const backEntry = valueOf<Appointment>(await keel.call('appointments.book', booking({ start: `${MON}T08:30` }), manager));
    expect(backEntry.start).toBe(`${MON}T08:30`);
    expect(JSON.parse(auditRows(keel).at(-1)!.detail!)).toMatchObject({ backEntry: true });
    expect(errorOf(await keel.call('appointments.list', { from: MON, to: '2026-06-30' }, reception.token)).issues?.[0]).toEqual({ path: 'to', message: 'Choose at most 3 months' });
  });

  it('lets exactly one of two bookings of the same slot, racing, win', async () => {
    const [a, b] = await Promise.all([keel.call('appointments.book', booking(), reception.token), keel.call('appointments.book', booking({ patientId: bo }), manager)]);
    const outcomes = [a.result.ok, b.result.ok].sort();
    expect(outcomes).toEqual([false, true]);
    const loser = [a, b].find((o) => !o.result.ok)!;
    expect(errorOf(loser).code).toBe('conflict');
    expect(valueOf<Appointment[]>(await keel.call('appointments.list', { from: MON, to: MON }, manager))).toHaveLength(1);
  });
});

describe('status flow and cancellations', () => {
  it('moves booked → confirmed → arrived → in room → completed with time stamps; one step back undoes', async () => {
    // Keep the front desk signed in across the hour this test skips.
    valueOf(await keel.call('clinic.update', { ...CLINIC_EXAMPLE, idleLockMinutes: 240 }, manager));
    const a = await book();
    valueOf(await keel.call('appointments.setStatus', { id: a.id, status: 'confirmed' }, reception.token));
    keel.clock.advanceMinutes(60);
    const arrived = valueOf<Appointment>(await keel.call('appointments.setStatus', { id: a.id, status: 'arrived' }, reception.token));
    expect(arrived.arrivedAt).toBe('2026-03-02T15:00:00.000Z');
    expect(errorOf(await keel.call('appointments.setStatus', { id: a.id, status: 'no_show' }, reception.token)).issues?.[0]?.message).toBe('An appointment that is arrived cannot become no-show');
    keel.clock.advanceMinutes(12);
    const inRoom = valueOf<Appointment>(await keel.call('appointments.setStatus', { id: a.id, status: 'in_room' }, reception.token));
    expect(inRoom.inRoomAt).toBe('2026-03-02T15:12:00.000Z');
    const done = valueOf<Appointment>(await keel.call('appointments.setStatus', { id: a.id, status: 'completed' }, reception.token));
    expect(done.completedAt).not.toBeNull();
    const undone = valueOf<Appointment>(await keel.call('appointments.setStatus', { id: a.id, status: 'in_room' }, reception.token));
    expect(undone.completedAt).toBeNull();
  });

  it('checks a patient in on the day only, and marks a no-show only once the start has passed', async () => {
    const later = await book({ start: `${MON}T11:00`, end: `${MON}T11:30` });
    expect(errorOf(await keel.call('appointments.setStatus', { id: later.id, status: 'no_show' }, reception.token)).issues?.[0]?.message).toBe('A patient can be marked as a no-show only once the appointment has started');
    const nextWeek = await book({ start: '2026-03-09T10:00', end: '2026-03-09T10:30' });
    for (const status of ['arrived', 'in_room', 'completed'] as const) {
      const refused = errorOf(await keel.call('appointments.setStatus', { id: nextWeek.id, status }, reception.token));
      expect(refused.code).toBe('invalid_input');
    }
    expect(errorOf(await keel.call('appointments.setStatus', { id: nextWeek.id, status: 'arrived' }, reception.token)).issues?.[0]?.message).toBe('This appointment is on 2026-03-09: the patient can be checked in on the day');
    expect(valueOf<Appointment>(await keel.call('appointments.get', { id: nextWeek.id }, reception.token)).status).toBe('booked');
    // Arriving early on the day is normal.
    expect(valueOf<Appointment>(await keel.call('appointments.setStatus', { id: later.id, status: 'arrived' }, reception.token)).status).toBe('arrived');
  });

  it('lets a provider change the status of their own appointments only', async () => {
    const doctor = await addUser(keel, manager, { username: 'drlee', role: 'provider' });
    valueOf(await keel.call('staff.update', { id: lee, fullName: 'Dr Lee', jobTitle: '', staffRole: 'physician', phone: '', email: '', employmentType: 'full_time', startDate: '2024-01-15', contractedHours: 40, payType: 'hourly', payRateCents: 2500, colour: '#2b6cb0', userId: doctor.id, bookable: true }, manager));
    const mine = await book();
    const theirs = await book({ patientId: bo, providerId: patel, roomId: exam2 });
    valueOf(await keel.call('appointments.setStatus', { id: mine.id, status: 'arrived' }, doctor.token));
    expect(errorOf(await keel.call('appointments.setStatus', { id: theirs.id, status: 'arrived' }, doctor.token)).code).toBe('forbidden');
    expect(errorOf(await keel.call('appointments.book', booking({ start: `${MON}T11:00` }), doctor.token)).code).toBe('forbidden');
  });

  it('counts a patient’s cancellation under 24 hours as late, not at 24 hours, and not the clinic’s', async () => {
    const tomorrowJustUnder = await book({ start: '2026-03-03T08:55' });
    const tomorrowExactly = await book({ start: '2026-03-03T09:00', patientId: bo, providerId: patel, roomId: exam2 });
    const late = valueOf<{ lateCancel: boolean }>(await keel.call('appointments.cancel', { id: tomorrowJustUnder.id, by: 'patient', reason: 'Sick' }, reception.token));
    expect(late.lateCancel).toBe(true);
    expect(valueOf<{ lateCancel: boolean }>(await keel.call('appointments.cancel', { id: tomorrowExactly.id, by: 'patient', reason: 'Work' }, reception.token)).lateCancel).toBe(false);
    const clinic = await book({ start: '2026-03-03T08:55', patientId: bo, roomId: exam2 });
    expect(valueOf<{ lateCancel: boolean }>(await keel.call('appointments.cancel', { id: clinic.id, by: 'clinic', reason: 'Doctor ill' }, reception.token)).lateCancel).toBe(false);
    const cancelled = valueOf<Appointment>(await keel.call('appointments.get', { id: tomorrowJustUnder.id }, reception.token));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'patient', cancelReason: 'Sick', lateCancel: true });
    // The freed slot can be booked again.
    await book({ start: '2026-03-03T08:55' });
  });

  it('lists a patient’s coming and past appointments with their misses, and audits the look', async () => {
    // A manager enters last week's visits after the fact; one was a no-show, one a late cancel.
    const past = valueOf<Appointment>(await keel.call('appointments.book', booking({ start: '2026-02-23T10:00' }), manager));
    valueOf(await keel.call('appointments.setStatus', { id: past.id, status: 'no_show' }, manager));
    const soon = await book({ start: '2026-03-02T15:00' });
    valueOf(await keel.call('appointments.cancel', { id: soon.id, by: 'patient', reason: 'Work' }, reception.token));
    const next = await book({ start: '2026-03-09T09:00' });
    const later = await book({ start: '2026-03-16T09:00' });
    await book({ patientId: bo, start: '2026-03-10T09:00' });
    const mine = valueOf<PatientAppointments>(await keel.call('appointments.forPatient', { patientId: ann }, reception.token));
    expect(mine.upcoming.map((a) => a.id)).toEqual([next.id, later.id]);
    expect(mine.recent.map((a) => [a.id, a.status])).toEqual([[past.id, 'no_show']]);
    expect(mine).toMatchObject({ noShows: 1, lateCancels: 1 });
    expect(auditRows(keel).at(-1)).toMatchObject({ action: 'appointments.forPatient', patient_id: ann });
    expect(errorOf(await keel.call('appointments.forPatient', { patientId: '00000000-0000-7000-8000-00000000abcd' }, reception.token)).code).toBe('not_found');
  });

  it('offers a freed slot to matching waitlist entries, urgent first; booking closes the entry', async () => {
    const a = await book({ start: '2026-03-04T10:00' });
    const add = async (patientId: string, urgency: string, providerIds: string[] = []) =>
      valueOf<WaitlistEntry>(await keel.call('waitlist.add', { patientId, typeId: visit.id, providerIds, weekdays: [3], timeFrom: '09:00', timeTo: '12:00', urgency, note: '' }, reception.token));
    const carl = valueOf<{ id: string }>(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: 'Carl', lastName: 'Moe' }, confirmDuplicate: true }, manager)).id;
    await add(bo, 'routine');
    await add(carl, 'urgent', [lee]);
    await add(carl, 'soon', [patel]);
    const result = valueOf<{ offers: Array<{ entries: Array<{ patient: { id: string }; urgency: string }> }> }>(await keel.call('appointments.cancel', { id: a.id, by: 'patient', reason: 'Moving' }, reception.token));
    expect(result.offers[0]?.entries.map((e) => [e.patient.id, e.urgency])).toEqual([
      [carl, 'urgent'],
      [bo, 'routine'],
    ]);
    await book({ patientId: bo, start: '2026-03-04T10:00' });
    const waiting = valueOf<WaitlistEntry[]>(await keel.call('waitlist.list', {}, reception.token));
    expect(waiting.map((w) => w.patient.id)).toEqual([carl, carl]);
  });
});

describe('recurring series', () => {
  const repeat = (r: object) => ({ ...booking({ start: `${MON}T11:00` }), repeat: r });

  it('expands RFC 5545 rules: weekly on weekdays, every other week, monthly by date and by nth weekday, until a date', async () => {
    const starts = async (r: object, start = `${MON}T11:00`) => valueOf<SeriesPreview>(await keel.call('appointments.previewSeries', { ...booking({ start }), repeat: r }, reception.token)).occurrences.map((o) => o.start.slice(0, 10));
    expect(await starts({ freq: 'weekly', interval: 1, weekdays: [2, 4], count: 5 }, '2026-03-03T11:00')).toEqual(['2026-03-03', '2026-03-05', '2026-03-10', '2026-03-12', '2026-03-17']);
    expect(await starts({ freq: 'weekly', interval: 2, count: 3 })).toEqual(['2026-03-02', '2026-03-16', '2026-03-30']);
    expect(await starts({ freq: 'monthly', interval: 1, monthlyBy: 'date', count: 3 }, '2026-03-10T11:00')).toEqual(['2026-03-10', '2026-04-10', '2026-05-10']);
    expect(await starts({ freq: 'monthly', interval: 1, monthlyBy: 'weekday', count: 3 }, '2026-03-10T11:00')).toEqual(['2026-03-10', '2026-04-14', '2026-05-12']);
    expect(await starts({ freq: 'daily', interval: 3, until: '2026-03-12' })).toEqual(['2026-03-02', '2026-03-05', '2026-03-08', '2026-03-11']);
  });

  it('keeps the wall-clock time across the US DST changes of 2026-03-08 and 2026-11-01', async () => {
    const spring = valueOf<SeriesPreview>(await keel.call('appointments.previewSeries', repeat({ freq: 'weekly', interval: 1, count: 3 }), reception.token));
    expect(spring.occurrences.map((o) => o.start)).toEqual([`${MON}T11:00`, '2026-03-09T11:00', '2026-03-16T11:00']);
    const fall = valueOf<SeriesPreview>(await keel.call('appointments.previewSeries', { ...booking({ start: '2026-10-26T11:00' }), repeat: { freq: 'weekly', interval: 1, count: 2 } }, reception.token));
    expect(fall.occurrences.map((o) => o.start)).toEqual(['2026-10-26T11:00', '2026-11-02T11:00']);
  });

  it('refuses more than 300 occurrences, a rule without an end, and a malformed one', async () => {
    expect(errorOf(await keel.call('appointments.previewSeries', repeat({ freq: 'daily', interval: 1, count: 301 }), reception.token)).issues?.[0]?.path).toBe('repeat.count');
    expect(errorOf(await keel.call('appointments.previewSeries', repeat({ freq: 'daily', interval: 1, until: '2027-12-31' }), reception.token)).issues?.[0]).toEqual({ path: 'repeat', message: 'The series would have more than 300 appointments; end it sooner' });
    expect(errorOf(await keel.call('appointments.previewSeries', repeat({ freq: 'weekly', interval: 1 }), reception.token)).issues?.[0]?.message).toBe('Say when the series ends: after a number of times, or on a date');
    expect(errorOf(await keel.call('appointments.previewSeries', repeat({ freq: 'yearly', interval: 1, count: 2 }), reception.token)).code).toBe('invalid_input');
  });

  it('previews conflicts, books skipping them, and lets one occurrence, this and following, or all change', async () => {
    await book({ patientId: bo, start: '2026-03-09T11:00' });
    const preview = valueOf<SeriesPreview>(await keel.call('appointments.previewSeries', repeat({ freq: 'weekly', interval: 1, count: 4 }), reception.token));
    expect(preview.rrule).toBe('RRULE:FREQ=WEEKLY;COUNT=4');
    expect(preview.occurrences.map((o) => o.conflicts.map((c) => c.kind))).toEqual([[], ['provider', 'room'], [], []]);
    expect(errorOf(await keel.call('appointments.bookSeries', { ...repeat({ freq: 'weekly', interval: 1, count: 4 }), skipConflicts: false }, reception.token)).code).toBe('conflict');
    const booked = valueOf<{ booked: number; skipped: Array<{ start: string }> }>(await keel.call('appointments.bookSeries', { ...repeat({ freq: 'weekly', interval: 1, count: 4 }), skipConflicts: true }, reception.token));
    expect(booked).toMatchObject({ booked: 3, skipped: [{ start: '2026-03-09T11:00' }] });
    const series = () => keel.call('appointments.list', { from: MON, to: '2026-03-31', patientId: ann }, reception.token).then((o) => valueOf<Appointment[]>(o).map((a) => a.start));
    expect(await series()).toEqual([`${MON}T11:00`, '2026-03-16T11:00', '2026-03-23T11:00']);
    const [first, second] = valueOf<Appointment[]>(await keel.call('appointments.list', { from: MON, to: '2026-03-31', patientId: ann }, reception.token));
    valueOf(await keel.call('appointments.update', { id: first!.id, changes: { start: `${MON}T14:00`, end: `${MON}T14:30` } }, reception.token));
    expect(await series()).toEqual([`${MON}T14:00`, '2026-03-16T11:00', '2026-03-23T11:00']);
    valueOf(await keel.call('appointments.update', { id: second!.id, changes: { start: '2026-03-16T13:00' }, scope: 'following' }, reception.token));
    expect(await series()).toEqual([`${MON}T14:00`, '2026-03-16T13:00', '2026-03-23T13:00']);
    valueOf(await keel.call('appointments.update', { id: second!.id, changes: { note: 'Bring results' }, scope: 'all' }, reception.token));
    const notes = valueOf<Appointment[]>(await keel.call('appointments.list', { from: MON, to: '2026-03-31', patientId: ann }, reception.token)).map((a) => a.note);
    expect(notes).toEqual(['Bring results', 'Bring results', 'Bring results']);
    expect(valueOf<{ cancelled: number }>(await keel.call('appointments.cancel', { id: second!.id, by: 'clinic', reason: 'Course ended', scope: 'following' }, reception.token)).cancelled).toBe(2);
    expect(await series()).toEqual([`${MON}T14:00`]);
  });
});

describe('finding the next open slot', () => {
  it('gives the first free slot on each day, honouring shifts, time off, bookings, rooms and the time window', async () => {
    await addShift(keel, manager, lee, `${MON}T13:00`, `${MON}T17:00`);
    await addShift(keel, manager, lee, '2026-03-03T08:00', '2026-03-03T12:00');
    await addShift(keel, manager, lee, '2026-03-04T08:00', '2026-03-04T12:00');
    await book({ start: `${MON}T13:00` });
    const off = valueOf<{ id: string }>(await keel.call('timeoff.request', { staffId: lee, kind: 'other', start: '2026-03-03T08:00', end: '2026-03-03T10:00', note: '' }, manager));
    valueOf(await keel.call('timeoff.decide', { id: off.id, decision: 'approved', comment: '' }, manager));
    const slots = valueOf<OpenSlot[]>(await keel.call('appointments.findOpenSlots', { typeId: visit.id, providerIds: [lee], from: MON, to: '2026-03-10', days: 3 }, reception.token));
    expect(slots.map((s) => [s.start, s.roomName])).toEqual([
      [`${MON}T13:30`, 'Exam 1'],
      ['2026-03-03T10:00', 'Exam 1'],
      ['2026-03-04T08:00', 'Exam 1'],
    ]);
    const afternoon = valueOf<OpenSlot[]>(await keel.call('appointments.findOpenSlots', { typeId: visit.id, providerIds: [lee], from: MON, to: '2026-03-10', timeFrom: '11:00', timeTo: '12:00', days: 2 }, reception.token));
    expect(afternoon.map((s) => s.start)).toEqual(['2026-03-03T11:00', '2026-03-04T11:00']);
    // Any provider: Dr Patel has no shifts, so the clinic's hours count; it is 9:00 now.
    const any = valueOf<OpenSlot[]>(await keel.call('appointments.findOpenSlots', { typeId: visit.id, from: MON, to: MON }, reception.token));
    expect(any).toEqual([expect.objectContaining({ start: `${MON}T09:15`, providerName: 'Dr Patel' })]);
  });
});

describe('calendar export', () => {
  it('writes an ICS file an independent parser reads back, in UTC, with only the patient’s initials', async () => {
    const a = await book();
    await book({ patientId: bo, start: '2026-11-02T09:00', roomId: exam2 });
    const out = valueOf<{ ics: string; events: number }>(await keel.call('appointments.ics', { providerId: lee, from: MON, to: '2026-12-31' }, reception.token));
    expect(out.events).toBe(2);
    const calendar = new ICAL.Component(ICAL.parse(out.ics));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => [e.uid, e.startDate.toString(), e.endDate.toString(), e.summary, e.location])).toEqual([
      [`${a.id}@keel`, '2026-03-02T15:00:00Z', '2026-03-02T15:30:00Z', 'Visit — A. S.', 'Exam 1'],
      [expect.any(String), '2026-11-02T14:00:00Z', '2026-11-02T14:30:00Z', 'Visit — B. L.', 'Exam 2'],
    ]);
    expect(out.ics).not.toContain('Smith');
    expect(out.ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  });
});
