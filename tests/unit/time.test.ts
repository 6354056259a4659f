import { describe, expect, it } from 'vitest';
import { date, timeOfDay } from '../../shared/contract/fields';
import { formatWallTime } from '../../shared/domain/format';
import { dateInZone, isoWeekday, isValidTimeZone, minutesOfDay } from '../../shared/domain/time';

describe('clinic time helpers', () => {
  it('knows real IANA zones and refuses made-up ones', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('finds the clinic’s calendar date of an instant, across the date line', () => {
    const instant = new Date('2026-11-27T03:30:00Z');
    expect(dateInZone(instant, 'America/Los_Angeles')).toBe('2026-11-26');
    expect(dateInZone(instant, 'Asia/Tokyo')).toBe('2026-11-27');
  });

  it('numbers weekdays the ISO way and counts minutes of the day', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // a Monday
    expect(isoWeekday('2026-11-29')).toBe(7); // a Sunday
    expect(minutesOfDay('08:30')).toBe(510);
  });

  it('accepts only real dates and 24-hour times', () => {
    expect(date().safeParse('2026-02-28').success).toBe(true);
    expect(date().safeParse('2026-02-29').success).toBe(false);
    expect(date().safeParse('2026-2-3').success).toBe(false);
    expect(timeOfDay().safeParse('23:59').success).toBe(true);
    expect(timeOfDay().safeParse('24:00').success).toBe(false);
    expect(timeOfDay().safeParse('8:00').success).toBe(false);
  });

  it('shows wall-clock times the way the clinic reads them', () => {
    expect(formatWallTime('08:05', 'MDY')).toBe('8:05 AM');
    expect(formatWallTime('12:00', 'MDY')).toBe('12:00 PM');
    expect(formatWallTime('00:15', 'MDY')).toBe('12:15 AM');
    expect(formatWallTime('17:30', 'DMY')).toBe('17:30');
  });
});
