import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvaluationDue } from '../../shared/contract/evaluations';
import { addStaff, errorOf, openTestKeel, setUpClinic, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

describe('evaluations', () => {
  it('are due a year after the start, rated on the clinic’s criteria, and move the due date on', async () => {
    const ma = await addStaff(keel, manager, { fullName: 'Jordan Reyes', staffRole: 'nurse_ma', startDate: '2025-02-10' });
    await addStaff(keel, manager, { fullName: 'New Starter', staffRole: 'nurse_ma', startDate: '2026-01-05' });
    let due = valueOf<EvaluationDue[]>(await keel.call('evaluations.due', { asOf: '2026-03-02' }, manager));
    expect(due).toEqual([{ staffId: ma, fullName: 'Jordan Reyes', staffRole: 'nurse_ma', lastReview: null, dueOn: '2026-02-10', daysLeft: -20, overdue: true }]);
    const missingRating = errorOf(await keel.call('evaluations.add', { staffId: ma, reviewDate: '2026-03-02', reviewer: 'Dana', ratings: { 'Quality of work': 4 }, comments: '', goals: '' }, manager));
    expect(missingRating.issues).toContainEqual({ path: 'ratings.Teamwork', message: 'Rate this from 1 to 5' });
    const ratings = { 'Quality of work': 4, Reliability: 5, Teamwork: 4, 'Patient care and courtesy': 5, Communication: 3 };
    expect(errorOf(await keel.call('evaluations.add', { staffId: ma, reviewDate: '2026-03-02', reviewer: 'Dana', ratings: { ...ratings, Reliability: 6 }, comments: '', goals: '' }, manager)).issues).toEqual([{ path: 'ratings.Reliability', message: 'Ratings go from 1 to 5' }]);
    valueOf(await keel.call('evaluations.add', { staffId: ma, reviewDate: '2026-03-02', reviewer: 'Dana', ratings, comments: 'Great year', goals: 'Phlebotomy course' }, manager));
    due = valueOf<EvaluationDue[]>(await keel.call('evaluations.due', { asOf: '2026-03-02', withinDays: 365 }, manager));
    expect(due.map((d) => [d.fullName, d.dueOn])).toEqual([
      ['New Starter', '2027-01-05'],
      ['Jordan Reyes', '2027-03-02'],
    ]);
  });
});
