import type { Kysely, Selectable } from 'kysely';
import type { DuplicateCandidate, Patient, PatientChange, PatientDetails } from '../shared/contract/patients';
import { nameWords, patientTerms, phoneDigits } from '../shared/domain/patient-search';
import { patientListName, type ContactMethod, type Sex, type SubscriberRelation } from '../shared/domain/patients';
import { foldText } from '../shared/domain/patient-search';
import { compiledOnce } from './compiled';
import { previousNamesOf } from './patient-search';
import type { DB, PatientsTable } from './schema';
import { getSetting, setSetting } from './settings';

export type PatientRow = Selectable<PatientsTable>;

/** Record numbers start here and only ever go up, so none is reused. */
const FIRST_MRN = 100_001;

export function rowToPatient(row: PatientRow, mergedInto: Patient['mergedInto'] = null): Patient {
  return {
    id: row.id,
    mrn: row.mrn,
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    dob: row.dob,
    sex: row.sex as Sex,
    pronouns: row.pronouns,
    phones: { mobile: row.phone_mobile, home: row.phone_home, work: row.phone_work },
    email: row.email,
    address: { line1: row.address_line1, line2: row.address_line2, city: row.city, region: row.region, postalCode: row.postal_code },
    preferredContact: row.preferred_contact as ContactMethod,
    emergency: { name: row.emergency_name, phone: row.emergency_phone, relation: row.emergency_relation },
    insurance: {
      payer: row.insurance_payer,
      memberId: row.insurance_member_id,
      group: row.insurance_group,
      subscriberRelation: (row.subscriber_relation || 'self') as SubscriberRelation,
      subscriberName: row.subscriber_name,
      subscriberDob: row.subscriber_dob,
    },
    notes: row.notes,
    flags: { interpreterLanguage: row.interpreter_language, mobilityAssistance: row.mobility_assistance === 1, other: row.other_flag },
    active: row.active === 1,
    mergedInto,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The stored columns of a patient's details (everything but id, MRN, status and stamps). */
export function detailsToColumns(d: PatientDetails) {
  return {
    first_name: d.firstName,
    middle_name: d.middleName,
    last_name: d.lastName,
    preferred_name: d.preferredName,
    dob: d.dob,
    sex: d.sex,
    pronouns: d.pronouns,
    phone_mobile: d.phones.mobile,
    phone_home: d.phones.home,
    phone_work: d.phones.work,
    email: d.email,
    address_line1: d.address.line1,
    address_line2: d.address.line2,
    city: d.address.city,
    region: d.address.region,
    postal_code: d.address.postalCode,
    preferred_contact: d.preferredContact,
    emergency_name: d.emergency.name,
    emergency_phone: d.emergency.phone,
    emergency_relation: d.emergency.relation,
    insurance_payer: d.insurance.payer,
    insurance_member_id: d.insurance.memberId,
    insurance_group: d.insurance.group,
    subscriber_relation: d.insurance.subscriberRelation,
    subscriber_name: d.insurance.subscriberName,
    subscriber_dob: d.insurance.subscriberDob,
    notes: d.notes,
    interpreter_language: d.flags.interpreterLanguage,
    mobility_assistance: d.flags.mobilityAssistance ? 1 : 0,
    other_flag: d.flags.other,
    sort_name: foldText(`${d.lastName} ${d.firstName}`).replace(/['’`´]/g, ''),
  };
}

export type PatientColumns = ReturnType<typeof detailsToColumns>;

/** Hands out the next record number, in the caller's transaction. */
export async function nextMrns(db: Kysely<DB>, count: number, now: string): Promise<string[]> {
  const next = await getSetting(db, 'patients.nextMrn', FIRST_MRN);
  await setSetting(db, 'patients.nextMrn', next + count, now);
  return Array.from({ length: count }, (_, i) => String(next + i));
}

function termsOfColumns(
  mrn: string,
  c: Pick<PatientColumns, 'first_name' | 'middle_name' | 'last_name' | 'preferred_name' | 'dob' | 'phone_mobile' | 'phone_home' | 'phone_work'>,
  previousNames: readonly string[] = [],
): string[] {
  return patientTerms({
    previousNames,
    mrn,
    firstName: c.first_name,
    middleName: c.middle_name,
    lastName: c.last_name,
    preferredName: c.preferred_name,
    dob: c.dob,
    phones: [c.phone_mobile, c.phone_home, c.phone_work],
  });
}

/** Rewrites a patient's search terms (in the caller's transaction), with the names the record had before. */
export async function indexPatient(db: Kysely<DB>, id: string, mrn: string, columns: PatientColumns, now: string): Promise<void> {
  await db.deleteFrom('patient_search_terms').where('patient_id', '=', id).execute();
  const previous = (await previousNamesOf(db, [id])).get(id) ?? [];
  const rows = termsOfColumns(mrn, columns, previous).map((term) => ({ term, patient_id: id, created_at: now, updated_at: now }));
  if (rows.length > 0) await db.insertInto('patient_search_terms').values(rows).execute();
}

export async function insertPatients(db: Kysely<DB>, patients: ReadonlyArray<{ id: string; mrn: string; columns: PatientColumns }>, now: string): Promise<void> {
  for (let i = 0; i < patients.length; i += 200) {
    const chunk = patients.slice(i, i + 200);
    await db
      .insertInto('patients')
      .values(chunk.map((p) => ({ id: p.id, mrn: p.mrn, ...p.columns, active: 1, merged_into: null, created_at: now, updated_at: now })))
      .execute();
    const terms = chunk.flatMap((p) => termsOfColumns(p.mrn, p.columns).map((term) => ({ term, patient_id: p.id, created_at: now, updated_at: now })));
    for (let j = 0; j < terms.length; j += 500) await db.insertInto('patient_search_terms').values(terms.slice(j, j + 500)).execute();
  }
}

/** Opening a record is the front desk's most frequent read: compiled once. */
const patientById = compiledOnce<PatientRow, { id: string }>((db, value) => db.selectFrom('patients').selectAll().where('id', '=', value('id')));

export async function findPatient(db: Kysely<DB>, id: string): Promise<PatientRow | undefined> {
  return (await patientById(db, { id })).rows[0];
}

export async function loadPatient(db: Kysely<DB>, id: string): Promise<Patient | undefined> {
  const row = await findPatient(db, id);
  if (!row) return undefined;
  let merged: Patient['mergedInto'] = null;
  if (row.merged_into) {
    const into = await findPatient(db, row.merged_into);
    if (into) merged = { id: into.id, mrn: into.mrn, name: patientListName({ firstName: into.first_name, lastName: into.last_name, preferredName: into.preferred_name }) };
  }
  return rowToPatient(row, merged);
}

/** Stores changed columns and one history row per changed field. */
export async function updatePatientColumns(db: Kysely<DB>, before: PatientRow, columns: Partial<PatientColumns> & { active?: number; merged_into?: string | null }, who: string | null, now: string, newId: () => string): Promise<string[]> {
  const changed = (Object.keys(columns) as Array<keyof typeof columns>).filter((key) => key !== 'sort_name' && String(columns[key] ?? '') !== String(before[key] ?? ''));
  if (changed.length === 0) return [];
  await db.updateTable('patients').set({ ...columns, updated_at: now }).where('id', '=', before.id).execute();
  await db
    .insertInto('patient_changes')
    .values(changed.map((field) => ({ id: newId(), patient_id: before.id, at: now, username: who, field, old_value: String(before[field] ?? ''), new_value: String(columns[field] ?? ''), created_at: now, updated_at: now })))
    .execute();
  const after = { ...before, ...columns };
  await indexPatient(db, before.id, before.mrn, after as PatientColumns, now);
  return changed;
}

export async function recordChange(db: Kysely<DB>, row: { patientId: string; field: string; oldValue: string; newValue: string; who: string | null }, now: string, id: string): Promise<void> {
  await db
    .insertInto('patient_changes')
    .values({ id, patient_id: row.patientId, at: now, username: row.who, field: row.field, old_value: row.oldValue, new_value: row.newValue, created_at: now, updated_at: now })
    .execute();
}

export async function patientHistory(db: Kysely<DB>, id: string): Promise<PatientChange[]> {
  const rows = await db.selectFrom('patient_changes').selectAll().where('patient_id', '=', id).orderBy('at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({ at: r.at, username: r.username, field: r.field, oldValue: r.old_value, newValue: r.new_value }));
}

export function bestPhone(row: Pick<PatientRow, 'phone_mobile' | 'phone_home' | 'phone_work'>): string {
  return row.phone_mobile || row.phone_home || row.phone_work;
}

/**
 * Likely duplicates: the same name (first and last, folded) and date of birth,
 * or the same phone number and surname. Merged records are left out.
 */
export async function findDuplicates(db: Kysely<DB>, p: { firstName: string; lastName: string; dob: string; phones: string[]; excludeId?: string | undefined }): Promise<DuplicateCandidate[]> {
  const out = new Map<string, DuplicateCandidate>();
  const lastWords = nameWords(p.lastName);
  const firstWords = nameWords(p.firstName);
  const candidate = (row: PatientRow, reason: DuplicateCandidate['reason']) => {
    if (row.id === p.excludeId || row.merged_into !== null || out.has(row.id)) return;
    out.set(row.id, { id: row.id, mrn: row.mrn, name: patientListName({ firstName: row.first_name, lastName: row.last_name, preferredName: row.preferred_name }), dob: row.dob, phone: bestPhone(row), reason });
  };
  const sameWords = (a: string[], b: string[]) => a.length > 0 && a.join(' ') === b.join(' ');
  if (p.dob && firstWords.length > 0 && lastWords.length > 0) {
    const rows = await db.selectFrom('patients').selectAll().where('dob', '=', p.dob).execute();
    for (const row of rows) if (sameWords(nameWords(row.last_name), lastWords) && sameWords(nameWords(row.first_name), firstWords)) candidate(row, 'name_and_dob');
  }
  const digits = [...new Set(p.phones.map(phoneDigits).filter((d) => d.length >= 7))];
  if (digits.length > 0 && lastWords.length > 0) {
    const ids = await db
      .selectFrom('patient_search_terms')
      .select('patient_id')
      .where(
        'term',
        'in',
        digits.map((d) => `p:${d}`),
      )
      .execute();
    const rows = ids.length ? await db.selectFrom('patients').selectAll().where('id', 'in', [...new Set(ids.map((r) => r.patient_id))]).execute() : [];
    for (const row of rows) if (sameWords(nameWords(row.last_name), lastWords)) candidate(row, 'phone_and_surname');
  }
  return [...out.values()];
}
