import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabourReport, ProviderAvailability, RosterWarning, RosterWeek } from '../../shared/contract/roster';
import type { TimeOff } from '../../shared/contract/timeoff';
import { addShift, addStaff, addUser, errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
let ma: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
  ma = await addStaff(keel, manager, { fullName: 'Jordan Reyes', staffRole: 'nurse_ma', contractedHours: 30 });
  // Give Jordan every required credential, so only the rule under test warns.
  for (const kind of ['cpr_bls', 'osha_bbp', 'hipaa']) valueOf(await keel.call('credentials.save', { staffId: ma, kind, number: '', issuer: '', issuedOn: null, expiresOn: '2030-01-01', note: '' }, manager));
});
afterEach(async () => keel.close());

const kinds = (warnings: ReadonlyArray<{ kind: string }>) => warnings.map((w) => w.kind).sort();

describe('shift input', () => {
  it('refuses an end before the start, a shift over 16 hours and a break as long as the shift, naming the field, writing nothing', async () => {
    const before = snapshot(keel);
    const shift = { staffId: ma, start: '2026-03-02T08:00', end: '2026-03-02T17:00', breakMinutes: 30, note: '' };
    expect(errorOf(await keel.call('roster.saveShift', { ...shift, end: '2026-03-02T07:00' }, manager)).issues).toEqual([{ path: 'end', message: 'The shift ends before it starts' }]);
    expect(errorOf(await keel.call('roster.saveShift', { ...shift, end: '2026-03-03T00:05' }, manager)).issues).toEqual([{ path: 'end', message: 'A shift can be at most 16 hours' }]);
    expect(errorOf(await keel.call('roster.saveShift', { ...shift, end: '2026-03-02T12:00', breakMinutes: 240 }, manager)).issues).toEqual([{ path: 'breakMinutes', message: 'The break is as long as the shift or longer' }]);
    expect(errorOf(await keel.call('roster.saveShift', { ...shift, start: '2026-03-02T08:03' }, manager)).issues?.[0]?.path).toBe('start');
    expect(snapshot(keel)).toEqual(before);
  });

  it('allows a 16-hour shift across midnight', async () => {
    const { warnings } = await addShift(keel, manager, ma, '2026-03-02T16:00', '2026-03-03T08:00', 60);
    expect(kinds(warnings)).toEqual([]);
  });
});

describe('roster warnings', () => {
  it('warns of two shifts of one person that overlap', async () => {
    await addShift(keel, manager, ma, '2026-03-02T08:00', '2026-03-02T12:00');
    const { warnings } = await addShift(keel, manager, ma, '2026-03-02T11:00', '2026-03-02T15:00');
    expect(warnings).toEqual([expect.objectContaining({ kind: 'overlap', message: 'Overlaps Jordan Reyes’s shift Mon 8:00 AM–12:00 PM' })]);
  });

  it('does not count the gap in a split shift as rest', async () => {
    await addShift(keel, manager, ma, '2026-03-02T08:00', '2026-03-02T12:00');
    expect(kinds((await addShift(keel, manager, ma, '2026-03-02T13:00', '2026-03-02T17:00')).warnings)).toEqual([]);
  });

  it('warns of less than 8 hours of rest across midnight, and across the week boundary', async () => {
    await addShift(keel, manager, ma, '2026-03-02T14:00', '2026-03-02T23:00');
    const next = await addShift(keel, manager, ma, '2026-03-03T06:00', '2026-03-03T10:00');
    expect(next.warnings).toEqual([expect.objectContaining({ kind: 'rest', message: 'Only 7 h of rest after the shift ending Mon 11:00 PM (at least 8 h)' })]);
    // Sunday night to Monday morning: the warning is on Monday's shift, in the new week.
    await addShift(keel, manager, ma, '2026-03-08T15:00', '2026-03-08T23:30');
    const monday = await addShift(keel, manager, ma, '2026-03-09T06:00', '2026-03-09T12:00');
    expect(kinds(monday.warnings)).toEqual(['rest']);
    const week = valueOf<RosterWeek>(await keel.call('roster.week', { weekStart: '2026-03-09' }, manager));
    expect(week.warnings.filter((w) => w.kind === 'rest')).toHaveLength(1);
    // Exactly 8 hours is enough.
    const ok = await addShift(keel, manager, ma, '2026-03-10T07:00', '2026-03-10T12:00');
    await addShift(keel, manager, ma, '2026-03-09T18:00', '2026-03-09T23:00');
    expect(kinds(valueOf<RosterWarning[]>(await keel.call('roster.checkShift', { id: ok.id, staffId: ma, start: '2026-03-10T07:00', end: '2026-03-10T12:00', breakMinutes: 0, note: '' }, manager)))).toEqual([]);
  });

  it('counts overtime over 40 paid hours in the ISO week only, and hours above the contract', async () => {
    // Sunday 2026-03-01 belongs to the week before.
    await addShift(keel, manager, ma, '2026-03-01T08:00', '2026-03-01T18:00');
    for (const day of ['02', '03', '04', '05']) await addShift(keel, manager, ma, `2026-03-${day}T07:00`, `2026-03-${day}T17:30`, 30);
    let week = valueOf<RosterWeek>(await keel.call('roster.week', { weekStart: '2026-03-04' }, manager));
    expect(week.weekStart).toBe('2026-03-02');
    expect(kinds(week.warnings)).toEqual(['contracted']); // 40 h exactly: not overtime, above the 30 contracted
    const { warnings } = await addShift(keel, manager, ma, '2026-03-06T08:00', '2026-03-06T09:30');
    expect(warnings.map((w) => w.message)).toEqual(['Jordan Reyes: 41 h 30 min this week, 1 h 30 min over 40 h (overtime)', 'Jordan Reyes: 41 h 30 min this week, above the contracted 30 h']);
    week = valueOf<RosterWeek>(await keel.call('roster.week', { weekStart: '2026-03-02' }, manager));
    expect(week.hours.find((h) => h.staffId === ma)).toEqual({ staffId: ma, paidMinutes: 41.5 * 60, overtimeMinutes: 90, costCents: Math.round(2500 * 41.5) });
  });

  it('pays the real length of a night shift over the DST change', async () => {
    await addShift(keel, manager, ma, '2026-03-07T22:00', '2026-03-08T06:00');
    const week = valueOf<RosterWeek>(await keel.call('roster.week', { weekStart: '2026-03-02' }, manager));
    expect(week.shifts[0]?.paidMinutes).toBe(7 * 60);
  });

  it('warns of a shift during approved time off, not pending', async () => {
    const request = valueOf<TimeOff>(await keel.call('timeoff.request', { staffId: ma, kind: 'vacation', start: '2026-03-03T00:00', end: '2026-03-04T00:00', note: 'Beach' }, manager));
    expect(kinds((await addShift(keel, manager, ma, '2026-03-03T08:00', '2026-03-03T12:00')).warnings)).toEqual([]);
    valueOf(await keel.call('timeoff.decide', { id: request.id, decision: 'approved', comment: 'Enjoy' }, manager));
    const again = await addShift(keel, manager, ma, '2026-03-03T14:00', '2026-03-03T15:00');
    expect(again.warnings).toEqual([expect.objectContaining({ kind: 'time_off', message: 'During approved time off (vacation, Tue 12:00 AM–Wed 12:00 AM)' })]);
  });

  it('warns when a flagged person is rostered: a required credential missing, or expired by the shift’s day', async () => {
    const doc = await addStaff(keel, manager, { fullName: 'Dr Sam Lee', staffRole: 'physician', bookable: true });
    const missing = await addShift(keel, manager, doc, '2026-03-02T08:00', '2026-03-02T12:00');
    expect(missing.warnings[0]?.message).toBe('Rostered while flagged: License missing, DEA registration missing, Board certification missing, CPR / BLS missing, OSHA bloodborne pathogens training missing, HIPAA training missing');
    valueOf(await keel.call('credentials.save', { staffId: ma, kind: 'hipaa', number: '', issuer: '', issuedOn: '2025-03-01', expiresOn: '2026-03-04', note: '' }, manager));
    // The renewal above is older than the 2030 one, so Jordan stays valid; archive the 2030 one to make it current.
    const list = valueOf<Array<{ id: string; kind: string; expiresOn: string }>>(await keel.call('credentials.list', { staffId: ma }, manager));
    valueOf(await keel.call('credentials.archive', { id: list.find((c) => c.kind === 'hipaa' && c.expiresOn === '2030-01-01')!.id }, manager));
    expect(kinds((await addShift(keel, manager, ma, '2026-03-04T08:00', '2026-03-04T12:00')).warnings)).toEqual([]);
    expect(kinds((await addShift(keel, manager, ma, '2026-03-05T08:00', '2026-03-05T12:00')).warnings)).toEqual(['flagged']);
  });
});

describe('provider availability', () => {
  it('is the opening hours until a provider has shifts, then the shifts, both less approved time off', async () => {
    const doc = await addStaff(keel, manager, { fullName: 'Dr Sam Lee', staffRole: 'physician', bookable: true });
    await addStaff(keel, manager, { fullName: 'Not Bookable', staffRole: 'physician', bookable: false });
    const off = valueOf<TimeOff>(await keel.call('timeoff.request', { staffId: doc, kind: 'other', start: '2026-03-03T12:00', end: '2026-03-03T13:00', note: '' }, manager));
    valueOf(await keel.call('timeoff.decide', { id: off.id, decision: 'approved', comment: '' }, manager));
    let availability = valueOf<ProviderAvailability[]>(await keel.call('roster.availability', { from: '2026-03-02', to: '2026-03-03' }, manager));
    expect(availability).toEqual([
      {
        staffId: doc,
        fullName: 'Dr Sam Lee',
        source: 'opening_hours',
        intervals: [
          { start: '2026-03-02T08:00', end: '2026-03-02T17:00' },
          { start: '2026-03-03T08:00', end: '2026-03-03T12:00' },
          { start: '2026-03-03T13:00', end: '2026-03-03T17:00' },
        ],
      },
    ]);
    await addShift(keel, manager, doc, '2026-03-03T09:00', '2026-03-03T15:00');
    availability = valueOf<ProviderAvailability[]>(await keel.call('roster.availability', { from: '2026-03-02', to: '2026-03-03', staffIds: [doc] }, manager));
    expect(availability[0]).toMatchObject({
      source: 'roster',
      intervals: [
        { start: '2026-03-03T09:00', end: '2026-03-03T12:00' },
        { start: '2026-03-03T13:00', end: '2026-03-03T15:00' },
      ],
    });
    expect(errorOf(await keel.call('roster.availability', { from: '2026-03-02', to: '2026-07-02' }, manager)).issues?.[0]).toEqual({ path: 'to', message: 'Choose at most 92 days' });
  });
});

describe('hours and labour cost', () => {
  it('per person and in total for a month, salaried staff pro rata; cost only for the manager', async () => {
    await addStaff(keel, manager, { fullName: 'Avery Salaried', staffRole: 'manager', payType: 'salary', payRateCents: 73_000_00, startDate: '2020-01-01' });
    await addShift(keel, manager, ma, '2026-03-02T08:00', '2026-03-02T16:30', 30);
    await addShift(keel, manager, ma, '2026-04-01T08:00', '2026-04-01T12:00');
    const report = valueOf<LabourReport>(await keel.call('roster.labour', { from: '2026-03-01', to: '2026-03-31' }, manager));
    expect(report.people.map((p) => [p.fullName, p.paidMinutes, p.costCents])).toEqual([
      ['Jordan Reyes', 480, 20000],
      ['Avery Salaried', 0, 620000], // 31 days of 73,000 a year
    ]);
    expect(report.totals).toEqual({ paidMinutes: 480, overtimeMinutes: 0, costCents: 640000 });

    const reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist' });
    expect(errorOf(await keel.call('roster.labour', { from: '2026-03-01', to: '2026-03-31' }, reception.token)).code).toBe('forbidden');
    const week = valueOf<RosterWeek>(await keel.call('roster.week', { weekStart: '2026-03-02' }, reception.token));
    expect(week.hours.every((h) => h.costCents === null)).toBe(true);
    expect(week.totals.costCents).toBeNull();
  });
});
