import type { Kysely, Selectable } from 'kysely';
import type { ReminderCall } from '../shared/contract/reminders';
import type { ReminderOutcome } from '../shared/domain/reminders';
import type { AppointmentReminderCallsTable, DB } from './schema';

/** Reminder calls: one row per call, never changed afterwards. */

function callFromRow(r: Selectable<AppointmentReminderCallsTable>): ReminderCall {
  return { id: r.id, appointmentId: r.appointment_id, outcome: r.outcome as ReminderOutcome, note: r.note, calledBy: r.called_by_name, calledAt: r.called_at };
}

export interface NewReminderCall {
  id: string;
  appointmentId: string;
  outcome: ReminderOutcome;
  note: string;
  userId: string | null;
  userName: string;
  /** UTC instant of the call. */
  at: string;
}

export async function insertReminderCall(db: Kysely<DB>, c: NewReminderCall): Promise<ReminderCall> {
  const row = { id: c.id, appointment_id: c.appointmentId, outcome: c.outcome, note: c.note, called_by_user_id: c.userId, called_by_name: c.userName, called_at: c.at, created_at: c.at, updated_at: c.at };
  await db.insertInto('appointment_reminder_calls').values(row).execute();
  return callFromRow(row);
}

/** The calls about these appointments, latest first, by appointment. */
export async function remindersFor(db: Kysely<DB>, appointmentIds: readonly string[]): Promise<Map<string, ReminderCall[]>> {
  const out = new Map<string, ReminderCall[]>();
  // A day's list is a few dozen appointments; chunks keep the IN list well under SQLite's variable limit anyway.
  for (let i = 0; i < appointmentIds.length; i += 500) {
    const rows = await db
      .selectFrom('appointment_reminder_calls')
      .selectAll()
      .where('appointment_id', 'in', appointmentIds.slice(i, i + 500))
      .orderBy('called_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const r of rows) {
      const list = out.get(r.appointment_id);
      if (list) list.push(callFromRow(r));
      else out.set(r.appointment_id, [callFromRow(r)]);
    }
  }
  return out;
}
