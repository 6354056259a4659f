import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../shared/contract/appointments';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import { addUser, auditRows, errorOf, openTestKeel, setUpScheduleClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

/** Undoing a cancellation (issue 13, point 12): the appointment holds its time again, unless the time was taken. */

let keel: TestKeel;
let manager: string;
let reception: { id: string; token: string };
let lee: string;
let ann: string;
let bo: string;
let visit: AppointmentType;
/** A Monday after the test clock's morning (2026-03-02 09:00 in New York). */
const DAY = '2026-03-09';

beforeEach(async () => {
  keel = await openTestKeel();
  ({ manager, reception, lee, ann, bo, visit } = await setUpScheduleClinic(keel));
});
afterEach(async () => keel.close());

const book = async (patientId: string, start: string) =>
  valueOf<Appointment>(await keel.call('appointments.book', { booking: { patientId, providerId: lee, typeId: visit.id, roomId: null, start, reason: 'Check-up', note: '' } }, reception.token));

describe('undoing a cancellation', () => {
  it('puts the appointment back as it was (confirmed stays confirmed), clears the cancellation and is audited', async () => {
    const a = await book(ann, `${DAY}T10:00`);
    valueOf(await keel.call('appointments.setStatus', { id: a.id, status: 'confirmed' }, reception.token));
    valueOf(await keel.call('appointments.cancel', { id: a.id, by: 'patient', reason: 'Feeling better' }, reception.token));
    const back = valueOf<{ restored: number; appointment: Appointment }>(await keel.call('appointments.restore', { id: a.id, status: 'confirmed' }, reception.token));
    expect(back.restored).toBe(1);
    expect(back.appointment).toMatchObject({ status: 'confirmed', cancelReason: '', cancelledBy: null, cancelledAt: null, lateCancel: false, reason: 'Check-up' });
    expect(auditRows(keel).at(-1)).toMatchObject({ action: 'appointments.restore', patient_id: ann });
    // Not cancelled any more: nothing to undo.
    expect(errorOf(await keel.call('appointments.restore', { id: a.id }, reception.token)).code).toBe('conflict');
  });

  it('refuses when the freed time was booked for someone else meanwhile, and changes nothing', async () => {
    const a = await book(ann, `${DAY}T10:00`);
    valueOf(await keel.call('appointments.cancel', { id: a.id, by: 'clinic', reason: 'Provider unavailable' }, reception.token));
    await book(bo, `${DAY}T10:00`);
    const before = snapshot(keel);
    const refused = errorOf(await keel.call('appointments.restore', { id: a.id }, reception.token));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('Cannot undo the cancellation: the time was taken meanwhile. Dr Lee already has Lind, Bo');
    expect(snapshot(keel)).toEqual(before);
  });

  it('is for those who may cancel: a provider cannot', async () => {
    const a = await book(ann, `${DAY}T11:00`);
    valueOf(await keel.call('appointments.cancel', { id: a.id, by: 'patient', reason: 'Schedule conflict' }, reception.token));
    const provider = await addUser(keel, manager, { username: 'drlee', role: 'provider' });
    expect(errorOf(await keel.call('appointments.restore', { id: a.id }, provider.token)).code).toBe('forbidden');
  });
});
