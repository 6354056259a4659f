import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, OpenSlot, TodaySchedule } from '../../shared/contract/appointments';
import { HOLDS_TIME } from '../../shared/domain/appointments';
import { occurrences } from '../../shared/domain/recurrence';
import { openTestKeel, signIn, valueOf, type TestKeel } from '../support/harness';

/**
 * The small demo clinic's schedule (the test clock stands at 09:00 in New York
 * on Monday 2026-03-02): nobody double-booked, statuses that follow the clock,
 * series that match their rules, and the schedule's reads working on it.
 */
let keel: TestKeel;
let token: string;
const HOLDING = HOLDS_TIME.map((s) => `'${s}'`).join(',');

beforeAll(async () => {
  keel = await openTestKeel();
  valueOf(await keel.call('setup.createDemo', {}));
  token = await signIn(keel, 'reception', 'keel-demo-reception');
});
afterAll(async () => keel.close());

const sql = <T>(query: string, ...params: unknown[]) => keel.app.database.sqlite.prepare(query).all(...params) as T[];

describe('the demo clinic’s schedule', () => {
  it('has weeks of visits behind and ahead, of every active type', () => {
    const [range] = sql<{ n: number; first: string; last: string }>('select count(*) n, min(starts_at) first, max(starts_at) last from appointments');
    // The demo is made from a fixed seed on a fixed clock: the same clinic every time (a change to the seed shows here).
    expect(range).toEqual({ n: 2010, first: '2026-02-09T08:00', last: '2026-04-06T15:45' });
    const unused = sql<{ name: string }>('select name from appointment_types t where active = 1 and not exists (select 1 from appointments a where a.type_id = t.id)');
    expect(unused).toEqual([]);
  });

  it('never double-books a provider, a room or a patient', () => {
    for (const column of ['provider_id', 'room_id', 'patient_id']) {
      const clashes = sql(
        `select a.id from appointments a join appointments b on b.${column} = a.${column} and b.id > a.id and b.starts_at < a.ends_at and b.ends_at > a.starts_at
         where a.${column} is not null and a.status in (${HOLDING}) and b.status in (${HOLDING}) limit 5`,
      );
      expect(clashes, column).toEqual([]);
    }
  });

  it('has statuses that follow the clock: done before now, waiting or in the room around it, booked after', () => {
    const now = '2026-03-02T09:00';
    const pastOpen = sql(`select id from appointments where ends_at <= ? and status in ('booked', 'confirmed', 'arrived', 'in_room')`, now);
    expect(pastOpen).toEqual([]);
    const futureDone = sql(`select id from appointments where starts_at > ? and status in ('completed', 'no_show', 'in_room')`, now);
    expect(futureDone).toEqual([]);
    const stamped = sql<{ n: number }>(`select count(*) n from appointments where status = 'completed' and (arrived_at is null or in_room_at is null or completed_at is null or completed_at > '2026-03-02T14:00:00.000Z')`);
    expect(stamped[0]!.n).toBe(0);
    const late = sql<{ n: number }>(`select count(*) n from appointments where late_cancel = 1 and cancelled_by = 'patient'`);
    expect(late[0]!.n).toBe(21);
  });

  it('keeps recurring series whose occurrences all come from their rule', () => {
    const series = sql<{ id: string; rrule: string; first_start: string }>('select id, rrule, first_start from appointment_series');
    expect(series.length).toBe(3);
    const sizes = sql<{ n: number }>('select count(*) n from appointments where series_id is not null group by series_id order by n desc').map((r) => r.n);
    expect(sizes).toEqual([9, 4, 2]);
    for (const s of series) {
      const expected = new Set(occurrences(s.rrule, s.first_start, 'America/New_York'));
      const stored = sql<{ starts_at: string }>('select starts_at from appointments where series_id = ?', s.id);
      expect(stored.length).toBeGreaterThanOrEqual(2);
      for (const row of stored) expect(expected.has(row.starts_at), row.starts_at).toBe(true);
    }
  });

  it('answers the schedule’s reads: a day, today’s board and the next open slots', async () => {
    const day = valueOf<Appointment[]>(await keel.call('appointments.list', { from: '2026-03-03', to: '2026-03-03' }, token));
    expect(day.length).toBe(61);
    expect(day.every((a, i) => i === 0 || day[i - 1]!.start <= a.start)).toBe(true);
    const today = valueOf<TodaySchedule>(await keel.call('appointments.today', {}, token));
    // 09:00 on the Monday: the early visits done, three in the waiting room, one in a room, the rest of the day ahead.
    expect(today.byStatus).toEqual({ booked: 14, confirmed: 38, arrived: 3, in_room: 1, completed: 8, no_show: 0, cancelled: 1 });
    expect(today.waiting.length).toBe(3);
    expect(today.waiting.every((w) => w.waitedMinutes >= 0 && w.appointment.status === 'arrived')).toBe(true);
    const types = valueOf<Array<{ id: string; name: string }>>(await keel.call('appointmentTypes.list', {}, token));
    const followUp = types.find((t) => t.name === 'Follow-up')!;
    const slots = valueOf<OpenSlot[]>(await keel.call('appointments.findOpenSlots', { typeId: followUp.id, from: '2026-03-02', to: '2026-03-31' }, token));
    expect(slots.length).toBe(10);
    expect(slots[0]!.start > '2026-03-02T09:00').toBe(true);
    const waiting = valueOf<Array<{ urgency: string; status: string }>>(await keel.call('waitlist.list', { status: 'waiting' }, token));
    expect(waiting.length).toBe(4);
    expect(waiting[0]!.urgency).toBe('urgent');
  });
});
