import type { Kysely } from 'kysely';

type Table = ReturnType<Kysely<unknown>['schema']['createTable']>;

function stamped(table: Table): Table {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

/** Patients, their search terms and change history, and the concerns log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = (name: string) => (t: Table) => t.addColumn(name, 'text', (c) => c.notNull().defaultTo(''));
  let patients = db.schema
    .createTable('patients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mrn', 'text', (c) => c.notNull().unique())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('dob', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull());
  for (const column of [
    'middle_name',
    'preferred_name',
    'pronouns',
    'phone_mobile',
    'phone_home',
    'phone_work',
    'email',
    'address_line1',
    'address_line2',
    'city',
    'region',
    'postal_code',
    'preferred_contact',
    'emergency_name',
    'emergency_phone',
    'emergency_relation',
    'insurance_payer',
    'insurance_member_id',
    'insurance_group',
    'subscriber_relation',
    'subscriber_name',
    'subscriber_dob',
    'notes',
    'interpreter_language',
    'other_flag',
  ]) {
    patients = text(column)(patients);
  }
  patients = patients
    .addColumn('mobility_assistance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('merged_into', 'text', (c) => c.references('patients.id'))
    // Folded "last first" for ordering lists by name.
    .addColumn('sort_name', 'text', (c) => c.notNull());
  await stamped(patients).execute();
  await db.schema.createIndex('patients_by_name').on('patients').columns(['sort_name']).execute();
  await db.schema.createIndex('patients_by_dob').on('patients').columns(['dob']).execute();

  await stamped(
    db.schema
      .createTable('patient_search_terms')
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addPrimaryKeyConstraint('patient_search_terms_pk', ['term', 'patient_id']),
  ).execute();
  await db.schema.createIndex('patient_search_terms_by_patient').on('patient_search_terms').columns(['patient_id']).execute();

  await stamped(
    db.schema
      .createTable('patient_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('username', 'text')
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('old_value', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('new_value', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('patient_changes_by_patient').on('patient_changes').columns(['patient_id', 'at']).execute();

  await stamped(
    db.schema
      .createTable('concerns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opened_on', 'text', (c) => c.notNull())
      .addColumn('resolved_on', 'text')
      .addColumn('closed_on', 'text')
      .addColumn('resolution', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text'),
  ).execute();
  await db.schema.createIndex('concerns_by_status').on('concerns').columns(['status', 'opened_on']).execute();
  await db.schema.createIndex('concerns_by_patient').on('concerns').columns(['patient_id']).execute();
  await stamped(
    db.schema
      .createTable('concern_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('concern_id', 'text', (c) => c.notNull().references('concerns.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('username', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('concern_events_by_concern').on('concern_events').columns(['concern_id', 'at']).execute();

  // Rows of an import are staged here in chunks, then moved into patients in one transaction.
  await stamped(
    db.schema
      .createTable('patient_import_rows')
      .addColumn('import_id', 'text', (c) => c.notNull())
      .addColumn('row_number', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('patient_import_rows_pk', ['import_id', 'row_number']),
  ).execute();
}
