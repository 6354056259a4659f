import { describe, expect, it } from 'vitest';
import { clockOf, minuteOfDay } from '../../shared/domain/time';
import { lanes, snapToSlot, visibleHours } from '../../shared/domain/calendar';

const D = '2026-03-02';
const at = (start: string, end: string, id = `${start}-${end}`) => ({ id, start: `${D}T${start}`, end: `${D}T${end}` });

describe('calendar layout', () => {
  it('shows the opening and working hours in whole hours, widened to appointments outside them', () => {
    expect(visibleHours(D, [at('08:00', '17:00'), at('08:30', '16:30')])).toEqual([8, 17]);
    expect(visibleHours(D, [at('08:00', '17:00'), at('17:15', '17:45')])).toEqual([8, 18]);
    expect(visibleHours(D, [at('07:40', '12:00')])).toEqual([7, 12]);
    expect(visibleHours(D, [])).toEqual([8, 18]);
    // A night shift from the day before only counts from midnight.
    expect(visibleHours(D, [{ start: '2026-03-01T22:00', end: `${D}T02:00` }, at('09:00', '10:00')])).toEqual([0, 10]);
  });

  it('puts overlapping appointments side by side and lone ones full width', () => {
    const placed = lanes([at('09:00', '09:30', 'a'), at('09:15', '09:45', 'b'), at('09:30', '10:00', 'c'), at('10:00', '10:15', 'd')]);
    const byId = Object.fromEntries(placed.map((p) => [p.item.id, [p.lane, p.lanes]]));
    expect(byId).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
    const three = lanes([at('09:00', '10:00', 'x'), at('09:00', '09:30', 'y'), at('09:10', '09:20', 'z')]);
    expect(Object.fromEntries(three.map((p) => [p.item.id, [p.lane, p.lanes]]))).toEqual({ x: [0, 3], y: [1, 3], z: [2, 3] });
  });

  it('snaps to the slot grid and writes minutes as clock times', () => {
    expect(snapToSlot(9 * 60 + 14, 15)).toBe(9 * 60);
    expect(snapToSlot(9 * 60 + 15, 15)).toBe(9 * 60 + 15);
    expect(clockOf(9 * 60 + 5)).toBe('09:05');
    expect(minuteOfDay(`${D}T10:30`, D)).toBe(630);
    expect(minuteOfDay('2026-03-03T00:30', D)).toBe(1470);
  });
});
