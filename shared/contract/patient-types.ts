import type { ConcernCategory, ConcernStatus, ContactMethod, Severity, Sex, SubscriberRelation } from '../domain/patients';
import type { MatchReason } from '../domain/patient-search';

export interface PatientPhones {
  mobile: string;
  home: string;
  work: string;
}

export interface PatientAddress {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
}

export interface PatientInsurance {
  payer: string;
  memberId: string;
  group: string;
  subscriberRelation: SubscriberRelation;
  /** When the subscriber is not the patient. */
  subscriberName: string;
  subscriberDob: string;
}

export interface PatientFlags {
  /** Empty when no interpreter is needed. */
  interpreterLanguage: string;
  mobilityAssistance: boolean;
  other: string;
}

export interface PatientDetails {
  firstName: string;
  middleName: string;
  lastName: string;
  preferredName: string;
  dob: string;
  sex: Sex;
  pronouns: string;
  phones: PatientPhones;
  email: string;
  address: PatientAddress;
  preferredContact: ContactMethod;
  emergency: { name: string; phone: string; relation: string };
  insurance: PatientInsurance;
  notes: string;
  flags: PatientFlags;
}

export interface Patient extends PatientDetails {
  id: string;
  mrn: string;
  active: boolean;
  /** Set when this record was merged into another; that one is kept. */
  mergedInto: { id: string; mrn: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** One search result: enough to tell two people apart. */
export interface PatientMatch {
  id: string;
  mrn: string;
  name: string;
  dob: string;
  phone: string;
  active: boolean;
  flags: PatientFlags;
  /** Why this record matched what was typed, one reason per part of the record (a middle name, a previous name, the home phone…). */
  matched: MatchReason[];
}

export interface DuplicateCandidate {
  id: string;
  mrn: string;
  name: string;
  dob: string;
  phone: string;
  /** Same name and date of birth, or same phone and surname. */
  reason: 'name_and_dob' | 'phone_and_surname';
}

export interface PatientChange {
  at: string;
  username: string | null;
  field: string;
  oldValue: string;
  newValue: string;
}

export interface ConcernEvent {
  at: string;
  username: string | null;
  status: ConcernStatus;
  note: string;
}

export interface Concern {
  id: string;
  patient: { id: string; mrn: string; name: string } | null;
  category: ConcernCategory;
  description: string;
  severity: Severity;
  owner: { id: string; name: string } | null;
  status: ConcernStatus;
  openedOn: string;
  resolvedOn: string | null;
  closedOn: string | null;
  resolution: string;
  /** Days since opened (until resolved). */
  daysOpen: number;
  /** Still open or in progress after the clinic's target. */
  overdue: boolean;
  events: ConcernEvent[];
}

export interface ImportPreview {
  headers: string[];
  rows: string[][];
  rowCount: number;
  /** Column index → field, guessed from the header names. */
  suggested: Record<string, string>;
}

export interface ImportProblem {
  /** Line in the file (the header is line 1). */
  line: number;
  field: string;
  problem: string;
}

export interface ImportReport {
  rowCount: number;
  valid: number;
  /** All problems found; `problems` carries the first thousand. */
  problemCount: number;
  problems: ImportProblem[];
  duplicates: Array<{ line: number; name: string; dob: string; matches: DuplicateCandidate[] }>;
}
