import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../shared/contract/appointments';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import type { ReminderCall, ReminderListRow } from '../../shared/contract/reminders';
import { addUser, auditRows, errorOf, openTestKeel, setUpScheduleClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

/**
 * Reminder calls are kept: each outcome with who made the call and when, as a
 * history; "confirmed" confirms the appointment in the same transaction. The
 * test clock stands at 09:00 in New York on Monday 2026-03-02.
 */
let keel: TestKeel;
let manager: string;
let reception: { id: string; token: string };
let provider: { id: string; token: string };
let ann: string;
let bo: string;
let lee: string;
let visit: AppointmentType;
const TUE = '2026-03-03';

beforeEach(async () => {
  keel = await openTestKeel();
  ({ manager, reception, lee, ann, bo, visit } = await setUpScheduleClinic(keel, { receptionName: 'Rita Front' }));
  provider = await addUser(keel, manager, { username: 'drlee', role: 'provider' });
});
afterEach(async () => keel.close());

const book = async (patientId: string, start: string) =>
  valueOf<Appointment>(await keel.call('appointments.book', { booking: { patientId, providerId: lee, typeId: visit.id, roomId: null, start, reason: '', note: '' } }, reception.token));
const record = (appointmentId: string, outcome: string, note = '', token = reception.token) => keel.call('reminders.record', { appointmentId, outcome, note }, token);
const list = async (date = TUE) => valueOf<ReminderListRow[]>(await keel.call('appointments.reminders', { date }, reception.token));
const statusOf = (id: string) => keel.app.database.sqlite.prepare('select status from appointments where id = ?').pluck().get(id);

describe('reminder calls', () => {
  it('keeps every call with its outcome, who and when, and the list shows them latest first', async () => {
    const a = await book(ann, `${TUE}T10:00`);
    const first = valueOf<{ call: ReminderCall; status: string }>(await record(a.id, 'called'));
    expect(first).toMatchObject({ status: 'booked', call: { appointmentId: a.id, outcome: 'called', calledBy: 'Rita Front', calledAt: '2026-03-02T14:00:00.000Z', note: '' } });
    keel.clock.advanceMinutes(4);
    valueOf(await record(a.id, 'left_message', '  Voicemail, will call back  '));

    const [row] = await list();
    expect(row!.appointmentId).toBe(a.id);
    expect(row!.calls.map((c) => [c.outcome, c.calledBy, c.calledAt, c.note])).toEqual([
      ['left_message', 'Rita Front', '2026-03-02T14:04:00.000Z', 'Voicemail, will call back'],
      ['called', 'Rita Front', '2026-03-02T14:00:00.000Z', ''],
    ]);
    // Nothing else moved: leaving a message does not confirm.
    expect(statusOf(a.id)).toBe('booked');
    const audits = auditRows(keel).filter((r) => r.action === 'reminders.record');
    expect(audits).toHaveLength(2);
    expect(audits.every((r) => r.patient_id === ann && r.target_id === a.id && r.username === 'frontdesk' && r.outcome === 'ok')).toBe(true);
    expect(JSON.parse(audits[1]!.detail!)).toEqual({ outcome: 'left_message' });
    // Reading the list is a look at patients' data: audited.
    expect(auditRows(keel).at(-1)).toMatchObject({ action: 'appointments.reminders', kind: 'read-phi' });
  });

  it('“confirmed” confirms a booked appointment in the same step, by the check-in rules', async () => {
    const a = await book(ann, `${TUE}T10:00`);
    const b = await book(bo, `${TUE}T11:00`);
    const done = valueOf<{ call: ReminderCall; status: string }>(await record(a.id, 'confirmed', '', manager));
    expect(done.status).toBe('confirmed');
    expect(done.call.calledBy).toBe('Dana Whitfield');
    expect(statusOf(a.id)).toBe('confirmed');
    expect(statusOf(b.id)).toBe('booked');
    const audit = auditRows(keel).at(-1)!;
    expect(audit).toMatchObject({ action: 'reminders.record', patient_id: ann });
    expect(JSON.parse(audit.detail!)).toEqual({ outcome: 'confirmed', status: { from: 'booked', to: 'confirmed' } });
    // Confirming again is noted, and changes nothing more.
    const again = valueOf<{ status: string }>(await record(a.id, 'confirmed'));
    expect(again.status).toBe('confirmed');
    expect(JSON.parse(auditRows(keel).at(-1)!.detail!)).toEqual({ outcome: 'confirmed' });
    const rows = await list();
    expect(rows.find((r) => r.appointmentId === a.id)).toMatchObject({ status: 'confirmed' });
    expect(rows.find((r) => r.appointmentId === a.id)!.calls).toHaveLength(2);
    expect(rows.find((r) => r.appointmentId === b.id)!.calls).toEqual([]);
  });

  it('refuses a call about a cancelled appointment, an unknown one, or an unknown outcome, and writes nothing', async () => {
    const a = await book(ann, `${TUE}T10:00`);
    valueOf(await keel.call('appointments.cancel', { id: a.id, by: 'patient', reason: 'Feeling better' }, reception.token));
    const before = snapshot(keel, { skipAudit: true });
    const cancelled = errorOf(await record(a.id, 'confirmed'));
    expect(cancelled).toMatchObject({ code: 'conflict', message: 'This appointment is canceled; reminder calls are for booked or confirmed appointments.' });
    expect(errorOf(await record('00000000-0000-7000-8000-000000000000', 'called')).code).toBe('not_found');
    const wrong = errorOf(await record(a.id, 'maybe'));
    expect(wrong.code).toBe('invalid_input');
    expect(wrong.issues?.[0]).toMatchObject({ path: 'outcome' });
    expect(errorOf(await record(a.id, 'called', 'x'.repeat(301))).issues?.[0]).toMatchObject({ path: 'note', message: 'Use at most 300 characters' });
    expect(snapshot(keel, { skipAudit: true })).toEqual(before);
  });

  it('is for the front desk and the manager: a provider cannot record calls', async () => {
    const a = await book(ann, `${TUE}T10:00`);
    const before = snapshot(keel, { skipAudit: true });
    expect(errorOf(await record(a.id, 'confirmed', '', provider.token)).code).toBe('forbidden');
    expect(errorOf(await keel.call('appointments.reminders', { date: TUE }, provider.token)).code).toBe('forbidden');
    expect(snapshot(keel, { skipAudit: true })).toEqual(before);
  });
});
