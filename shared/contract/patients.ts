import { z } from 'zod';
import type { MatchReason } from '../domain/patient-search';
import { CONTACT_METHODS, type ContactMethod, EARLIEST_DOB, SEXES, SUBSCRIBER_RELATIONS, type Sex, type SubscriberRelation } from '../domain/patients';
import { IMPORT_INPUT_BYTES, channel, returns } from './channel';
import { boundedRecord, date, email, expected, id, list, optionalText, phoneNumber, strictObject, text } from './fields';

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

/** A phone number, any format; empty, or at least 7 digits and no letters. */
export const phone = () => phoneNumber(40);

/** A date of birth: a real date from 1900 on, not after today (the main process checks the clinic's today). */
export const dateOfBirth = () =>
  date()
    .refine((d) => d >= EARLIEST_DOB, 'The date of birth is before 1900')
    .refine((d) => d <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), 'The date of birth is in the future');

const insurance = () =>
  strictObject({
    payer: optionalText(120),
    memberId: optionalText(60),
    group: optionalText(60),
    subscriberRelation: z.enum(SUBSCRIBER_RELATIONS, { error: expected(SUBSCRIBER_RELATIONS.join(', ')) }),
    subscriberName: optionalText(120),
    subscriberDob: z.union([z.literal(''), date()]),
  });

export const patientDetails = () =>
  strictObject({
    firstName: text(80),
    middleName: optionalText(80),
    lastName: text(80),
    preferredName: optionalText(80),
    dob: dateOfBirth(),
    sex: z.enum(SEXES, { error: (i) => (i.input === undefined ? 'Required' : 'Use F, M, X (another sex) or U (unknown)') }),
    pronouns: optionalText(40),
    phones: strictObject({ mobile: phone(), home: phone(), work: phone() }),
    email: z.union([z.literal(''), email()]),
    address: strictObject({ line1: optionalText(120), line2: optionalText(120), city: optionalText(80), region: optionalText(80), postalCode: optionalText(20) }),
    preferredContact: z.enum(CONTACT_METHODS, { error: expected(CONTACT_METHODS.filter(Boolean).join(', ')) }),
    emergency: strictObject({ name: optionalText(120), phone: phone(), relation: optionalText(60) }),
    insurance: insurance(),
    notes: optionalText(2000, { multiline: true }),
    flags: strictObject({ interpreterLanguage: optionalText(60), mobilityAssistance: z.boolean(), other: optionalText(200) }),
  });

export const PATIENT_EXAMPLE = {
  firstName: 'Ann',
  middleName: '',
  lastName: 'Smith',
  preferredName: '',
  dob: '1980-03-07',
  sex: 'F' as const,
  pronouns: '',
  phones: { mobile: '(555) 123-4567', home: '', work: '' },
  email: '',
  address: { line1: '', line2: '', city: '', region: '', postalCode: '' },
  preferredContact: 'mobile' as const,
  emergency: { name: '', phone: '', relation: '' },
  insurance: { payer: '', memberId: '', group: '', subscriberRelation: 'self' as const, subscriberName: '', subscriberDob: '' },
  notes: '',
  flags: { interpreterLanguage: '', mobilityAssistance: false, other: '' },
};

/** A mapping names columns 0–999 (three digits), so it has at most 1,000 entries. */
const MAX_MAPPED_COLUMNS = 1000;

const mapping = () => boundedRecord(z.string().regex(/^\d{1,3}$/, 'Column numbers'), z.string().max(40), MAX_MAPPED_COLUMNS, 'A mapping names at most 1,000 columns (0–999)');

const csv = () => z.string({ error: expected('the CSV file as text') }).min(1, 'The file is empty').max(28 * 1024 * 1024, 'The file is larger than 28 MB');

export const patientsContract = {
  'patients.search': channel({
    input: strictObject({
      query: z.string({ error: expected('text') }).max(100, 'Use at most 100 characters'),
      limit: z.number().int().min(1).max(50).optional(),
      includeInactive: z.boolean().optional(),
    }),
    output: returns<PatientMatch[]>(),
    access: 'patients.view',
    audit: 'read-phi',
    summary: 'Find patients by any part of the name in any order, phone digits, date of birth or record number; best matches first.',
    example: { query: 'smi ann' },
  }),
  'patients.get': channel({
    input: strictObject({ id: id() }),
    output: returns<Patient>(),
    access: 'patients.view',
    audit: 'read-phi',
    summary: 'Open a patient’s record (audited as a look at patient data).',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
  'patients.findDuplicates': channel({
    input: strictObject({
      firstName: optionalText(80),
      lastName: optionalText(80),
      dob: z.union([z.literal(''), date()]),
      phones: list(optionalText(40), 3, { tooMany: 'Give at most 3 phone numbers' }),
      excludeId: id().optional(),
    }),
    output: returns<DuplicateCandidate[]>(),
    access: 'patients.view',
    audit: 'read-phi',
    summary: 'Patients with the same name and date of birth, or the same phone and surname.',
    example: { firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07', phones: [] },
  }),
  'patients.create': channel({
    input: strictObject({ details: patientDetails(), confirmDuplicate: z.boolean().optional() }),
    output: returns<Patient>(),
    access: 'patients.edit',
    audit: 'write',
    summary: 'Register a patient; refused as a likely duplicate unless confirmDuplicate is set.',
    example: { details: PATIENT_EXAMPLE },
  }),
  'patients.update': channel({
    input: strictObject({ id: id(), details: patientDetails(), confirmDuplicate: z.boolean().optional() }),
    output: returns<Patient>(),
    access: 'patients.edit',
    audit: 'write',
    summary: 'Change a patient’s demographics and insurance; every change is kept in the history.',
    example: { id: '00000000-0000-7000-8000-000000000000', details: PATIENT_EXAMPLE },
  }),
  'patients.updateInsurance': channel({
    input: strictObject({ id: id(), insurance: insurance() }),
    output: returns<Patient>(),
    access: 'patients.insurance',
    audit: 'write',
    summary: 'Change only the insurance details (billers may).',
    example: { id: '00000000-0000-7000-8000-000000000000', insurance: PATIENT_EXAMPLE.insurance },
  }),
  'patients.setActive': channel({
    input: strictObject({ id: id(), active: z.boolean({ error: expected('true or false') }) }),
    output: returns<Patient>(),
    access: 'patients.edit',
    audit: 'write',
    summary: 'Mark a patient inactive (moved away, deceased) or active again.',
    example: { id: '00000000-0000-7000-8000-000000000000', active: false },
  }),
  'patients.history': channel({
    input: strictObject({ id: id() }),
    output: returns<PatientChange[]>(),
    access: 'patients.view',
    audit: 'read-phi',
    summary: 'Every change to a patient’s record: who, when, what, from and to.',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
  'patients.merge': channel({
    input: strictObject({ keepId: id(), mergeId: id() }).refine((m) => m.keepId !== m.mergeId, { path: ['mergeId'], message: 'Choose two different records' }),
    output: returns<Patient>(),
    access: 'patients.merge',
    audit: 'write',
    summary: 'Merge a duplicate into the record to keep: everything attached moves; the other is retired with a pointer.',
    example: { keepId: '00000000-0000-7000-8000-000000000000', mergeId: '00000000-0000-7000-8000-000000000001' },
  }),
  'patients.export': channel({
    input: strictObject({ includeInactive: z.boolean().optional() }),
    output: returns<{ fileName: string; csv: string; rows: number }>(),
    access: 'patients.export',
    audit: 'export',
    summary: 'The patient directory as CSV (manager only; every cell safe from spreadsheet formulas).',
    example: {},
  }),
  'patients.importPreview': channel({
    input: strictObject({ csv: csv() }),
    output: returns<ImportPreview>(),
    access: 'patients.import',
    audit: 'none',
    summary: 'Read a CSV file’s header and first rows, and guess which column is which.',
    maxInputBytes: IMPORT_INPUT_BYTES,
    example: { csv: 'First name,Last name,Date of birth\nAnn,Smith,1980-03-07\n' },
  }),
  'patients.importCheck': channel({
    input: strictObject({ csv: csv(), mapping: mapping() }),
    output: returns<ImportReport>(),
    access: 'patients.import',
    audit: 'read-phi',
    summary: 'Check every row before anything is written: problems by line and field, and likely duplicates.',
    maxInputBytes: IMPORT_INPUT_BYTES,
    example: { csv: 'First name,Last name,Date of birth\nAnn,Smith,1980-03-07\n', mapping: { '0': 'firstName', '1': 'lastName', '2': 'dob' } },
    selfTransacting: true,
  }),
  'patients.importRun': channel({
    input: strictObject({ csv: csv(), mapping: mapping(), duplicates: z.enum(['skip', 'import'], { error: expected('skip or import') }) }),
    output: returns<{ imported: number; skipped: number }>(),
    access: 'patients.import',
    audit: 'write',
    summary: 'Import the rows all or nothing, with progress; refused if any row has a problem.',
    maxInputBytes: IMPORT_INPUT_BYTES,
    example: { csv: 'First name,Last name,Date of birth\nAnn,Smith,1980-03-07\n', mapping: { '0': 'firstName', '1': 'lastName', '2': 'dob' }, duplicates: 'skip' },
    selfTransacting: true,
  }),
} as const;
