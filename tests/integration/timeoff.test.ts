import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../shared/contract/appointments';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import type { LabourReport, RosterWeek } from '../../shared/contract/roster';
import type { TimeOffDecision, TimeOffImpact } from '../../shared/contract/timeoff';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { DEFAULT_REQUIREMENTS } from '../../shared/domain/staff';
import { addShift, addStaff, addUser, auditRows, errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

/** The test clock stands at Monday 2026-03-02, 09:00 in New York; Kai works 8:00 AM–4:30 PM all week. */
let keel: TestKeel;
let manager: string;
let kai: string;

beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
  const none = Object.fromEntries(Object.keys(DEFAULT_REQUIREMENTS).map((r) => [r, []]));
  valueOf(await keel.call('staffSettings.update', { requirements: none, evaluationIntervalMonths: 12, evaluationCriteria: ['Teamwork'] }, manager));
  kai = await addStaff(keel, manager, { fullName: 'Kai Goldberg', staffRole: 'nurse_ma', payRateCents: 2500 });
  for (const day of ['02', '03', '04', '05', '06']) await addShift(keel, manager, kai, `2026-03-${day}T08:00`, `2026-03-${day}T16:30`, 30);
});
afterEach(async () => keel.close());

const request = async (start: string, end: string, kind = 'vacation') => valueOf<{ id: string }>(await keel.call('timeoff.request', { staffId: kai, kind, start, end, note: '' }, manager)).id;
const impact = async (id: string) => valueOf<TimeOffImpact>(await keel.call('timeoff.impact', { id }, manager));
const week = async () => valueOf<RosterWeek>(await keel.call('roster.week', { weekStart: '2026-03-02' }, manager));
const kaisShifts = async () => (await week()).shifts.filter((s) => s.staffId === kai).map((s) => [s.start, s.end, s.breakMinutes]);

describe('approving time off over rostered shifts', () => {
  it('shows the shifts a vacation takes away with their hours and cost, removes them with the approval in one audited change, and the labor cost drops', async () => {
    const id = await request('2026-03-04T00:00', '2026-03-06T00:00');
    const before = await impact(id);
    expect(before.shifts.map((c) => [c.shift.start, c.effect, c.keeps, c.paidMinutesLost])).toEqual([
      ['2026-03-04T08:00', 'remove', [], 480],
      ['2026-03-05T08:00', 'remove', [], 480],
    ]);
    expect(before).toMatchObject({ paidMinutesLost: 960, costCents: 40000, appointments: [] });
    const labour = async () => valueOf<LabourReport>(await keel.call('roster.labour', { from: '2026-03-02', to: '2026-03-08' }, manager)).totals;
    expect(await labour()).toMatchObject({ paidMinutes: 5 * 480, costCents: 5 * 8 * 2500 });

    const decided = valueOf<TimeOffDecision>(await keel.call('timeoff.decide', { id, decision: 'approved', comment: 'Enjoy', removeShifts: true }, manager));
    expect(decided).toMatchObject({ status: 'approved', shiftsRemoved: 2, shiftsShortened: 0 });
    expect(await kaisShifts()).toEqual([
      ['2026-03-02T08:00', '2026-03-02T16:30', 30],
      ['2026-03-03T08:00', '2026-03-03T16:30', 30],
      ['2026-03-06T08:00', '2026-03-06T16:30', 30],
    ]);
    expect((await week()).warnings.filter((w) => w.kind === 'time_off')).toEqual([]);
    expect(await labour()).toMatchObject({ paidMinutes: 3 * 480, costCents: 3 * 8 * 2500 });
    const audit = auditRows(keel).at(-1)!;
    expect(audit).toMatchObject({ action: 'timeoff.decide', outcome: 'ok', target_id: id });
    expect(JSON.parse(audit.detail!)).toEqual({ staffId: kai, decision: 'approved', shiftsRemoved: before.shifts.map((c) => c.shift.id), shiftsShortened: [], shiftsAdded: [] });
  });

  it('cuts a shift around part of a day off into the hours before and after, and shortens one the time off only starts or ends in', async () => {
    const appointment = await request('2026-03-03T12:00', '2026-03-03T15:00', 'other');
    const preview = await impact(appointment);
    expect(preview.shifts.map((c) => [c.effect, c.keeps, c.paidMinutesLost])).toEqual([
      [
        'split',
        [
          { start: '2026-03-03T08:00', end: '2026-03-03T12:00', breakMinutes: 30 },
          { start: '2026-03-03T15:00', end: '2026-03-03T16:30', breakMinutes: 0 },
        ],
        480 - 210 - 90,
      ],
    ]);
    expect(valueOf<TimeOffDecision>(await keel.call('timeoff.decide', { id: appointment, decision: 'approved', comment: '', removeShifts: true }, manager))).toMatchObject({ shiftsRemoved: 0, shiftsShortened: 1 });
    const sick = await request('2026-03-05T13:00', '2026-03-06T10:00', 'sick');
    valueOf(await keel.call('timeoff.decide', { id: sick, decision: 'approved', comment: '', removeShifts: true }, manager));
    expect(await kaisShifts()).toEqual([
      ['2026-03-02T08:00', '2026-03-02T16:30', 30],
      ['2026-03-03T08:00', '2026-03-03T12:00', 30],
      ['2026-03-03T15:00', '2026-03-03T16:30', 0],
      ['2026-03-04T08:00', '2026-03-04T16:30', 30],
      ['2026-03-05T08:00', '2026-03-05T13:00', 30],
      ['2026-03-06T10:00', '2026-03-06T16:30', 30],
    ]);
  });

  it('keeps the shifts when asked to, and refuses to remove shifts with a decline, changing nothing', async () => {
    const id = await request('2026-03-04T00:00', '2026-03-05T00:00');
    const before = snapshot(keel);
    expect(errorOf(await keel.call('timeoff.decide', { id, decision: 'declined', comment: '', removeShifts: true }, manager)).issues).toEqual([
      { path: 'removeShifts', message: 'Shifts are removed only when the time off is approved' },
    ]);
    expect(snapshot(keel)).toEqual(before);
    expect(valueOf<TimeOffDecision>(await keel.call('timeoff.decide', { id, decision: 'approved', comment: '' }, manager))).toMatchObject({ shiftsRemoved: 0, shiftsShortened: 0 });
    expect(await kaisShifts()).toHaveLength(5);
    expect((await week()).warnings.filter((w) => w.kind === 'time_off')).toHaveLength(1);
  });

  it('lists the provider’s booked appointments during the time off, for the manager only', async () => {
    const lee = await addStaff(keel, manager, { fullName: 'Dr Lee', staffRole: 'physician', bookable: true });
    const visit = valueOf<AppointmentType>(await keel.call('appointmentTypes.save', { name: 'Visit', durationMinutes: 30, colour: '#2b6cb0', roomKind: null, providerRoles: ['physician'], active: true }, manager));
    const ann = valueOf<{ id: string }>(await keel.call('patients.create', { details: PATIENT_EXAMPLE, confirmDuplicate: true }, manager)).id;
    const booked = valueOf<Appointment>(await keel.call('appointments.book', { booking: { patientId: ann, providerId: lee, typeId: visit.id, roomId: null, start: '2026-03-10T10:00', reason: '', note: '' } }, manager));
    const id = valueOf<{ id: string }>(await keel.call('timeoff.request', { staffId: lee, kind: 'vacation', start: '2026-03-10T00:00', end: '2026-03-11T00:00', note: '' }, manager)).id;
    expect((await impact(id)).appointments.map((a) => [a.appointmentId, a.patientName, a.phone])).toEqual([[booked.id, 'Smith, Ann', '(555) 123-4567']]);
    expect(auditRows(keel).at(-1)).toMatchObject({ action: 'timeoff.impact', kind: 'read-phi' });
    const { token } = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist' });
    expect(errorOf(await keel.call('timeoff.impact', { id }, token)).code).toBe('forbidden');
  });
});
