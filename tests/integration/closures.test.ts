import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, OpenSlot, SeriesPreview } from '../../shared/contract/appointments';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import type { ScheduleFrame } from '../../shared/contract/schedule';
import type { WaitlistOffer } from '../../shared/contract/waitlist';
import type { Closure } from '../../shared/contract/closures';
import { occurrences } from '../../shared/domain/recurrence';
import { auditRows, errorOf, openTestKeel, setUpScheduleClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

/**
 * Closure days: the manager keeps them, the booking service refuses them with
 * the closure named, and next-open-slot, the waitlist and "each workday" series
 * skip them. The test clock stands at 09:00 in New York on Monday 2026-03-02;
 * the clinic opens Monday to Friday.
 */
let keel: TestKeel;
let manager: string;
let reception: { id: string; token: string };
let lee: string;
let ann: string;
let bo: string;
let visit: AppointmentType;
/** A Wednesday the clinic closes for staff training. */
const TRAINING = '2026-03-11';

beforeEach(async () => {
  keel = await openTestKeel();
  ({ manager, reception, lee, ann, bo, visit } = await setUpScheduleClinic(keel));
});
afterEach(async () => keel.close());

const booking = (start: string, patientId = ann) => ({ booking: { patientId, providerId: lee, typeId: visit.id, roomId: null, start, reason: '', note: '' } });
const book = async (start: string, patientId = ann) => valueOf<Appointment>(await keel.call('appointments.book', booking(start, patientId), reception.token));
const close = async (days: Array<{ date: string; label: string }>) => valueOf<Closure[]>(await keel.call('closures.add', { days }, manager));
const list = async (from = '2026-01-01', to = '2026-12-31') => valueOf<Closure[]>(await keel.call('closures.list', { from, to }, reception.token));

describe('keeping closure days', () => {
  it('adds days with labels (audited), lists them with the appointments still booked, and removes one', async () => {
    await book(`${TRAINING}T10:00`);
    const added = await close([
      { date: '2026-05-25', label: 'Memorial Day' },
      { date: TRAINING, label: '  Staff training day ' },
    ]);
    expect(added.map((c) => [c.date, c.label, c.booked])).toEqual([
      [TRAINING, 'Staff training day', 1],
      ['2026-05-25', 'Memorial Day', 0],
    ]);
    expect(auditRows(keel).at(-1)).toMatchObject({ action: 'closures.add', kind: 'write', username: 'dana' });
    expect((await list()).map((c) => c.date)).toEqual([TRAINING, '2026-05-25']);
    expect(await list('2026-05-01', '2026-05-31')).toHaveLength(1);

    valueOf(await keel.call('closures.remove', { id: added[0]!.id }, manager));
    expect((await list()).map((c) => c.date)).toEqual(['2026-05-25']);
    expect(auditRows(keel).at(-1)).toMatchObject({ action: 'closures.remove', target_id: added[0]!.id });
    // Kept, inactive; adding the date again brings it back with the new label.
    expect(keel.app.database.sqlite.prepare('select active from clinic_closures where date = ?').pluck().get(TRAINING)).toBe(0);
    expect((await close([{ date: TRAINING, label: '' }]))[0]).toMatchObject({ id: added[0]!.id, label: '' });
  });

  it('refuses a date already closed (naming it), a date twice, a bad date, and writes nothing', async () => {
    await close([{ date: '2026-12-25', label: 'Christmas Day' }]);
    const before = snapshot(keel, { skipAudit: true });
    const twice = errorOf(await keel.call('closures.add', { days: [{ date: '2026-12-24', label: '' }, { date: '2026-12-25', label: '' }] }, manager));
    expect(twice).toMatchObject({ code: 'conflict', message: 'Fri, Dec 25 is already a closure day (Christmas Day). Nothing was added.' });
    expect(twice.issues).toEqual([{ path: 'days.1.date', message: 'Fri, Dec 25 is already a closure day (Christmas Day)' }]);
    const repeated = errorOf(await keel.call('closures.add', { days: [{ date: '2026-12-24', label: '' }, { date: '2026-12-24', label: 'Eve' }] }, manager));
    expect(repeated).toMatchObject({ code: 'invalid_input', issues: [{ path: 'days.1.date', message: 'This date is in the list twice' }] });
    expect(errorOf(await keel.call('closures.add', { days: [{ date: '2026-02-30', label: '' }] }, manager)).issues?.[0]).toMatchObject({ path: 'days.0.date', message: 'Not a real calendar date' });
    expect(errorOf(await keel.call('closures.add', { days: [] }, manager)).issues?.[0]).toMatchObject({ path: 'days', message: 'Choose at least one day' });
    expect(errorOf(await keel.call('closures.remove', { id: '00000000-0000-7000-8000-000000000000' }, manager)).code).toBe('not_found');
    expect(snapshot(keel, { skipAudit: true })).toEqual(before);
  });

  it('is the manager’s to change; everyone on the schedule sees them', async () => {
    const before = snapshot(keel, { skipAudit: true });
    expect(errorOf(await keel.call('closures.add', { days: [{ date: TRAINING, label: '' }] }, reception.token)).code).toBe('forbidden');
    expect(snapshot(keel, { skipAudit: true })).toEqual(before);
    await close([{ date: TRAINING, label: 'Staff training day' }]);
    expect(await list()).toHaveLength(1);
    const frame = valueOf<ScheduleFrame>(await keel.call('schedule.frame', { from: '2026-03-09', to: '2026-03-15' }, reception.token));
    expect(frame.closures).toEqual([{ date: TRAINING, label: 'Staff training day' }]);
  });
});

describe('the schedule on a closure day', () => {
  beforeEach(async () => {
    await close([{ date: TRAINING, label: 'Staff training day' }]);
  });

  it('refuses a booking, naming the closure, even for a manager overriding; the day before and after are fine', async () => {
    const before = snapshot(keel, { skipAudit: true });
    const refused = errorOf(await keel.call('appointments.book', booking(`${TRAINING}T10:00`), reception.token));
    expect(refused).toMatchObject({ code: 'conflict', message: 'The clinic is closed on Wed, Mar 11: Staff training day.' });
    expect(refused.issues).toEqual([{ path: 'closed', message: 'The clinic is closed on Wed, Mar 11: Staff training day' }]);
    const forced = errorOf(await keel.call('appointments.book', { ...booking(`${TRAINING}T10:00`), override: { reason: 'Urgent' } }, manager));
    expect(forced.message).toBe('The clinic is closed on Wed, Mar 11: Staff training day.');
    expect(snapshot(keel, { skipAudit: true })).toEqual(before);
    const check = valueOf<Array<{ kind: string; overridable: boolean }>>(await keel.call('appointments.check', { patientId: ann, providerId: lee, typeId: visit.id, roomId: null, start: `${TRAINING}T10:00` }, reception.token));
    expect(check).toEqual([{ kind: 'closed', overridable: false, message: 'The clinic is closed on Wed, Mar 11: Staff training day' }]);
    await book('2026-03-10T10:00');
    await book('2026-03-12T10:00');
  });

  it('refuses a move onto the closure day', async () => {
    const a = await book('2026-03-10T10:00');
    const moved = errorOf(await keel.call('appointments.update', { id: a.id, changes: { start: `${TRAINING}T10:00` } }, reception.token));
    expect(moved.message).toBe('The clinic is closed on Wed, Mar 11: Staff training day.');
  });

  it('next open slot skips it', async () => {
    const slots = valueOf<OpenSlot[]>(await keel.call('appointments.findOpenSlots', { typeId: visit.id, from: '2026-03-10', to: '2026-03-13', days: 10 }, reception.token));
    expect(slots.map((s) => s.date)).toEqual(['2026-03-10', '2026-03-12', '2026-03-13']);
    // The waitlist's slot finder asks for a patient's weekdays: Wednesdays only finds the week after.
    const wednesdays = valueOf<OpenSlot[]>(await keel.call('appointments.findOpenSlots', { typeId: visit.id, from: '2026-03-09', to: '2026-03-31', weekdays: [3], days: 2 }, reception.token));
    expect(wednesdays.map((s) => s.date)).toEqual(['2026-03-18', '2026-03-25']);
  });

  it('offers no waitlist match for a slot freed on a closure day', async () => {
    // Booked before the closure was decided, then cancelled because of it.
    valueOf(await keel.call('closures.remove', { id: (await list())[0]!.id }, manager));
    const a = await book('2026-03-18T10:00');
    const b = await book(`${TRAINING}T10:00`);
    valueOf(await keel.call('waitlist.add', { patientId: bo, typeId: visit.id, providerIds: [], weekdays: [], timeFrom: '08:00', timeTo: '17:00', urgency: 'soon', note: '' }, reception.token));
    await close([{ date: TRAINING, label: 'Staff training day' }]);
    const onClosure = valueOf<{ offers: WaitlistOffer[] }>(await keel.call('appointments.cancel', { id: b.id, by: 'clinic', reason: 'Clinic closed' }, reception.token));
    expect(onClosure.offers).toEqual([]);
    // An ordinary day's freed slot is still offered.
    const ordinary = valueOf<{ offers: WaitlistOffer[] }>(await keel.call('appointments.cancel', { id: a.id, by: 'patient', reason: 'Feeling better' }, reception.token));
    expect(ordinary.offers[0]!.entries.map((e) => e.patient.id)).toEqual([bo]);
  });

  it('“each workday” series skip it and still book the count asked for; a daily series meets it as a clash', async () => {
    const repeat = { freq: 'workdays', interval: 1, count: 5 };
    const preview = valueOf<SeriesPreview>(await keel.call('appointments.previewSeries', { ...booking('2026-03-09T09:00'), repeat }, reception.token));
    expect(preview.occurrences.map((o) => [o.start, o.conflicts.length])).toEqual([
      ['2026-03-09T09:00', 0],
      ['2026-03-10T09:00', 0],
      ['2026-03-12T09:00', 0],
      ['2026-03-13T09:00', 0],
      ['2026-03-16T09:00', 0],
    ]);
    const series = valueOf<{ seriesId: string; booked: number; skipped: unknown[] }>(await keel.call('appointments.bookSeries', { ...booking('2026-03-09T09:00'), repeat, skipConflicts: false }, reception.token));
    expect(series).toMatchObject({ booked: 5, skipped: [] });
    const stored = keel.app.database.sqlite.prepare('select rrule, first_start from appointment_series where id = ?').get(series.seriesId) as { rrule: string; first_start: string };
    expect(stored.rrule).toContain('EXDATE;TZID=America/New_York:20260311T090000');
    expect(occurrences(stored.rrule, stored.first_start, 'America/New_York')).toEqual(preview.occurrences.map((o) => o.start));

    const daily = valueOf<SeriesPreview>(await keel.call('appointments.previewSeries', { ...booking('2026-03-10T11:00', bo), repeat: { freq: 'daily', interval: 1, count: 2 } }, reception.token));
    expect(daily.occurrences[1]).toMatchObject({ start: `${TRAINING}T11:00`, conflicts: [{ kind: 'closed', message: 'The clinic is closed on Wed, Mar 11: Staff training day' }] });
    const skipped = valueOf<{ booked: number; skipped: Array<{ start: string }> }>(await keel.call('appointments.bookSeries', { ...booking('2026-03-10T11:00', bo), repeat: { freq: 'daily', interval: 1, count: 2 }, skipConflicts: true }, reception.token));
    expect(skipped).toMatchObject({ booked: 1, skipped: [{ start: `${TRAINING}T11:00` }] });
    // "Each workday" takes no interval.
    const interval = errorOf(await keel.call('appointments.previewSeries', { ...booking('2026-03-09T09:00'), repeat: { ...repeat, interval: 2 } }, reception.token));
    expect(interval.issues?.[0]).toMatchObject({ path: 'repeat.interval', message: 'Each workday repeats every day the clinic is open; leave the interval at 1' });
  });
});

describe('the demo clinic', () => {
  it('is closed on Christmas Day, with nobody rostered and nothing booked that day', async () => {
    const demo = await openTestKeel({ now: () => new Date('2026-12-02T17:00:00.000Z') });
    try {
      valueOf(await demo.call('setup.createDemo', {}));
      const sql = (query: string, ...params: unknown[]) => demo.app.database.sqlite.prepare(query).all(...params);
      expect(sql(`select date, label, active from clinic_closures where date like '2026-12-%' or date like '2027-01-%'`)).toEqual([
        { date: '2026-12-25', label: 'Christmas Day', active: 1 },
        { date: '2027-01-01', label: 'New Year’s Day', active: 1 },
      ]);
      for (const day of ['2026-11-26', '2026-12-25', '2027-01-01']) {
        expect(sql(`select id from appointments where starts_at >= ? and starts_at < ?`, `${day}T00:00`, `${day}T24:00`), day).toEqual([]);
        expect(sql(`select id from shifts where starts_at >= ? and starts_at < ?`, `${day}T00:00`, `${day}T24:00`), day).toEqual([]);
      }
      // The days around are booked as usual.
      expect(sql(`select count(*) n from appointments where starts_at like '2026-12-24%'`)).not.toEqual([{ n: 0 }]);
    } finally {
      await demo.close();
    }
  });
});
