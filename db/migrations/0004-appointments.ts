import type { Kysely } from 'kysely';

type Table = ReturnType<Kysely<unknown>['schema']['createTable']>;

function stamped(table: Table): Table {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

/** Appointment types, appointments and recurring series, the waitlist. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await stamped(
    db.schema
      .createTable('appointment_types')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('duration_minutes', 'integer', (c) => c.notNull())
      .addColumn('colour', 'text', (c) => c.notNull())
      .addColumn('room_kind', 'text')
      // Comma-separated job roles that may be booked for this type.
      .addColumn('provider_roles', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();

  await stamped(
    db.schema
      .createTable('appointment_series')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rrule', 'text', (c) => c.notNull())
      .addColumn('first_start', 'text', (c) => c.notNull())
      .addColumn('duration_minutes', 'integer', (c) => c.notNull()),
  ).execute();

  await stamped(
    db.schema
      .createTable('appointments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('provider_id', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('room_id', 'text', (c) => c.references('rooms.id'))
      .addColumn('type_id', 'text', (c) => c.notNull().references('appointment_types.id'))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('series_id', 'text', (c) => c.references('appointment_series.id'))
      .addColumn('series_index', 'integer')
      .addColumn('arrived_at', 'text')
      .addColumn('in_room_at', 'text')
      .addColumn('completed_at', 'text')
      .addColumn('cancelled_at', 'text')
      .addColumn('cancelled_by', 'text')
      .addColumn('cancel_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('late_cancel', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('override_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text'),
  ).execute();
  // Every view and conflict check is a range on starts_at for a provider, a room, a patient or the clinic:
  // the cost of a day does not grow with years of history.
  await db.schema.createIndex('appointments_by_provider').on('appointments').columns(['provider_id', 'starts_at']).execute();
  await db.schema.createIndex('appointments_by_room').on('appointments').columns(['room_id', 'starts_at']).execute();
  await db.schema.createIndex('appointments_by_patient').on('appointments').columns(['patient_id', 'starts_at']).execute();
  await db.schema.createIndex('appointments_by_start').on('appointments').columns(['starts_at']).execute();
  await db.schema.createIndex('appointments_by_series').on('appointments').columns(['series_id', 'starts_at']).execute();

  await stamped(
    db.schema
      .createTable('waitlist')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('type_id', 'text', (c) => c.notNull().references('appointment_types.id'))
      // JSON arrays: preferred providers (empty: anyone), ISO weekdays (empty: any day).
      .addColumn('provider_ids', 'text', (c) => c.notNull())
      .addColumn('weekdays', 'text', (c) => c.notNull())
      .addColumn('time_from', 'text', (c) => c.notNull())
      .addColumn('time_to', 'text', (c) => c.notNull())
      .addColumn('urgency', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('appointment_id', 'text', (c) => c.references('appointments.id'))
      .addColumn('added_by', 'text')
      .addColumn('closed_at', 'text'),
  ).execute();
  await db.schema.createIndex('waitlist_by_status').on('waitlist').columns(['status', 'created_at']).execute();
}
