import Papa from 'papaparse';
import { patientDetails } from '../../shared/contract/patients';
import { fieldError, KeelError } from '../../shared/contract/index';
import type { ImportProblem, PatientDetails } from '../../shared/contract/patients';
import type { DateOrder } from '../../shared/contract/clinic';
import { parseTypedDate } from '../../shared/domain/patient-search';
import { MAX_IMPORT_ROWS, PATIENT_EXAMPLE_BLANK } from '../../shared/domain/patient-import';

/** What a CSV column can be mapped to, and the header names that suggest it. */
export const IMPORT_FIELDS: Record<string, { label: string; names: string[] }> = {
  firstName: { label: 'First name', names: ['first name', 'firstname', 'given name', 'forename', 'first'] },
  middleName: { label: 'Middle name', names: ['middle name', 'middlename', 'middle', 'middle initial'] },
  lastName: { label: 'Last name', names: ['last name', 'lastname', 'surname', 'family name', 'last'] },
  preferredName: { label: 'Preferred name', names: ['preferred name', 'nickname', 'goes by'] },
  dob: { label: 'Date of birth', names: ['date of birth', 'dob', 'birth date', 'birthdate', 'born', 'birthday'] },
  sex: { label: 'Sex', names: ['sex', 'gender'] },
  pronouns: { label: 'Pronouns', names: ['pronouns'] },
  phoneMobile: { label: 'Mobile phone', names: ['mobile', 'cell', 'mobile phone', 'cell phone', 'phone', 'telephone'] },
  phoneHome: { label: 'Home phone', names: ['home phone', 'home'] },
  phoneWork: { label: 'Work phone', names: ['work phone', 'work', 'office phone'] },
  email: { label: 'Email', names: ['email', 'e-mail', 'email address'] },
  addressLine1: { label: 'Address', names: ['address', 'street', 'address 1', 'address line 1'] },
  addressLine2: { label: 'Address line 2', names: ['address 2', 'address line 2', 'apartment', 'suite'] },
  city: { label: 'City', names: ['city', 'town'] },
  region: { label: 'State', names: ['state', 'province', 'region'] },
  postalCode: { label: 'Postal code', names: ['zip', 'zip code', 'postal code', 'postcode'] },
  insurancePayer: { label: 'Insurance payer', names: ['insurance', 'payer', 'insurer', 'insurance company'] },
  insuranceMemberId: { label: 'Member ID', names: ['member id', 'policy number', 'insurance id', 'subscriber id'] },
  insuranceGroup: { label: 'Group number', names: ['group', 'group number', 'group no'] },
  notes: { label: 'Notes', names: ['notes', 'comments', 'note'] },
  legacyId: { label: 'Old record number (kept in the notes)', names: ['id', 'patient id', 'mrn', 'chart number', 'record number', 'account'] },
};

export const REQUIRED_IMPORT_FIELDS = ['firstName', 'lastName', 'dob'] as const;

const SEX_CODES: Record<string, PatientDetails['sex']> = { f: 'F', female: 'F', w: 'F', woman: 'F', m: 'M', male: 'M', man: 'M', x: 'X', other: 'X', 'non-binary': 'X', nonbinary: 'X', u: 'U', unknown: 'U', '': 'U' };

export interface ParsedCsv {
  headers: string[];
  rows: string[][];
}

/**
 * The line of the file a parse error is on, counted as a text editor does. papaparse's
 * `row` counts records, header included (one less than the line, and fewer still after
 * a field holding line breaks); its `index` is just past the quote that opens the field.
 */
function lineOf(text: string, error: Papa.ParseError): number {
  if (error.index === undefined) return (error.row ?? 0) + 1;
  return (text.slice(0, Math.max(0, error.index - 1)).match(/\r\n|\n|\r/g)?.length ?? 0) + 1;
}

/** Reads CSV text (quotes, commas and newlines inside fields included); refuses a file without a header. */
export function parseCsv(text: string): ParsedCsv {
  // A file that was not UTF-8 arrives with replacement characters where its letters were.
  if (text.includes('\uFFFD')) throw fieldError('csv', 'This file is not UTF-8 text, so names with accents would be garbled. Save it from your spreadsheet as “CSV UTF-8” and try again.');
  const clean = text.replace(/^\uFEFF/, '');
  const result = Papa.parse<string[]>(clean, { skipEmptyLines: 'greedy' });
  const fatal = result.errors.find((e) => e.type === 'Quotes' || e.code === 'UndetectableDelimiter');
  if (fatal && result.data.length > 1) {
    throw fieldError('csv', `Line ${lineOf(clean, fatal)}: ${fatal.code === 'MissingQuotes' ? 'a quoted field is never closed' : fatal.message}`);
  }
  const [headers, ...rows] = result.data;
  if (!headers || headers.length < 2) throw fieldError('csv', 'The file has no columns Keel can read; save it from your spreadsheet as CSV.');
  const looksLikeData = headers.some((h) => /^\s*\d[\d\s/.-]*$/.test(h) || h.includes('@'));
  if (looksLikeData) throw fieldError('csv', 'The first line must name the columns (a header such as “First name, Last name, Date of birth”); it looks like patient data.');
  if (rows.length === 0) throw fieldError('csv', 'The file has a header but no patients.');
  if (rows.length > MAX_IMPORT_ROWS) throw fieldError('csv', `The file has ${rows.length.toLocaleString('en-US')} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} at a time (split the file).`);
  return { headers: headers.map((h) => h.trim()), rows };
}

export function suggestMapping(headers: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  headers.forEach((header, index) => {
    const name = header.toLowerCase().replace(/[_]+/g, ' ').trim();
    const field = Object.entries(IMPORT_FIELDS).find(([key, f]) => !used.has(key) && f.names.includes(name))?.[0];
    if (field) {
      mapping[String(index)] = field;
      used.add(field);
    }
  });
  return mapping;
}

/** Checks the mapping itself: each field once, the required ones present, known fields only. */
export function checkMapping(mapping: Record<string, string>, columnCount: number): void {
  const seen = new Map<string, string>();
  for (const [column, field] of Object.entries(mapping)) {
    if (field === '') continue;
    if (!IMPORT_FIELDS[field]) throw fieldError(`mapping.${column}`, `Not a field Keel knows: ${field}`);
    if (Number(column) >= columnCount) throw fieldError(`mapping.${column}`, 'The file has no such column');
    if (seen.has(field)) throw fieldError(`mapping.${column}`, `${IMPORT_FIELDS[field]!.label} is chosen for two columns`);
    seen.set(field, column);
  }
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !seen.has(f));
  if (missing.length > 0) throw new KeelError('invalid_input', `Choose the columns that hold: ${missing.map((f) => IMPORT_FIELDS[f]!.label.toLowerCase()).join(', ')}.`, [{ path: 'mapping', message: 'Required fields are not mapped' }]);
}

const columnIndex = new WeakMap<Record<string, string>, Map<string, number>>();
function columnOf(mapping: Record<string, string>, field: string): number | undefined {
  let index = columnIndex.get(mapping);
  if (!index) {
    index = new Map(Object.entries(mapping).map(([column, f]) => [f, Number(column)]));
    columnIndex.set(mapping, index);
  }
  return index.get(field);
}

/** Built once: a schema is costly to build and an import checks up to 100,000 rows. */
const detailsSchema = patientDetails();

export type RowResult = { ok: true; details: PatientDetails } | { ok: false; problems: ImportProblem[] };

const PATH_TO_FIELD: Record<string, string> = {
  firstName: 'firstName',
  middleName: 'middleName',
  lastName: 'lastName',
  preferredName: 'preferredName',
  dob: 'dob',
  sex: 'sex',
  pronouns: 'pronouns',
  'phones.mobile': 'phoneMobile',
  'phones.home': 'phoneHome',
  'phones.work': 'phoneWork',
  email: 'email',
  'address.line1': 'addressLine1',
  'address.line2': 'addressLine2',
  'address.city': 'city',
  'address.region': 'region',
  'address.postalCode': 'postalCode',
  'insurance.payer': 'insurancePayer',
  'insurance.memberId': 'insuranceMemberId',
  'insurance.group': 'insuranceGroup',
  notes: 'notes',
};

/** One CSV row as patient details, or its problems by field (line = row index + 2, after the header). */
export function rowToDetails(row: readonly string[], index: number, mapping: Record<string, string>, order: DateOrder, today: string): RowResult {
  const get = (field: string) => {
    const column = columnOf(mapping, field);
    return column === undefined ? '' : (row[column] ?? '').trim();
  };
  const line = index + 2;
  const problems: ImportProblem[] = [];
  const label = (field: string) => IMPORT_FIELDS[field]?.label ?? field;
  const dobText = get('dob');
  const dob = dobText ? parseTypedDate(dobText, order, today) : null;
  if (!dobText) problems.push({ line, field: label('dob'), problem: 'Missing' });
  else if (!dob) problems.push({ line, field: label('dob'), problem: `“${dobText}” is not a date Keel can read (use 1980-03-07 or ${order === 'DMY' ? '07/03/1980' : '03/07/1980'})` });
  else if (dob > today) problems.push({ line, field: label('dob'), problem: 'The date of birth is in the future' });
  const sexText = get('sex').toLowerCase();
  const sex = SEX_CODES[sexText];
  if (sex === undefined) problems.push({ line, field: label('sex'), problem: `Unknown sex code “${get('sex')}” (use F, M, X or U)` });
  const legacy = get('legacyId');
  const notes = [get('notes'), legacy ? `Previous record number: ${legacy}` : ''].filter(Boolean).join('\n');
  const candidate = {
    ...PATIENT_EXAMPLE_BLANK,
    firstName: get('firstName'),
    middleName: get('middleName'),
    lastName: get('lastName'),
    preferredName: get('preferredName'),
    dob: dob ?? '1900-01-01',
    sex: sex ?? 'U',
    pronouns: get('pronouns'),
    phones: { mobile: get('phoneMobile'), home: get('phoneHome'), work: get('phoneWork') },
    email: get('email'),
    address: { line1: get('addressLine1'), line2: get('addressLine2'), city: get('city'), region: get('region'), postalCode: get('postalCode') },
    preferredContact: '' as const,
    insurance: { ...PATIENT_EXAMPLE_BLANK.insurance, payer: get('insurancePayer'), memberId: get('insuranceMemberId'), group: get('insuranceGroup') },
    notes,
  };
  const parsed = detailsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (path === 'dob') continue; // reported above, in the file's own words
      problems.push({ line, field: label(PATH_TO_FIELD[path] ?? path), problem: issue.message.replace(/^Invalid input: expected \w+, received undefined$/, 'Missing') });
    }
  }
  return problems.length > 0 || !parsed.success ? { ok: false, problems } : { ok: true, details: parsed.data };
}
