import type { Generated } from 'kysely';

/**
 * Tables as stored. Conventions: text UUIDv7 ids, instants as UTC ISO-8601 text,
 * dates `YYYY-MM-DD`, wall-clock `HH:MM`, booleans 0/1, money integer cents.
 */

export interface ClinicTable {
  id: string;
  name: string;
  time_zone: string;
  slot_minutes: number;
  phone: string;
  email: string;
  address: string;
  idle_lock_minutes: number;
  date_order: string;
  created_at: string;
  updated_at: string;
}

export interface OpeningHoursTable {
  /** ISO weekday 1 = Monday … 7 = Sunday. */
  weekday: number;
  opens: string | null;
  closes: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  /** Lower-case; unique. */
  username: string;
  full_name: string;
  role: string;
  password_hash: string;
  active: number;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  deactivated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  /** Insertion order; the log is append-only. */
  seq: Generated<number>;
  id: string;
  at: string;
  user_id: string | null;
  /** Kept as text so the log still names people after accounts change. */
  username: string | null;
  action: string;
  kind: string;
  outcome: string;
  target_id: string | null;
  patient_id: string | null;
  detail: string | null;
  created_at: string;
  updated_at: string;
}

interface Stamped {
  created_at: string;
  updated_at: string;
}

export interface SettingsTable extends Stamped {
  key: string;
  /** JSON. */
  value: string;
}

export interface StaffTable extends Stamped {
  id: string;
  full_name: string;
  job_title: string;
  staff_role: string;
  phone: string;
  email: string;
  employment_type: string;
  start_date: string;
  end_date: string | null;
  /** Contracted minutes per week. */
  contracted_minutes: number;
  pay_type: string;
  /** Hourly rate, or yearly salary, in cents. */
  pay_rate_cents: number;
  colour: string;
  user_id: string | null;
  bookable: number;
  active: number;
}

export interface CredentialRequirementsTable extends Stamped {
  staff_role: string;
  kind: string;
}

export interface AttachmentsTable extends Stamped {
  id: string;
  sha256: string;
  file_name: string;
  mime: string;
  size_bytes: number;
}

export interface CredentialsTable extends Stamped {
  id: string;
  staff_id: string;
  kind: string;
  number: string;
  issuer: string;
  issued_on: string | null;
  expires_on: string | null;
  note: string;
  attachment_id: string | null;
  archived_at: string | null;
}

export interface EvaluationsTable extends Stamped {
  id: string;
  staff_id: string;
  review_date: string;
  reviewer: string;
  /** JSON: criterion → 1..5. */
  ratings: string;
  comments: string;
  goals: string;
}

export interface PositionsTable extends Stamped {
  id: string;
  title: string;
  staff_role: string;
  employment_type: string;
  status: string;
  opened_on: string;
  note: string;
}

export interface CandidatesTable extends Stamped {
  id: string;
  position_id: string;
  full_name: string;
  phone: string;
  email: string;
  stage: string;
  stage_on: string;
  note: string;
  staff_id: string | null;
}

export interface CandidateEventsTable extends Stamped {
  id: string;
  candidate_id: string;
  stage: string;
  on_date: string;
  note: string;
  by_username: string | null;
}

export interface ShiftsTable extends Stamped {
  id: string;
  staff_id: string;
  starts_at: string;
  ends_at: string;
  break_minutes: number;
  note: string;
  deleted_at: string | null;
}

export interface ShiftTemplatesTable extends Stamped {
  id: string;
  name: string;
  /** ISO weekdays, comma-separated: "1,2,3,4,5". */
  weekdays: string;
  start_time: string;
  end_time: string;
  break_minutes: number;
  active: number;
}

export interface TimeOffTable extends Stamped {
  id: string;
  staff_id: string;
  kind: string;
  starts_at: string;
  ends_at: string;
  status: string;
  request_note: string;
  decision_note: string;
  requested_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface CoverageRulesTable extends Stamped {
  id: string;
  name: string;
  weekdays: string;
  start_time: string;
  end_time: string;
  /** JSON: [{ staffRole, min }]. */
  requirements: string;
  active: number;
}

export interface RoomsTable extends Stamped {
  id: string;
  name: string;
  kind: string;
  note: string;
  active: number;
}

export interface EquipmentTable extends Stamped {
  id: string;
  name: string;
  serial_number: string;
  room_id: string | null;
  service_interval_months: number | null;
  last_service_on: string | null;
  next_service_on: string | null;
  out_of_service: number;
  note: string;
  active: number;
}

export interface EquipmentServicesTable extends Stamped {
  id: string;
  equipment_id: string;
  serviced_on: string;
  note: string;
  by_username: string | null;
}

export interface PatientsTable extends Stamped {
  id: string;
  mrn: string;
  first_name: string;
  middle_name: string;
  last_name: string;
  preferred_name: string;
  dob: string;
  sex: string;
  pronouns: string;
  phone_mobile: string;
  phone_home: string;
  phone_work: string;
  email: string;
  address_line1: string;
  address_line2: string;
  city: string;
  region: string;
  postal_code: string;
  preferred_contact: string;
  emergency_name: string;
  emergency_phone: string;
  emergency_relation: string;
  insurance_payer: string;
  insurance_member_id: string;
  insurance_group: string;
  subscriber_relation: string;
  subscriber_name: string;
  subscriber_dob: string;
  notes: string;
  interpreter_language: string;
  mobility_assistance: number;
  other_flag: string;
  active: number;
  merged_into: string | null;
  /** Folded "last first" for ordering by name. */
  sort_name: string;
}

export interface PatientSearchTermsTable extends Stamped {
  term: string;
  patient_id: string;
}

export interface PatientChangesTable extends Stamped {
  id: string;
  patient_id: string;
  at: string;
  username: string | null;
  field: string;
  old_value: string;
  new_value: string;
}

export interface ConcernsTable extends Stamped {
  id: string;
  patient_id: string | null;
  category: string;
  description: string;
  severity: string;
  owner_user_id: string | null;
  status: string;
  opened_on: string;
  resolved_on: string | null;
  closed_on: string | null;
  resolution: string;
  created_by: string | null;
}

export interface ConcernEventsTable extends Stamped {
  id: string;
  concern_id: string;
  at: string;
  username: string | null;
  status: string;
  note: string;
}

export interface PatientImportRowsTable extends Stamped {
  import_id: string;
  row_number: number;
  data: string;
}

export interface AppointmentTypesTable extends Stamped {
  id: string;
  name: string;
  duration_minutes: number;
  colour: string;
  room_kind: string | null;
  provider_roles: string;
  active: number;
}

export interface AppointmentSeriesTable extends Stamped {
  id: string;
  rrule: string;
  first_start: string;
  duration_minutes: number;
}

export interface AppointmentsTable extends Stamped {
  id: string;
  patient_id: string;
  provider_id: string;
  room_id: string | null;
  type_id: string;
  starts_at: string;
  ends_at: string;
  status: string;
  reason: string;
  note: string;
  series_id: string | null;
  series_index: number | null;
  arrived_at: string | null;
  in_room_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string;
  late_cancel: number;
  override_reason: string;
  created_by: string | null;
}

export interface WaitlistTable extends Stamped {
  id: string;
  patient_id: string;
  type_id: string;
  provider_ids: string;
  weekdays: string;
  time_from: string;
  time_to: string;
  urgency: string;
  note: string;
  status: string;
  appointment_id: string | null;
  added_by: string | null;
  closed_at: string | null;
}

export interface AppointmentReminderCallsTable extends Stamped {
  id: string;
  appointment_id: string;
  outcome: string;
  note: string;
  called_by_user_id: string | null;
  called_by_name: string;
  called_at: string;
}

export interface ClinicClosuresTable extends Stamped {
  id: string;
  date: string;
  label: string;
  active: number;
  created_by: string | null;
}

export interface DB {
  clinic: ClinicTable;
  opening_hours: OpeningHoursTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  staff: StaffTable;
  credential_requirements: CredentialRequirementsTable;
  attachments: AttachmentsTable;
  credentials: CredentialsTable;
  evaluations: EvaluationsTable;
  positions: PositionsTable;
  candidates: CandidatesTable;
  candidate_events: CandidateEventsTable;
  shifts: ShiftsTable;
  shift_templates: ShiftTemplatesTable;
  time_off: TimeOffTable;
  coverage_rules: CoverageRulesTable;
  rooms: RoomsTable;
  equipment: EquipmentTable;
  equipment_services: EquipmentServicesTable;
  patients: PatientsTable;
  patient_search_terms: PatientSearchTermsTable;
  patient_changes: PatientChangesTable;
  concerns: ConcernsTable;
  concern_events: ConcernEventsTable;
  patient_import_rows: PatientImportRowsTable;
  appointment_types: AppointmentTypesTable;
  appointment_series: AppointmentSeriesTable;
  appointments: AppointmentsTable;
  waitlist: WaitlistTable;
  appointment_reminder_calls: AppointmentReminderCallsTable;
  clinic_closures: ClinicClosuresTable;
}
