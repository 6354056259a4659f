import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterWeek } from '../../shared/contract/roster';
import type { TimeOff } from '../../shared/contract/timeoff';
import { addShift, addStaff, auditRows, openTestKeel, setUpClinic, valueOf, type TestKeel } from '../support/harness';

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

describe('templates and copying', () => {
  it('builds a week from a template, skips shifts already there and approved time off, and copies the week', async () => {
    const other = await addStaff(keel, manager, { fullName: 'Riley Chen', staffRole: 'receptionist' });
    const template = valueOf<{ id: string }>(await keel.call('templates.save', { name: 'Mon–Fri days', weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '17:00', breakMinutes: 30, active: true }, manager));
    const off = valueOf<TimeOff>(await keel.call('timeoff.request', { staffId: other, kind: 'training', start: '2026-03-06T00:00', end: '2026-03-07T00:00', note: '' }, manager));
    valueOf(await keel.call('timeoff.decide', { id: off.id, decision: 'approved', comment: '' }, manager));
    await addShift(keel, manager, ma, '2026-03-02T09:00', '2026-03-02T13:00');
    const applied = valueOf<{ created: number; skipped: number }>(await keel.call('roster.applyTemplate', { templateId: template.id, weekStart: '2026-03-04', staffIds: [ma, other] }, manager));
    expect(applied).toMatchObject({ created: 8, skipped: 2 });
    const again = valueOf<{ created: number; skipped: number }>(await keel.call('roster.applyTemplate', { templateId: template.id, weekStart: '2026-03-02', staffIds: [ma] }, manager));
    expect(again).toMatchObject({ created: 0, skipped: 5 });

    const copied = valueOf<{ copied: number; skipped: number }>(await keel.call('roster.copyWeek', { fromWeekStart: '2026-03-02', toWeekStart: '2026-03-09' }, manager));
    expect(copied).toEqual({ copied: 9, skipped: 0 });
    const next = valueOf<RosterWeek>(await keel.call('roster.week', { weekStart: '2026-03-09' }, manager));
    expect(next.shifts.map((s) => `${s.start}–${s.end.slice(11)}`).filter((s) => s.startsWith('2026-03-09'))).toEqual(['2026-03-09T08:00–17:00', '2026-03-09T09:00–13:00']);
    expect(valueOf<{ copied: number }>(await keel.call('roster.copyWeek', { fromWeekStart: '2026-03-02', toWeekStart: '2026-03-09' }, manager)).copied).toBe(0);
    expect(auditRows(keel).filter((r) => r.action === 'roster.copyWeek')).toHaveLength(2);
  });

  it('runs a template past midnight into the next day', async () => {
    const night = valueOf<{ id: string }>(await keel.call('templates.save', { name: 'Night', weekdays: [7], startTime: '22:00', endTime: '06:00', breakMinutes: 30, active: true }, manager));
    valueOf(await keel.call('roster.applyTemplate', { templateId: night.id, weekStart: '2026-03-02', staffIds: [ma] }, manager));
    const week = valueOf<RosterWeek>(await keel.call('roster.week', { weekStart: '2026-03-02' }, manager));
    expect(week.shifts.map((s) => [s.start, s.end, s.paidMinutes])).toEqual([['2026-03-08T22:00', '2026-03-09T06:00', 7 * 60 + 30]]);
  });
});
