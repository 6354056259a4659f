import type { Kysely } from 'kysely';
import { DEFAULT_EVALUATION_CRITERIA, DEFAULT_EVALUATION_MONTHS, DEFAULT_REQUIREMENTS } from '../../shared/domain/staff';

type Table = ReturnType<Kysely<unknown>['schema']['createTable']>;

/** created_at and updated_at, on every table. */
function stamped(table: Table): Table {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

/** Staff, credentials, evaluations, hiring, the roster, time off, coverage, rooms and equipment. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await stamped(db.schema.createTable('settings').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull())).execute();

  await stamped(
    db.schema
      .createTable('staff')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('job_title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('staff_role', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('employment_type', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .addColumn('contracted_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pay_type', 'text', (c) => c.notNull())
      .addColumn('pay_rate_cents', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('colour', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.references('users.id').unique())
      .addColumn('bookable', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('staff_by_name').on('staff').columns(['active', 'full_name']).execute();

  await stamped(
    db.schema
      .createTable('credential_requirements')
      .addColumn('staff_role', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('credential_requirements_pk', ['staff_role', 'kind']),
  ).execute();

  await stamped(
    db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull()),
  ).execute();

  await stamped(
    db.schema
      .createTable('credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('issuer', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('issued_on', 'text')
      .addColumn('expires_on', 'text')
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('attachment_id', 'text', (c) => c.references('attachments.id'))
      .addColumn('archived_at', 'text'),
  ).execute();
  await db.schema.createIndex('credentials_by_staff').on('credentials').columns(['staff_id', 'kind']).execute();
  await db.schema.createIndex('credentials_by_expiry').on('credentials').columns(['expires_on']).execute();

  await stamped(
    db.schema
      .createTable('evaluations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('review_date', 'text', (c) => c.notNull())
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('ratings', 'text', (c) => c.notNull())
      .addColumn('comments', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('goals', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('evaluations_by_staff').on('evaluations').columns(['staff_id', 'review_date']).execute();

  await stamped(
    db.schema
      .createTable('positions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('staff_role', 'text', (c) => c.notNull())
      .addColumn('employment_type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opened_on', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await stamped(
    db.schema
      .createTable('candidates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('position_id', 'text', (c) => c.notNull().references('positions.id'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('stage_on', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('staff_id', 'text', (c) => c.references('staff.id')),
  ).execute();
  await stamped(
    db.schema
      .createTable('candidate_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id'))
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('on_date', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('by_username', 'text'),
  ).execute();
  await db.schema.createIndex('candidate_events_by_candidate').on('candidate_events').columns(['candidate_id', 'on_date']).execute();

  await stamped(
    db.schema
      .createTable('shifts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('break_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('deleted_at', 'text'),
  ).execute();
  // A week's roster is a range on starts_at; shifts are at most 16 hours, so the range stays small whatever the history.
  await db.schema.createIndex('shifts_by_start').on('shifts').columns(['starts_at', 'staff_id']).execute();
  await db.schema.createIndex('shifts_by_staff').on('shifts').columns(['staff_id', 'starts_at']).execute();

  await stamped(
    db.schema
      .createTable('shift_templates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('weekdays', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text', (c) => c.notNull())
      .addColumn('break_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();

  await stamped(
    db.schema
      .createTable('time_off')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('request_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('requested_by', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text'),
  ).execute();
  await db.schema.createIndex('time_off_by_staff').on('time_off').columns(['staff_id', 'starts_at']).execute();
  await db.schema.createIndex('time_off_by_start').on('time_off').columns(['starts_at']).execute();

  await stamped(
    db.schema
      .createTable('coverage_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('weekdays', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text', (c) => c.notNull())
      .addColumn('requirements', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();

  await stamped(
    db.schema
      .createTable('rooms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await stamped(
    db.schema
      .createTable('equipment')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('serial_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('room_id', 'text', (c) => c.references('rooms.id'))
      .addColumn('service_interval_months', 'integer')
      .addColumn('last_service_on', 'text')
      .addColumn('next_service_on', 'text')
      .addColumn('out_of_service', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('equipment_by_next_service').on('equipment').columns(['next_service_on']).execute();
  await stamped(
    db.schema
      .createTable('equipment_services')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('equipment_id', 'text', (c) => c.notNull().references('equipment.id'))
      .addColumn('serviced_on', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('by_username', 'text'),
  ).execute();

  // Defaults a clinic can change: required credentials per role, evaluation interval and criteria.
  const now = new Date().toISOString();
  const requirements = Object.entries(DEFAULT_REQUIREMENTS).flatMap(([role, kinds]) => kinds.map((kind) => ({ staff_role: role, kind, created_at: now, updated_at: now })));
  await db.insertInto('credential_requirements' as never).values(requirements as never).execute();
  await db
    .insertInto('settings' as never)
    .values([
      { key: 'evaluation.intervalMonths', value: JSON.stringify(DEFAULT_EVALUATION_MONTHS), created_at: now, updated_at: now },
      { key: 'evaluation.criteria', value: JSON.stringify(DEFAULT_EVALUATION_CRITERIA), created_at: now, updated_at: now },
    ] as never)
    .execute();
}
