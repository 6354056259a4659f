import { describe, expect, it } from 'vitest';
import { closedMessage, usFederalHolidays } from '../../shared/domain/closures';
import { occurrences, workdaySeries } from '../../shared/domain/recurrence';
import { nextOpenDay } from '../../renderer/features/schedule/lists/dates';

describe('US federal holidays', () => {
  it('lists the eleven holidays of 2026 on their dates, and Independence Day (a Saturday) also on the Friday it is observed', () => {
    expect(usFederalHolidays(2026).map((h) => [h.date, h.label])).toEqual([
      ['2026-01-01', 'New Year’s Day'],
      ['2026-01-19', 'Birthday of Martin Luther King, Jr.'],
      ['2026-02-16', 'Washington’s Birthday (Presidents Day)'],
      ['2026-05-25', 'Memorial Day'],
      ['2026-06-19', 'Juneteenth National Independence Day'],
      ['2026-07-03', 'Independence Day (observed)'],
      ['2026-07-04', 'Independence Day'],
      ['2026-09-07', 'Labor Day'],
      ['2026-10-12', 'Columbus Day'],
      ['2026-11-11', 'Veterans Day'],
      ['2026-11-26', 'Thanksgiving Day'],
      ['2026-12-25', 'Christmas Day'],
    ]);
  });

  it('moves a Sunday holiday to the Monday after and a Saturday one to the Friday before, across the year’s end too', () => {
    const y2027 = usFederalHolidays(2027).filter((h) => h.observed).map((h) => [h.date, h.label]);
    expect(y2027).toEqual([
      ['2027-06-18', 'Juneteenth National Independence Day (observed)'],
      ['2027-07-05', 'Independence Day (observed)'],
      ['2027-12-24', 'Christmas Day (observed)'],
      // New Year's Day 2028 is a Saturday: observed on Friday, December 31, 2027.
      ['2027-12-31', 'New Year’s Day (observed)'],
    ]);
    expect(usFederalHolidays(2028).some((h) => h.date === '2027-12-31')).toBe(false);
  });

  it('says why a booking is refused, naming the closure', () => {
    expect(closedMessage({ date: '2026-12-25', label: 'Christmas Day' }, 'MDY')).toBe('The clinic is closed on Fri, Dec 25: Christmas Day');
    expect(closedMessage({ date: '2026-12-24', label: '' }, 'MDY')).toBe('The clinic is closed on Thu, Dec 24');
  });
});

describe('each workday', () => {
  const zone = 'America/New_York';
  const weekdays = [1, 2, 3, 4, 5];

  it('books the count on open days, skipping weekends and closures, and its RRULE gives the same starts back', () => {
    const { rrule, starts } = workdaySeries({ freq: 'workdays', interval: 1, count: 5 }, '2026-12-23T09:00', zone, { openWeekdays: weekdays, closures: ['2026-12-25', '2027-01-01'] });
    expect(starts).toEqual(['2026-12-23T09:00', '2026-12-24T09:00', '2026-12-28T09:00', '2026-12-29T09:00', '2026-12-30T09:00']);
    expect(rrule).toBe('RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20261231T045959Z\nEXDATE;TZID=America/New_York:20261225T090000');
    expect(occurrences(rrule, '2026-12-23T09:00', zone)).toEqual(starts);
  });

  it('ends on a date, on the clinic’s own weekdays (Saturday included), across a DST change', () => {
    const { rrule, starts } = workdaySeries({ freq: 'workdays', interval: 1, until: '2027-03-17' }, '2027-03-12T08:30', zone, { openWeekdays: [1, 3, 5, 6], closures: ['2027-03-15'] });
    // Clocks go forward on Sunday, March 14; 8:30 stays 8:30.
    expect(starts).toEqual(['2027-03-12T08:30', '2027-03-13T08:30', '2027-03-17T08:30']);
    expect(rrule).toContain('EXDATE;TZID=America/New_York:20270315T083000');
    expect(occurrences(rrule, '2027-03-12T08:30', zone)).toEqual(starts);
    expect(() => workdaySeries({ freq: 'workdays', interval: 1, until: '2027-03-01' }, '2027-03-12T08:30', zone, { openWeekdays: weekdays, closures: [] })).toThrow('The series ends before its first appointment');
    expect(() => workdaySeries({ freq: 'workdays', interval: 1, count: 3 }, '2027-03-12T08:30', zone, { openWeekdays: [], closures: [] })).toThrow('The clinic has no opening hours');
  });
});

describe('the reminder list’s day', () => {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: weekday <= 5 ? '08:00' : null, closes: weekday <= 5 ? '17:00' : null }));
  it('is the next day the clinic opens, closure days skipped', () => {
    expect(nextOpenDay('2026-12-24', hours)).toBe('2026-12-25');
    expect(nextOpenDay('2026-12-24', hours, new Set(['2026-12-25']))).toBe('2026-12-28');
    expect(nextOpenDay('2026-12-31', hours, new Set(['2027-01-01']))).toBe('2027-01-04');
  });
});
