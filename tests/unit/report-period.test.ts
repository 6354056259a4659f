import { describe, expect, it } from 'vitest';
import { openingRange } from '../../shared/domain/report-period';

describe('the period the schedule reports open on', () => {
  it('is the last 3 months when they all have appointments', () => {
    expect(openingRange('2026-12-02', { first: '2019-01-07', last: '2027-03-01' })).toEqual({ from: '2026-09-03', to: '2026-12-02' });
  });

  it('starts at the first appointment of a clinic (or demo) with a few weeks of history', () => {
    expect(openingRange('2026-12-02', { first: '2026-11-11', last: '2027-01-06' })).toEqual({ from: '2026-11-11', to: '2026-12-02' });
  });

  it('ends at the last appointment of a clinic that stopped booking', () => {
    expect(openingRange('2026-12-02', { first: '2024-01-02', last: '2026-06-30' })).toEqual({ from: '2026-03-31', to: '2026-06-30' });
  });

  it('opens on what is to come when nothing has happened yet, and on the last 3 months with no appointments at all', () => {
    expect(openingRange('2026-12-02', { first: '2026-12-07', last: '2027-09-01' })).toEqual({ from: '2026-12-07', to: '2027-03-06' });
    expect(openingRange('2026-12-02', { first: '2026-12-07', last: '2026-12-20' })).toEqual({ from: '2026-12-07', to: '2026-12-20' });
    expect(openingRange('2026-12-02', { first: null, last: null })).toEqual({ from: '2026-09-03', to: '2026-12-02' });
    expect(openingRange('2026-12-02', null)).toEqual({ from: '2026-09-03', to: '2026-12-02' });
  });
});
