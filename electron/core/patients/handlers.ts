import Papa from 'papaparse';
import { searchPatients } from '../../../db/patient-search';
import { type PatientRow, detailsToColumns, findDuplicates, findPatient, insertPatients, loadPatient, nextMrns, patientHistory, recordChange, updatePatientColumns } from '../../../db/patients';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { DuplicateCandidate, Patient, PatientDetails, patientsContract } from '../../../shared/contract/patients';
import { safeCell } from '../../../shared/domain/csv';
import { formatDate } from '../../../shared/domain/format';
import { parseSearch } from '../../../shared/domain/patient-search';
import { patientListName } from '../../../shared/domain/patients';
import { postalCodeProblem } from '../../../shared/domain/postal';
import { clinicToday } from '../handlers/clinic-time';
import type { HandlerContext, HandlersFor } from '../handlers/types';
import { patientsImportHandlers } from './import';

async function existing(ctx: HandlerContext, id: string): Promise<PatientRow> {
  const row = await findPatient(ctx.db, id);
  if (!row) throw new KeelError('not_found', 'That patient record does not exist.');
  return row;
}

async function patient(ctx: HandlerContext, id: string): Promise<Patient> {
  const loaded = await loadPatient(ctx.db, id);
  if (!loaded) throw new KeelError('not_found', 'That patient record does not exist.');
  return loaded;
}

/** The date of birth against the clinic's own today, not the computer's; the postal code as the clinic's country writes it. */
function checkDetails(ctx: HandlerContext, details: PatientDetails): void {
  if (details.dob > clinicToday(ctx)) throw fieldError('details.dob', 'The date of birth is in the future');
  const postal = postalCodeProblem(details.address.postalCode, ctx.clinic?.country);
  if (postal) throw fieldError('details.address.postalCode', postal);
}

function describeDuplicates(candidates: DuplicateCandidate[], ctx: HandlerContext): string {
  const order = ctx.clinic?.dateOrder ?? 'MDY';
  const first = candidates[0]!;
  const more = candidates.length > 1 ? ` and ${candidates.length - 1} more` : '';
  return `This may be the same person as ${first.name} (record ${first.mrn}, born ${formatDate(first.dob, order)})${more}. Check, then confirm to save anyway.`;
}

async function guardDuplicates(ctx: HandlerContext, details: PatientDetails, confirm: boolean | undefined, excludeId?: string): Promise<void> {
  if (confirm) return;
  const candidates = await findDuplicates(ctx.db, { firstName: details.firstName, lastName: details.lastName, dob: details.dob, phones: Object.values(details.phones), excludeId });
  if (candidates.length > 0) throw new KeelError('conflict', describeDuplicates(candidates, ctx));
}

const EXPORT_COLUMNS: Array<[string, (p: PatientRow) => string]> = [
  ['Record number', (p) => p.mrn],
  ['Last name', (p) => p.last_name],
  ['First name', (p) => p.first_name],
  ['Middle name', (p) => p.middle_name],
  ['Preferred name', (p) => p.preferred_name],
  ['Date of birth', (p) => p.dob],
  ['Sex', (p) => p.sex],
  ['Pronouns', (p) => p.pronouns],
  ['Mobile phone', (p) => p.phone_mobile],
  ['Home phone', (p) => p.phone_home],
  ['Work phone', (p) => p.phone_work],
  ['Email', (p) => p.email],
  ['Address', (p) => p.address_line1],
  ['Address line 2', (p) => p.address_line2],
  ['City', (p) => p.city],
  ['State', (p) => p.region],
  ['Postal code', (p) => p.postal_code],
  ['Insurance payer', (p) => p.insurance_payer],
  ['Member ID', (p) => p.insurance_member_id],
  ['Group number', (p) => p.insurance_group],
  ['Interpreter language', (p) => p.interpreter_language],
  ['Active', (p) => (p.active === 1 ? 'yes' : 'no')],
];

const patientsOwn: HandlersFor<Pick<typeof patientsContract, 'patients.search' | 'patients.get' | 'patients.findDuplicates' | 'patients.create' | 'patients.update' | 'patients.updateInsurance' | 'patients.setActive' | 'patients.history' | 'patients.merge' | 'patients.export'>> = {
  'patients.search': async (input, ctx) => {
    const groups = parseSearch(input.query, ctx.clinic?.dateOrder ?? 'MDY', clinicToday(ctx));
    const matches = await searchPatients(ctx.db, groups, { limit: input.limit ?? 20, includeInactive: input.includeInactive ?? false });
    // One audit row per search: that it happened, what kind of terms and how many results, never the words
    // (names, phone numbers and birth dates typed into the box are patients' data too).
    ctx.audit.detail = { terms: [...new Set(groups.flatMap((g) => g.map((t) => t.kind)))].sort(), results: matches.length };
    return matches;
  },

  'patients.get': async (input, ctx) => {
    ctx.audit.patientId = input.id;
    return patient(ctx, input.id);
  },

  'patients.findDuplicates': async (input, ctx) => {
    ctx.audit.detail = { check: 'duplicates' };
    return findDuplicates(ctx.db, { ...input, excludeId: input.excludeId });
  },

  'patients.create': async (input, ctx) => {
    checkDetails(ctx, input.details);
    await guardDuplicates(ctx, input.details, input.confirmDuplicate);
    const id = ctx.app.newId();
    const [mrn] = await nextMrns(ctx.db, 1, ctx.now);
    await insertPatients(ctx.db, [{ id, mrn: mrn!, columns: detailsToColumns(input.details) }], ctx.now);
    await recordChange(ctx.db, { patientId: id, field: 'created', oldValue: '', newValue: `record ${mrn}`, who: ctx.user?.username ?? null }, ctx.now, ctx.app.newId());
    ctx.audit.patientId = id;
    ctx.audit.detail = { mrn, confirmedDuplicate: input.confirmDuplicate === true };
    return patient(ctx, id);
  },

  'patients.update': async (input, ctx) => {
    const before = await existing(ctx, input.id);
    if (before.merged_into) throw new KeelError('conflict', 'This record was merged into another; change the record that was kept.');
    checkDetails(ctx, input.details);
    await guardDuplicates(ctx, input.details, input.confirmDuplicate, input.id);
    const changed = await updatePatientColumns(ctx.db, before, detailsToColumns(input.details), ctx.user?.username ?? null, ctx.now, ctx.app.newId);
    ctx.audit.patientId = input.id;
    ctx.audit.detail = { changed };
    return patient(ctx, input.id);
  },

  'patients.updateInsurance': async (input, ctx) => {
    const before = await existing(ctx, input.id);
    const i = input.insurance;
    const changed = await updatePatientColumns(
      ctx.db,
      before,
      { insurance_payer: i.payer, insurance_member_id: i.memberId, insurance_group: i.group, subscriber_relation: i.subscriberRelation, subscriber_name: i.subscriberName, subscriber_dob: i.subscriberDob },
      ctx.user?.username ?? null,
      ctx.now,
      ctx.app.newId,
    );
    ctx.audit.patientId = input.id;
    ctx.audit.detail = { changed };
    return patient(ctx, input.id);
  },

  'patients.setActive': async (input, ctx) => {
    const before = await existing(ctx, input.id);
    if (before.merged_into && input.active) throw new KeelError('conflict', 'This record was merged into another and stays retired.');
    await updatePatientColumns(ctx.db, before, { active: input.active ? 1 : 0 }, ctx.user?.username ?? null, ctx.now, ctx.app.newId);
    ctx.audit.patientId = input.id;
    ctx.audit.detail = { active: input.active };
    return patient(ctx, input.id);
  },

  'patients.history': async (input, ctx) => {
    await existing(ctx, input.id);
    ctx.audit.patientId = input.id;
    return patientHistory(ctx.db, input.id);
  },

  'patients.merge': async (input, ctx) => {
    const keep = await existing(ctx, input.keepId);
    const other = await existing(ctx, input.mergeId);
    if (keep.merged_into) throw fieldError('keepId', 'That record was itself merged away; keep the record it points to');
    if (other.merged_into) throw fieldError('mergeId', 'That record was already merged');
    const who = ctx.user?.username ?? null;
    const name = (p: PatientRow) => `${patientListName({ firstName: p.first_name, lastName: p.last_name, preferredName: p.preferred_name })} (record ${p.mrn})`;
    // Everything attached moves to the kept record (appointments and charges join this list as they arrive).
    const moved = await ctx.db.updateTable('concerns').set({ patient_id: keep.id, updated_at: ctx.now }).where('patient_id', '=', other.id).executeTakeFirst();
    await updatePatientColumns(ctx.db, other, { active: 0, merged_into: keep.id }, who, ctx.now, ctx.app.newId);
    // The retired record no longer turns up in searches.
    await ctx.db.deleteFrom('patient_search_terms').where('patient_id', '=', other.id).execute();
    await recordChange(ctx.db, { patientId: keep.id, field: 'merged', oldValue: name(other), newValue: `absorbed into this record`, who }, ctx.now, ctx.app.newId());
    await recordChange(ctx.db, { patientId: other.id, field: 'merged', oldValue: '', newValue: `merged into ${name(keep)}`, who }, ctx.now, ctx.app.newId());
    const concerns = Number(moved.numUpdatedRows);
    ctx.audit.patientId = keep.id;
    ctx.audit.detail = { mergedId: other.id, mergedMrn: other.mrn, moved: { concerns } };
    ctx.auditAlso({ action: 'patients.merged_away', outcome: 'ok', patientId: other.id, targetId: other.id, detail: { into: keep.id, intoMrn: keep.mrn } });
    return patient(ctx, keep.id);
  },

  'patients.export': async (input, ctx) => {
    let query = ctx.db.selectFrom('patients').selectAll().where('merged_into', 'is', null);
    if (!input.includeInactive) query = query.where('active', '=', 1);
    const rows = await query.orderBy('sort_name').orderBy('mrn').execute();
    const csv = Papa.unparse({ fields: EXPORT_COLUMNS.map(([header]) => header), data: rows.map((row) => EXPORT_COLUMNS.map(([, get]) => safeCell(get(row)))) }, { newline: '\r\n' });
    const today = clinicToday(ctx);
    ctx.audit.detail = { rows: rows.length, includeInactive: input.includeInactive ?? false };
    return { fileName: `keel-patients-${today}.csv`, csv: `\uFEFF${csv}\r\n`, rows: rows.length };
  },
};

/** Every patients channel: the ones above, and import. */
export const patientsHandlers: HandlersFor<typeof patientsContract> = { ...patientsOwn, ...patientsImportHandlers };
