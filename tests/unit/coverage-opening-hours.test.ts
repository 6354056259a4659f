import { describe, expect, it } from 'vitest';
import { coverageGaps, uncheckedOpeningHours } from '../../shared/domain/roster';

/** The demo clinic's week: open late on Wednesday, short on Friday, Saturday mornings, closed Sunday. */
const HOURS = [
  { weekday: 1, opens: '08:00', closes: '17:00' },
  { weekday: 2, opens: '08:00', closes: '17:00' },
  { weekday: 3, opens: '08:00', closes: '19:00' },
  { weekday: 4, opens: '08:00', closes: '17:00' },
  { weekday: 5, opens: '08:00', closes: '16:00' },
  { weekday: 6, opens: '09:00', closes: '12:00' },
  { weekday: 7, opens: null, closes: null },
];
const frontDesk = { id: 'r', name: 'Front desk', weekdays: [1, 2, 3, 4, 5, 6], startTime: '08:00', endTime: '19:00', requirements: [{ staffRole: 'receptionist' as const, min: 1 }], active: true };
const riley = new Map([['riley', 'receptionist' as const]]);

describe('coverage over the opening day', () => {
  it('checks a rule only while the clinic is open: late Wednesday counts, Friday after closing and Sunday do not', () => {
    const days = ['2026-12-02', '2026-12-04', '2026-12-05', '2026-12-06'];
    const shifts = days.map((d, i) => ({ id: String(i), staffId: 'riley', start: `${d}T08:45`, end: `${d}T17:15`, breakMinutes: 30 }));
    expect(coverageGaps({ days, rules: [frontDesk], roleOf: riley, shifts, approvedTimeOff: [], openingHours: HOURS })).toEqual([
      { ruleName: 'Front desk', date: '2026-12-02', from: '08:00', to: '08:45', staffRole: 'receptionist', required: 1, actual: 0 },
      { ruleName: 'Front desk', date: '2026-12-02', from: '17:15', to: '19:00', staffRole: 'receptionist', required: 1, actual: 0 },
      { ruleName: 'Front desk', date: '2026-12-04', from: '08:00', to: '08:45', staffRole: 'receptionist', required: 1, actual: 0 },
    ]);
  });

  it('names the open hours no active rule watches', () => {
    const clinicalFloor = { weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '16:30', active: true };
    const oldFrontDesk = { weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '17:00', active: true };
    expect(uncheckedOpeningHours([clinicalFloor, oldFrontDesk], HOURS)).toEqual([
      { weekday: 3, from: '17:00', to: '19:00' },
      { weekday: 6, from: '09:00', to: '12:00' },
    ]);
    expect(uncheckedOpeningHours([clinicalFloor, frontDesk], HOURS)).toEqual([]);
    expect(uncheckedOpeningHours([{ ...frontDesk, active: false }, { weekdays: [3], startTime: '10:00', endTime: '12:00', active: true }], HOURS).filter((u) => u.weekday === 3)).toEqual([
      { weekday: 3, from: '08:00', to: '10:00' },
      { weekday: 3, from: '12:00', to: '19:00' },
    ]);
  });
});
