import { addMonths, daysBetween, type CalendarDate } from './time';

/** Job roles in the practice (not to be confused with sign-in roles). */
export const STAFF_ROLES = ['physician', 'np_pa', 'nurse_ma', 'receptionist', 'biller', 'manager', 'other'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  physician: 'Physician',
  np_pa: 'Nurse practitioner / PA',
  nurse_ma: 'Nurse / medical assistant',
  receptionist: 'Receptionist',
  biller: 'Biller',
  manager: 'Manager',
  other: 'Other',
};

const STAFF_ROLE_PLURALS: Record<StaffRole, string> = {
  physician: 'physicians',
  np_pa: 'nurse practitioners / PAs',
  nurse_ma: 'nurses / medical assistants',
  receptionist: 'receptionists',
  biller: 'billers',
  manager: 'managers',
  other: 'others',
};

/** "1 receptionist", "3 nurses / medical assistants". */
export function roleCount(count: number, role: StaffRole): string {
  return `${count} ${count === 1 ? STAFF_ROLE_LABELS[role].toLowerCase() : STAFF_ROLE_PLURALS[role]}`;
}

export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contractor'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const EMPLOYMENT_LABELS: Record<EmploymentType, string> = { full_time: 'Full-time', part_time: 'Part-time', contractor: 'Contractor' };

export const PAY_TYPES = ['hourly', 'salary'] as const;
export type PayType = (typeof PAY_TYPES)[number];

export const CREDENTIAL_KINDS = ['licence', 'dea', 'board_cert', 'cpr_bls', 'osha_bbp', 'hipaa', 'other'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
export const CREDENTIAL_LABELS: Record<CredentialKind, string> = {
  licence: 'License',
  dea: 'DEA registration',
  board_cert: 'Board certification',
  cpr_bls: 'CPR / BLS',
  osha_bbp: 'OSHA bloodborne pathogens training',
  hipaa: 'HIPAA training',
  other: 'Other',
};

/** Which credentials each job role needs, until the clinic changes it (DOMAIN.md). */
export const DEFAULT_REQUIREMENTS: Record<StaffRole, CredentialKind[]> = {
  physician: ['licence', 'dea', 'board_cert', 'cpr_bls', 'osha_bbp', 'hipaa'],
  np_pa: ['licence', 'dea', 'cpr_bls', 'osha_bbp', 'hipaa'],
  nurse_ma: ['cpr_bls', 'osha_bbp', 'hipaa'],
  receptionist: ['hipaa'],
  biller: ['hipaa'],
  manager: ['hipaa'],
  other: ['hipaa'],
};

/** Days before expiry at which an alert is raised. */
export const EXPIRY_ALERT_DAYS = [90, 60, 30, 7] as const;
export type ExpiryAlert = 'expired' | 90 | 60 | 30 | 7 | null;

/**
 * The alert for a credential on a day: `expired` the day after its expiry date,
 * otherwise the tightest threshold it has reached (7 covers the last week,
 * including the expiry day itself), or null when more than 90 days remain.
 */
export function expiryAlert(expiresOn: CalendarDate | null, today: CalendarDate): ExpiryAlert {
  if (expiresOn === null) return null;
  const daysLeft = daysBetween(today, expiresOn);
  if (daysLeft < 0) return 'expired';
  let alert: ExpiryAlert = null;
  for (const threshold of EXPIRY_ALERT_DAYS) if (daysLeft <= threshold) alert = threshold;
  return alert;
}

export const TIME_OFF_KINDS = ['vacation', 'sick', 'training', 'other'] as const;
export type TimeOffKind = (typeof TIME_OFF_KINDS)[number];
export const TIME_OFF_LABELS: Record<TimeOffKind, string> = { vacation: 'Vacation', sick: 'Sick', training: 'Training', other: 'Other' };
export const TIME_OFF_STATUSES = ['pending', 'approved', 'declined', 'cancelled'] as const;
export type TimeOffStatus = (typeof TIME_OFF_STATUSES)[number];

export const CANDIDATE_STAGES = ['applied', 'phone_screen', 'interview', 'offer', 'hired', 'rejected'] as const;
export type CandidateStage = (typeof CANDIDATE_STAGES)[number];
export const CANDIDATE_STAGE_LABELS: Record<CandidateStage, string> = {
  applied: 'Applied',
  phone_screen: 'Phone screen',
  interview: 'Interview',
  offer: 'Offer',
  hired: 'Hired',
  rejected: 'Rejected',
};

export const ROOM_KINDS = ['exam', 'procedure', 'lab', 'other'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
export const ROOM_KIND_LABELS: Record<RoomKind, string> = { exam: 'Exam', procedure: 'Procedure', lab: 'Lab', other: 'Other' };

export const DEFAULT_EVALUATION_MONTHS = 12;
export const DEFAULT_EVALUATION_CRITERIA = ['Quality of work', 'Reliability', 'Teamwork', 'Patient care and courtesy', 'Communication'];

/** When the next evaluation is due: the interval after the last one, or after the start date. */
export function evaluationDue(startDate: CalendarDate, lastReview: CalendarDate | null, intervalMonths: number): CalendarDate {
  return addMonths(lastReview ?? startDate, intervalMonths);
}

/** Rest shorter than this between two shifts of one person is warned about. */
export const MIN_REST_MINUTES = 8 * 60;
/** Paid hours in one ISO week above this are overtime. */
export const OVERTIME_WEEK_MINUTES = 40 * 60;
export const MAX_SHIFT_MINUTES = 16 * 60;
