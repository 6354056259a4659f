import { describe, expect, it } from 'vitest';
import { coverageGaps, labourCostCents, paidMinutes, workingIntervals } from '../../shared/domain/roster';
import { evaluationDue, expiryAlert } from '../../shared/domain/staff';
import { elapsedMinutes, mondayOf } from '../../shared/domain/time';

describe('credential expiry alerts', () => {
  const today = '2026-03-02';
  it.each([
    ['2026-05-31', 90], // 90 days left
    ['2026-06-01', null], // 91 days left
    ['2026-05-01', 60], // 60 days left
    ['2026-05-02', 90], // 61 days left
    ['2026-04-01', 30], // 30 days left
    ['2026-04-02', 60], // 31 days left
    ['2026-03-09', 7], // 7 days left
    ['2026-03-10', 30], // 8 days left
    ['2026-03-02', 7], // expires today: still valid today
    ['2026-03-01', 'expired'], // expired yesterday
  ] as const)('a credential expiring %s alerts %s', (expiresOn, alert) => {
    expect(expiryAlert(expiresOn, today)).toBe(alert);
  });
  it('never alerts for a credential without an expiry date', () => expect(expiryAlert(null, today)).toBeNull());
});

describe('evaluations', () => {
  it('are due a year after the start, then a year after the last one', () => {
    expect(evaluationDue('2024-05-01', null, 12)).toBe('2025-05-01');
    expect(evaluationDue('2024-05-01', '2025-04-20', 12)).toBe('2026-04-20');
    expect(evaluationDue('2024-01-31', null, 1)).toBe('2024-02-29');
  });
});

describe('paid time across the US DST changes (America/New_York)', () => {
  const zone = 'America/New_York';
  it('a night shift over the spring-forward change of 2026-03-08 is an hour shorter', () => {
    expect(elapsedMinutes('2026-03-07T22:00', '2026-03-08T06:00', zone)).toBe(7 * 60);
    expect(paidMinutes({ start: '2026-03-07T22:00', end: '2026-03-08T06:00', breakMinutes: 30 }, zone)).toBe(6 * 60 + 30);
  });
  it('a night shift over the fall-back change of 2026-11-01 is an hour longer', () => {
    expect(elapsedMinutes('2026-10-31T22:00', '2026-11-01T06:00', zone)).toBe(9 * 60);
  });
  it('a day shift on a DST Sunday is its wall-clock length', () => {
    expect(elapsedMinutes('2026-03-08T08:00', '2026-03-08T17:00', zone)).toBe(9 * 60);
  });
  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
  });
});

describe('labour cost', () => {
  it('is rate × paid hours for hourly staff', () => {
    expect(labourCostCents({ payType: 'hourly', payRateCents: 2500, startDate: '2020-01-01', endDate: null }, 90, '2026-03-02', '2026-03-08')).toBe(3750);
  });
  it('is the yearly salary pro rata by day, only for days employed', () => {
    expect(labourCostCents({ payType: 'salary', payRateCents: 365_000_00, startDate: '2020-01-01', endDate: null }, 0, '2026-03-02', '2026-03-08')).toBe(7000_00);
    expect(labourCostCents({ payType: 'salary', payRateCents: 365_000_00, startDate: '2026-03-05', endDate: null }, 0, '2026-03-02', '2026-03-08')).toBe(4000_00);
    expect(labourCostCents({ payType: 'salary', payRateCents: 365_000_00, startDate: '2020-01-01', endDate: '2026-02-01' }, 0, '2026-03-02', '2026-03-08')).toBe(0);
  });
});

describe('working intervals', () => {
  it('merge touching shifts and lose approved time off', () => {
    expect(
      workingIntervals(
        [
          { start: '2026-03-02T08:00', end: '2026-03-02T12:00' },
          { start: '2026-03-02T12:00', end: '2026-03-02T17:00' },
        ],
        [{ start: '2026-03-02T10:00', end: '2026-03-02T11:00' }],
      ),
    ).toEqual([
      { start: '2026-03-02T08:00', end: '2026-03-02T10:00' },
      { start: '2026-03-02T11:00', end: '2026-03-02T17:00' },
    ]);
  });
});

describe('coverage', () => {
  const rule = { id: 'r', name: 'Weekday MAs', weekdays: [1], startTime: '08:00', endTime: '17:00', requirements: [{ staffRole: 'nurse_ma' as const, min: 2 }], active: true };
  const roleOf = new Map([
    ['a', 'nurse_ma' as const],
    ['b', 'nurse_ma' as const],
  ]);
  it('finds the part of the day a partial-day time off leaves short', () => {
    const gaps = coverageGaps({
      days: ['2026-03-02'],
      rules: [rule],
      roleOf,
      shifts: [
        { id: '1', staffId: 'a', start: '2026-03-02T08:00', end: '2026-03-02T17:00', breakMinutes: 30 },
        { id: '2', staffId: 'b', start: '2026-03-02T08:00', end: '2026-03-02T17:00', breakMinutes: 30 },
      ],
      approvedTimeOff: [{ staffId: 'b', kind: 'other', start: '2026-03-02T12:00', end: '2026-03-02T14:30' }],
    });
    expect(gaps).toEqual([{ ruleName: 'Weekday MAs', date: '2026-03-02', from: '12:00', to: '14:30', staffRole: 'nurse_ma', required: 2, actual: 1 }]);
  });
  it('reports a whole uncovered window once, and nothing on days the rule does not cover', () => {
    const gaps = coverageGaps({ days: ['2026-03-02', '2026-03-03'], rules: [rule], roleOf, shifts: [], approvedTimeOff: [] });
    expect(gaps).toEqual([{ ruleName: 'Weekday MAs', date: '2026-03-02', from: '08:00', to: '17:00', staffRole: 'nurse_ma', required: 2, actual: 0 }]);
  });
});

describe('zone offsets', () => {
  it('read every wall time around the 2026 changes as the same instant as Temporal, skipped and repeated ones included', async () => {
    const { Temporal } = await import('temporal-polyfill');
    const { offsetAt, wallFromMinutes, wallMinutes } = await import('../../shared/domain/time');
    for (const zone of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      for (const day of ['2026-03-07', '2026-03-28', '2026-04-04', '2026-10-03', '2026-10-24', '2026-10-31']) {
        const first = wallMinutes(`${day}T00:00`);
        for (let m = first; m < first + 3 * 1440; m += 15) {
          const wall = wallFromMinutes(m);
          const instant = Temporal.PlainDateTime.from(wall).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds / 60_000;
          expect(m - offsetAt(wall, zone), `${zone} ${wall}`).toBe(instant);
        }
      }
    }
  });

  it('parses wall times to the same minutes as Date.UTC', async () => {
    const { wallMinutes } = await import('../../shared/domain/time');
    for (const wall of ['1970-01-01T00:00', '2000-02-29T23:59', '2026-03-08T02:30', '2099-12-31T12:05']) expect(wallMinutes(wall)).toBe(Date.parse(`${wall}:00Z`) / 60_000);
  });
});

describe('calendar arithmetic', () => {
  it('adds days, counts days and finds Mondays like the platform Date does, over centuries and leap days', async () => {
    const { addDays, daysBetween, mondayOf } = await import('../../shared/domain/time');
    for (let d = Date.parse('1899-12-25T00:00:00Z'); d < Date.parse('2101-01-10T00:00:00Z'); d += 86_400_000 * 13) {
      const date = new Date(d).toISOString().slice(0, 10);
      expect(addDays(date, 40)).toBe(new Date(d + 40 * 86_400_000).toISOString().slice(0, 10));
      expect(addDays(date, -1)).toBe(new Date(d - 86_400_000).toISOString().slice(0, 10));
      expect(daysBetween(date, addDays(date, 1000))).toBe(1000);
      const weekday = new Date(d).getUTCDay();
      expect(mondayOf(date)).toBe(new Date(d - ((weekday + 6) % 7) * 86_400_000).toISOString().slice(0, 10));
    }
  });
});
