import type { Kysely } from 'kysely';

type Table = ReturnType<Kysely<unknown>['schema']['createTable']>;

function stamped(table: Table): Table {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

/** Reminder calls kept with their outcome, who made them and when; the clinic's closure days. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per call, never updated: the history of who rang whom about which appointment.
  await stamped(
    db.schema
      .createTable('appointment_reminder_calls')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id'))
      // called | left_message | confirmed | wrong_number
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('called_by_user_id', 'text', (c) => c.references('users.id'))
      // The caller's name as it was then, so the list reads the same after an account is renamed.
      .addColumn('called_by_name', 'text', (c) => c.notNull())
      .addColumn('called_at', 'text', (c) => c.notNull()),
  ).execute();
  // The call list reads the calls of one day's appointments, latest first.
  await db.schema.createIndex('reminder_calls_by_appointment').on('appointment_reminder_calls').columns(['appointment_id', 'called_at']).execute();

  // Whole days the clinic is closed (holidays, closure days). Removing one deactivates it; adding the date again brings it back.
  await stamped(
    db.schema
      .createTable('clinic_closures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('date', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text'),
  ).execute();
}
