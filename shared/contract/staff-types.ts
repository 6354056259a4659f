import type { AffectedAppointment } from './booking-risks';
import type { CandidateStage, CredentialKind, EmploymentType, ExpiryAlert, PayType, RoomKind, StaffRole, TimeOffKind, TimeOffStatus } from '../domain/staff';

/** Why a person is flagged: a required credential missing or expired. */
export interface CredentialFlag {
  missing: CredentialKind[];
  expired: CredentialKind[];
}

export interface StaffMember {
  id: string;
  fullName: string;
  jobTitle: string;
  staffRole: StaffRole;
  phone: string;
  email: string;
  employmentType: EmploymentType;
  startDate: string;
  endDate: string | null;
  /** Contracted hours per week. */
  contractedHours: number;
  colour: string;
  userId: string | null;
  bookable: boolean;
  active: boolean;
  /** Null when the person holds every credential their role requires. */
  flag: CredentialFlag | null;
  /** Pay is shown to the office manager only; null for everyone else. */
  pay: { type: PayType; rateCents: number } | null;
}

export interface AttachmentInfo {
  id: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
}

export interface Credential {
  id: string;
  staffId: string;
  kind: CredentialKind;
  number: string;
  issuer: string;
  issuedOn: string | null;
  expiresOn: string | null;
  note: string;
  attachment: AttachmentInfo | null;
  /** The newest credential of its kind for the person; older ones are history. */
  current: boolean;
  alert: ExpiryAlert;
}

export interface ExpiringCredential {
  credentialId: string;
  staffId: string;
  staffName: string;
  staffRole: StaffRole;
  kind: CredentialKind;
  expiresOn: string;
  daysLeft: number;
  alert: Exclude<ExpiryAlert, null>;
  /** Required for the person's role: once lapsed, they are flagged on the roster. */
  required: boolean;
  /** Required and the person is a bookable provider: once lapsed, they cannot be booked. */
  blocksBooking: boolean;
}

export interface MissingCredential {
  staffId: string;
  staffName: string;
  staffRole: StaffRole;
  kind: CredentialKind;
}

export interface AttachmentFile {
  fileName: string;
  mime: string;
  sha256: string;
  dataBase64: string;
}

export interface StaffSettings {
  requirements: Record<StaffRole, CredentialKind[]>;
  evaluationIntervalMonths: number;
  evaluationCriteria: string[];
}

export interface Evaluation {
  id: string;
  staffId: string;
  reviewDate: string;
  reviewer: string;
  ratings: Record<string, number>;
  comments: string;
  goals: string;
}

export interface EvaluationDue {
  staffId: string;
  fullName: string;
  staffRole: StaffRole;
  lastReview: string | null;
  dueOn: string;
  /** Negative when overdue. */
  daysLeft: number;
  overdue: boolean;
}

export type PositionStatus = 'open' | 'on_hold' | 'filled' | 'closed';

export interface Position {
  id: string;
  title: string;
  staffRole: StaffRole;
  employmentType: EmploymentType;
  status: PositionStatus;
  openedOn: string;
  note: string;
  candidateCount: number;
}

export interface CandidateEvent {
  stage: CandidateStage;
  onDate: string;
  note: string;
  by: string | null;
}

export interface Candidate {
  id: string;
  positionId: string;
  positionTitle: string;
  fullName: string;
  phone: string;
  email: string;
  stage: CandidateStage;
  stageOn: string;
  note: string;
  staffId: string | null;
  history: CandidateEvent[];
}

export interface Shift {
  id: string;
  staffId: string;
  start: string;
  end: string;
  breakMinutes: number;
  note: string;
  /** Real minutes worked (DST-aware) minus the unpaid break. */
  paidMinutes: number;
}

export type WarningKind = 'overlap' | 'time_off' | 'overtime' | 'contracted' | 'rest' | 'flagged';

export interface RosterWarning {
  kind: WarningKind;
  staffId: string;
  /** The shift it concerns; absent for week-level warnings (overtime, contracted hours). */
  shiftId?: string;
  message: string;
}

export interface TimeOff {
  id: string;
  staffId: string;
  staffName: string;
  kind: TimeOffKind;
  start: string;
  end: string;
  status: TimeOffStatus;
  requestNote: string;
  decisionNote: string;
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface CoverageRequirement {
  staffRole: StaffRole;
  min: number;
}

export interface CoverageRule {
  id: string;
  name: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  requirements: CoverageRequirement[];
  active: boolean;
}

export interface CoverageGap {
  ruleName: string;
  date: string;
  from: string;
  to: string;
  staffRole: StaffRole;
  required: number;
  actual: number;
}

export interface ShiftTemplate {
  id: string;
  name: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  breakMinutes: number;
  active: boolean;
}

export interface RosterPerson {
  id: string;
  fullName: string;
  staffRole: StaffRole;
  colour: string;
  contractedHours: number;
  flag: CredentialFlag | null;
}

export interface PersonHours {
  staffId: string;
  paidMinutes: number;
  overtimeMinutes: number;
  /** Manager only; null for everyone else. */
  costCents: number | null;
}

export interface RosterWeek {
  weekStart: string;
  days: string[];
  people: RosterPerson[];
  shifts: Shift[];
  timeOff: TimeOff[];
  warnings: RosterWarning[];
  gaps: CoverageGap[];
  hours: PersonHours[];
  totals: { paidMinutes: number; costCents: number | null };
}

export interface LabourReport {
  from: string;
  to: string;
  people: Array<PersonHours & { fullName: string; staffRole: StaffRole }>;
  totals: { paidMinutes: number; overtimeMinutes: number; costCents: number };
}

export interface ProviderAvailability {
  staffId: string;
  fullName: string;
  /** `roster` once the provider has shifts; the clinic's opening hours until then. */
  source: 'roster' | 'opening_hours';
  intervals: Array<{ start: string; end: string }>;
}

export interface WorkingToday {
  staffId: string;
  fullName: string;
  staffRole: StaffRole;
  start: string;
  end: string;
  flag: CredentialFlag | null;
}

export interface Room {
  id: string;
  name: string;
  kind: RoomKind;
  note: string;
  active: boolean;
}

export interface Equipment {
  id: string;
  name: string;
  serialNumber: string;
  roomId: string | null;
  roomName: string | null;
  serviceIntervalMonths: number | null;
  lastServiceOn: string | null;
  nextServiceOn: string | null;
  outOfService: boolean;
  note: string;
  active: boolean;
  overdue: boolean;
}

/** What approving time off does to one shift: removed, or cut back to the parts outside the time off. */
export interface ShiftChange {
  shift: Shift;
  effect: 'remove' | 'shorten' | 'split';
  /** The parts that stay on the roster (none when removed). */
  keeps: Array<{ start: string; end: string; breakMinutes: number }>;
  paidMinutesLost: number;
}

/** What a time-off request touches, shown before it is approved. */
export interface TimeOffImpact {
  request: TimeOff;
  shifts: ShiftChange[];
  paidMinutesLost: number;
  /** Labor cost of those hours (hourly pay; salaries do not change); null for anyone but the manager. */
  costCents: number | null;
  /** Booked appointments of the person during it, to reschedule. */
  appointments: AffectedAppointment[];
}

export interface TimeOffDecision extends TimeOff {
  /** Shifts taken off the roster with the approval, and shifts cut back to the hours outside it. */
  shiftsRemoved: number;
  shiftsShortened: number;
}
