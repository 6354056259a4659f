import { ApiFailure, messageOf } from '../../../app/api';

/**
 * The Keel fields a CSV column can fill, in the order the main process knows them
 * (electron/core/patient-csv.ts IMPORT_FIELDS; the renderer may not import it).
 */
export const IMPORT_FIELD_LIST: ReadonlyArray<{ key: string; label: string; required?: true }> = [
  { key: 'firstName', label: 'First name', required: true },
  { key: 'middleName', label: 'Middle name' },
  { key: 'lastName', label: 'Last name', required: true },
  { key: 'preferredName', label: 'Preferred name' },
  { key: 'dob', label: 'Date of birth', required: true },
  { key: 'sex', label: 'Sex' },
  { key: 'pronouns', label: 'Pronouns' },
  { key: 'phoneMobile', label: 'Mobile phone' },
  { key: 'phoneHome', label: 'Home phone' },
  { key: 'phoneWork', label: 'Work phone' },
  { key: 'email', label: 'Email' },
  { key: 'addressLine1', label: 'Address' },
  { key: 'addressLine2', label: 'Address line 2' },
  { key: 'city', label: 'City' },
  { key: 'region', label: 'State' },
  { key: 'postalCode', label: 'Postal code' },
  { key: 'insurancePayer', label: 'Insurance payer' },
  { key: 'insuranceMemberId', label: 'Member ID' },
  { key: 'insuranceGroup', label: 'Group number' },
  { key: 'notes', label: 'Notes' },
  { key: 'legacyId', label: 'Old record number (kept in the notes)' },
];

export const REQUIRED_FIELDS = IMPORT_FIELD_LIST.filter((f) => f.required);

export function fieldLabel(key: string): string {
  return IMPORT_FIELD_LIST.find((f) => f.key === key)?.label ?? key;
}

/** Column index (as text) → field key; '' means "Do not import". */
export type Mapping = Record<string, string>;

/** What is wrong with a mapping before it goes to the main process: required fields missing, fields chosen twice. */
export function mappingProblems(mapping: Mapping, headers: readonly string[]): { missing: string[]; twice: Array<{ field: string; columns: number[] }> } {
  const columnsOf = new Map<string, number[]>();
  headers.forEach((_, index) => {
    const field = mapping[String(index)] ?? '';
    if (field) columnsOf.set(field, [...(columnsOf.get(field) ?? []), index]);
  });
  return {
    missing: REQUIRED_FIELDS.filter((f) => !columnsOf.has(f.key)).map((f) => f.key),
    twice: [...columnsOf.entries()].filter(([, columns]) => columns.length > 1).map(([field, columns]) => ({ field, columns })),
  };
}

/** Only the columns that are imported, as the main process expects them. */
export function mappingToSend(mapping: Mapping): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([, field]) => field !== ''));
}

/** A column's name as the person sees it in their spreadsheet. */
export function columnName(headers: readonly string[], index: number): string {
  const header = headers[index]?.trim();
  return header ? header : `Column ${index + 1} (no name)`;
}

export const count = (n: number) => n.toLocaleString('en-US');

export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/**
 * The message for a refused call, without the field path the main process puts in
 * front of a file error ("csv: The file has…").
 */
export function plainMessage(error: unknown): string {
  if (error instanceof ApiFailure && error.code === 'invalid_input') {
    const issue = error.issues.find((i) => i.path === 'csv' || i.path.startsWith('mapping.'));
    if (issue && error.issues.length === 1) return issue.message;
  }
  return messageOf(error);
}
