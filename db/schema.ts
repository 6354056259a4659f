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

export interface DB {
  clinic: ClinicTable;
  opening_hours: OpeningHoursTable;
  users: UsersTable;
  audit_log: AuditLogTable;
}
