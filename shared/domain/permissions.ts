/**
 * Who may do what. The router enforces this matrix on every call (deny by
 * default); the renderer only uses it to hide what a user cannot do.
 */
export const ROLES = ['manager', 'receptionist', 'provider', 'billing'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  manager: 'Office manager',
  receptionist: 'Receptionist',
  provider: 'Provider',
  billing: 'Biller',
};

const EVERYONE: readonly Role[] = ROLES;

/** Each permission and the roles that hold it. A permission missing here is held by nobody. */
export const PERMISSION_MATRIX = {
  /** Own account: who am I, sign out, lock, change own password. */
  'account.self': EVERYONE,
  /** Read the clinic profile, hours and slot size. */
  'clinic.view': EVERYONE,
  /** Change the clinic profile and hours. */
  'clinic.manage': ['manager'],
  /** Create user accounts, change roles, reset passwords, deactivate. */
  'users.manage': ['manager'],
  /** The staff directory's contact details. */
  'staff.view': ['manager', 'receptionist'],
  /** One's own staff record, credentials and scans (handlers check it is one's own). */
  'staff.self': EVERYONE,
  /** Add and change staff, pay, credentials, required credentials. */
  'staff.manage': ['manager'],
  'evaluations.manage': ['manager'],
  'hiring.manage': ['manager'],
  /** The roster, time off on it, coverage and provider availability. */
  'roster.view': ['manager', 'receptionist', 'provider'],
  'roster.manage': ['manager'],
  /** Hours and labour cost. */
  'labour.view': ['manager'],
  /** Request time off (one's own; the manager for anyone). */
  'timeoff.request': EVERYONE,
  'timeoff.decide': ['manager'],
  'rooms.view': ['manager', 'receptionist', 'provider'],
  'rooms.manage': ['manager', 'receptionist'],
  /** Equipment and its service dates. */
  'equipment.view': ['manager', 'receptionist', 'provider'],
  'equipment.manage': ['manager', 'receptionist'],
  /** Find and open patients (every look is audited). */
  'patients.view': EVERYONE,
  /** Register patients, change demographics and insurance. */
  'patients.edit': ['manager', 'receptionist'],
  /** Change insurance details only. */
  'patients.insurance': ['manager', 'receptionist', 'billing'],
  'patients.merge': ['manager'],
  'patients.export': ['manager'],
  'patients.import': ['manager'],
  /** The concerns and complaints log. */
  'concerns.view': ['manager', 'receptionist'],
  'concerns.manage': ['manager', 'receptionist'],
  /** How long a concern may stay unresolved before it is overdue. */
  'concerns.settings': ['manager'],
  /**
   * Complaints about staff conduct are about colleagues: the office manager's
   * alone. The front desk may log one a patient raises; it is then not listed
   * for them (nor on their Today).
   */
  'concerns.staffConduct': ['manager'],
  /** See the schedule (billers read it too). */
  'schedule.view': EVERYONE,
  /** Book, move and cancel; the waitlist. */
  'schedule.manage': ['manager', 'receptionist'],
  /** Check-in statuses; providers only for their own appointments. */
  'schedule.status': ['manager', 'receptionist', 'provider'],
  /** Appointment types and scheduling settings. */
  'schedule.types': ['manager'],
  'schedule.reports': ['manager'],
  /** Book over a provider or hours conflict, or in the past, with a reason. */
  'schedule.override': ['manager'],
  /** Backups: status, back up now, settings, restore. */
  'backups.manage': ['manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_MATRIX;

/**
 * What a channel needs: `public` needs no session (sign-in, first-launch setup);
 * anything else is a permission from the matrix.
 */
export type Access = 'public' | Permission;

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSION_MATRIX[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
