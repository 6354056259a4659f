import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Concern } from '../../shared/contract/concerns';
import { addUser, errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
let reception: { id: string; token: string };
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
  reception = await addUser(keel, manager, { username: 'desk', role: 'receptionist' });
});
afterEach(async () => keel.close());

const log = (token: string, category: string, ownerId: string | null = null) =>
  keel.call('concerns.create', { patientId: null, category, description: `A ${category} complaint.`, severity: 'medium', ownerId }, token);

describe('complaints about staff conduct are the office manager’s', () => {
  it('the front desk may log one (without owning it) but never lists, filters for or works it; the manager sees all', async () => {
    const waited = valueOf<Concern>(await log(reception.token, 'wait_time', reception.id));
    // A patient phones in about a colleague: the front desk logs it, owned by nobody (or a manager), not by themselves.
    const before = snapshot(keel);
    const owned = errorOf(await log(reception.token, 'staff_conduct', reception.id));
    expect(owned.issues).toEqual([{ path: 'ownerId', message: expect.stringContaining('the office manager’s') }]);
    expect(snapshot(keel)).toEqual(before);
    const conduct = valueOf<Concern>(await log(reception.token, 'staff_conduct'));
    expect(conduct.category).toBe('staff_conduct');

    // Not listed for the front desk: not in the log, not unresolved on Today, not for a patient.
    const listed = valueOf<Concern[]>(await keel.call('concerns.list', { status: 'unresolved' }, reception.token));
    expect(listed.map((c) => c.id)).toEqual([waited.id]);
    expect(valueOf<Concern[]>(await keel.call('concerns.list', {}, reception.token)).map((c) => c.category)).toEqual(['wait_time']);
    expect(errorOf(await keel.call('concerns.list', { category: 'staff_conduct' }, reception.token))).toMatchObject({ code: 'forbidden', message: 'Complaints about staff conduct are for the office manager.' });
    expect(errorOf(await keel.call('concerns.update', { id: conduct.id, status: 'in_progress', note: 'Looking into it' }, reception.token)).code).toBe('forbidden');

    // The manager sees and works it.
    const all = valueOf<Concern[]>(await keel.call('concerns.list', { status: 'unresolved' }, manager));
    expect(all.map((c) => c.id).sort()).toEqual([waited.id, conduct.id].sort());
    expect(valueOf<Concern[]>(await keel.call('concerns.list', { category: 'staff_conduct' }, manager)).map((c) => c.id)).toEqual([conduct.id]);
    expect(valueOf<Concern>(await keel.call('concerns.update', { id: conduct.id, status: 'in_progress', note: 'Spoke with the team' }, manager)).status).toBe('in_progress');
  });
});
