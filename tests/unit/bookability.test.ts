import { describe, expect, it } from 'vitest';
import { columnReason, credentialReason, whyNotBookable, type ColumnDay } from '../../shared/domain/bookability';

const h = (hour: number, minute = 0) => hour * 60 + minute;
const day = (over: Partial<ColumnDay> = {}): ColumnDay => ({ wholeDay: [], working: [[h(8, 30), h(17, 30)]], timeOff: [], open: [h(8), h(17)], order: 'MDY', ...over });

describe('bookability of calendar slots', () => {
  it('lets free working time be booked and says why other time cannot', () => {
    expect(whyNotBookable(day(), h(9), h(9, 15))).toBeNull();
    expect(whyNotBookable(day(), h(8), h(8, 15))).toEqual({ kind: 'not_working', reason: 'not working then (works 8:30 AM–5:30 PM)', short: 'not working', overridable: true });
    expect(whyNotBookable(day({ working: [] }), h(9), h(9, 15))).toMatchObject({ kind: 'not_working', reason: 'not working this day' });
    expect(whyNotBookable(day({ timeOff: [{ span: [h(12), h(17, 30)], kind: 'vacation' }], working: [[h(8, 30), h(12)]] }), h(13), h(13, 15))).toEqual({ kind: 'time_off', reason: 'on approved time off (vacation)', short: 'on approved time off (vacation)', overridable: true });
  });

  it('puts a lapsed credential before everything else, and no one books over it', () => {
    const standing = { missing: [], expiries: [{ kind: 'dea' as const, expiresOn: '2026-12-05' }] };
    expect(credentialReason(standing, '2026-12-05', 'MDY')).toBeNull();
    const lapsed = credentialReason(standing, '2026-12-06', 'MDY');
    expect(lapsed).toEqual({ kind: 'credential', reason: 'DEA registration expired 12/05/2026', short: 'DEA expired 12/05', overridable: false });
    expect(whyNotBookable(day({ wholeDay: [lapsed!] }), h(9), h(9, 15))).toBe(lapsed);
    expect(columnReason(day({ wholeDay: [lapsed!] }))).toBe(lapsed);
    expect(credentialReason({ missing: ['licence'], expiries: [] }, '2026-12-01', 'MDY')).toMatchObject({ reason: 'License missing', overridable: false });
  });

  it('judges a room by the clinic hours, and names a whole column only when all of it is unbookable', () => {
    const room = day({ working: null });
    expect(whyNotBookable(room, h(16, 45), h(17))).toBeNull();
    expect(whyNotBookable(room, h(17), h(17, 15))).toMatchObject({ kind: 'clinic_closed', reason: 'the clinic is closed then (open 8:00 AM–5:00 PM)' });
    expect(columnReason(day())).toBeNull();
    expect(columnReason(day({ working: [], timeOff: [{ span: [0, 1440], kind: 'sick' }] }))).toMatchObject({ kind: 'time_off', reason: 'on approved time off (sick)' });
    expect(columnReason(day({ working: null, open: null }))).toMatchObject({ kind: 'clinic_closed' });
  });
});
