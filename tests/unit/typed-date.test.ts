import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../shared/domain/format';
import { parseSearch, parseTypedDate } from '../../shared/domain/patient-search';
import { readTypedDate } from '../../shared/domain/typed-date';

const TODAY = '2026-12-02';
const day = (text: string, order: 'MDY' | 'DMY' | 'YMD' = 'MDY', today = TODAY) => {
  const read = readTypedDate(text, order, today, 'day');
  return read.ok ? read.date : read.problem;
};
const birth = (text: string, order: 'MDY' | 'DMY' | 'YMD' = 'MDY', today = TODAY) => {
  const read = readTypedDate(text, order, today, 'birth');
  return read.ok ? read.date : read.problem;
};

describe('a typed date', () => {
  it('takes the short forms the front desk types, in the clinic’s order', () => {
    expect(day('12/8')).toBe('2026-12-08');
    expect(day('12/8/26')).toBe('2026-12-08');
    expect(day('12/08/2026')).toBe('2026-12-08');
    expect(day('12-8-2026')).toBe('2026-12-08');
    expect(day('12082026')).toBe('2026-12-08');
    expect(day('2026-12-08')).toBe('2026-12-08');
    expect(day(' 12/8 ')).toBe('2026-12-08');
    expect(day('8/12', 'DMY')).toBe('2026-12-08');
    expect(day('08/12/2026', 'DMY')).toBe('2026-12-08');
    expect(day('8.12.26')).toBe('2026-12-08');
    expect(day('26/12/08', 'YMD')).toBe('2026-12-08');
    expect(day('today')).toBe(TODAY);
    expect(day('Tomorrow')).toBe('2026-12-03');
  });

  it('reads a day without a year as the one nearest today', () => {
    expect(day('1/5', 'MDY', '2026-12-30')).toBe('2027-01-05');
    expect(day('12/28', 'MDY', '2027-01-03')).toBe('2026-12-28');
    expect(day('2/29', 'MDY', '2027-12-01')).toBe('2028-02-29');
  });

  it('never lands on year 26 or 0026, and says what is wrong in the clinic’s format', () => {
    expect(day('12/08/0026')).toBe('Use a year from 1900 to 2100, like 12/02/2026');
    expect(day('12/8/202')).toBe('Give the year with two or four digits, like 12/02/2026');
    expect(day('2/30/2026')).toBe('02/30/2026 is not a date on the calendar');
    expect(day('13/1/2026')).toMatch(/^There is no month 13/);
    expect(day('next week')).toBe('Enter the date as MM/DD/YYYY, like 12/02/2026');
    expect(day('')).toBe('Enter the date as MM/DD/YYYY, like 12/02/2026');
    expect(day('x', 'DMY')).toBe('Enter the date as DD/MM/YYYY, like 02/12/2026');
  });

  it('reads a two-digit year of birth as the latest that is not in the future', () => {
    expect(birth('7/14/81')).toBe('1981-07-14');
    expect(birth('7/14/20')).toBe('2020-07-14');
    expect(birth('12/2/26')).toBe('2026-12-02');
    expect(birth('12/3/26')).toBe('1926-12-03');
    expect(birth('7/14')).toBe('Give the year of birth too, like 03/07/1980');
    expect(birth('1/1/2027')).toBe('The date of birth is in the future');
    expect(birth('today')).toBe('Enter the date as MM/DD/YYYY, like 03/07/1980');
  });

  it('reads back every date it writes, in every order', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('MDY' as const, 'DMY' as const, 'YMD' as const), (d, order) => {
        const iso = d.toISOString().slice(0, 10);
        expect(readTypedDate(formatDate(iso, order), order, TODAY, 'day')).toEqual({ ok: true, date: iso });
      }),
    );
  });
});

describe('patient search by date of birth', () => {
  it('finds 7/14/81 as a date of birth, not a phone number', () => {
    expect(parseTypedDate('7/14/81', 'MDY', TODAY)).toBe('1981-07-14');
    expect(parseSearch('7/14/81', 'MDY', TODAY)).toEqual([[{ kind: 'dob', from: 'd:1981-07-14', to: 'd:1981-07-14\u0000', text: '7/14/81' }]]);
    expect(parseSearch('7-14-81', 'MDY', TODAY)[0]?.[0]?.kind).toBe('dob');
    expect(parseSearch('smith 14/7/81', 'DMY', TODAY)[1]?.[0]?.from).toBe('d:1981-07-14');
  });

  it('keeps bare digits for phones and record numbers', () => {
    expect(parseTypedDate('12082026', 'MDY', TODAY)).toBeNull();
    expect(parseSearch('5551234', 'MDY', TODAY)[0]?.map((t) => t.kind)).toEqual(['mrn', 'phone']);
    expect(parseSearch('555-1234', 'MDY', TODAY)[0]?.map((t) => t.kind)).toEqual(['mrn', 'phone']);
  });
});
