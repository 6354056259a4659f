import type { Kysely } from 'kysely';
import { detailsToColumns, insertPatients, nextMrns } from '../../../db/patients';
import type { DB } from '../../../db/schema';
import { KeelError, type ParsedInputOf, fieldError } from '../../../shared/contract/index';
import type { DuplicateCandidate, ImportReport, PatientDetails, patientsContract } from '../../../shared/contract/patients';
import { nameWords, phoneDigits } from '../../../shared/domain/patient-search';
import { patientListName } from '../../../shared/domain/patients';
import { clinicToday } from '../handlers/clinic-time';
import type { HandlerContext, HandlersFor } from '../handlers/types';
import { checkMapping, parseCsv, rowToDetails, suggestMapping } from '../patient-csv';

const CHUNK = 2000;

/** Staged rows moved per step of the final transaction: the main thread's share of a step (ids, JSON, building the inserts) stays a few ms. */
const MOVE_PAGE = 200;

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Likely-duplicate keys: folded name and birth date; phone digits and surname. */
function duplicateKeys(p: { firstName: string; lastName: string; dob: string; phones: string[] }): string[] {
  const last = nameWords(p.lastName).join(' ');
  const keys = [`n|${last}|${nameWords(p.firstName).join(' ')}|${p.dob}`];
  for (const phone of p.phones) {
    const digits = phoneDigits(phone);
    if (digits.length >= 7) keys.push(`p|${digits}|${last}`);
  }
  return keys;
}

/** Everyone already in Keel, by duplicate key. */
async function existingKeys(db: Kysely<DB>): Promise<Map<string, DuplicateCandidate[]>> {
  const rows = await db
    .selectFrom('patients')
    .select(['id', 'mrn', 'first_name', 'last_name', 'preferred_name', 'dob', 'phone_mobile', 'phone_home', 'phone_work'])
    .where('merged_into', 'is', null)
    .execute();
  const keys = new Map<string, DuplicateCandidate[]>();
  for (const r of rows) {
    const phones = [r.phone_mobile, r.phone_home, r.phone_work];
    for (const key of duplicateKeys({ firstName: r.first_name, lastName: r.last_name, dob: r.dob, phones })) {
      const candidate: DuplicateCandidate = {
        id: r.id,
        mrn: r.mrn,
        name: patientListName({ firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name }),
        dob: r.dob,
        phone: r.phone_mobile || r.phone_home || r.phone_work,
        reason: key.startsWith('n|') ? 'name_and_dob' : 'phone_and_surname',
      };
      keys.set(key, [...(keys.get(key) ?? []), candidate]);
    }
  }
  return keys;
}

interface Checked {
  report: ImportReport;
  rows: Array<{ line: number; details: PatientDetails; duplicateOf: DuplicateCandidate[] }>;
}

/**
 * Reads and checks every row before anything is written: problems by line and
 * field, and rows that look like someone already in Keel or earlier in the file.
 */
async function checkFile(ctx: HandlerContext, csv: string, mapping: Record<string, string>): Promise<Checked> {
  const { headers, rows } = parseCsv(csv);
  checkMapping(mapping, headers.length);
  const order = ctx.clinic?.dateOrder ?? 'MDY';
  const today = clinicToday(ctx);
  const known = await existingKeys(ctx.app.db);
  const progress = (done: number) => ctx.session && ctx.app.events.emit('import.progress', { phase: 'checking', done, total: rows.length }, ctx.session.token);
  const report: ImportReport = { rowCount: rows.length, valid: 0, problemCount: 0, problems: [], duplicates: [] };
  const good: Checked['rows'] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i % CHUNK === 0) {
      progress(i);
      await breathe();
    }
    const result = rowToDetails(rows[i]!, i, mapping, order, today);
    const line = i + 2;
    if (!result.ok) {
      report.problems.push(...result.problems);
      continue;
    }
    report.valid++;
    const keys = duplicateKeys({ ...result.details, phones: Object.values(result.details.phones) });
    const matches = new Map<string, DuplicateCandidate>();
    for (const key of keys) for (const c of known.get(key) ?? []) matches.set(c.id, c);
    const duplicateOf = [...matches.values()];
    if (duplicateOf.length > 0) report.duplicates.push({ line, name: patientListName(result.details), dob: result.details.dob, matches: duplicateOf });
    // Later rows are checked against earlier ones in the same file.
    const self: DuplicateCandidate = { id: `line-${line}`, mrn: `line ${line} of this file`, name: patientListName(result.details), dob: result.details.dob, phone: result.details.phones.mobile, reason: 'name_and_dob' };
    for (const key of keys) known.set(key, [...(known.get(key) ?? []), { ...self, reason: key.startsWith('n|') ? 'name_and_dob' : 'phone_and_surname' }]);
    good.push({ line, details: result.details, duplicateOf });
  }
  progress(rows.length);
  return { report, rows: good };
}

type ImportRunInput = ParsedInputOf<'patients.importRun'>;

/**
 * Checks the whole file (refused with nothing written while any row has a
 * problem), then stages the rows to import in small transactions, so the rest
 * of Keel stays responsive and progress can be shown.
 */
async function checkAndStage(ctx: HandlerContext, input: ImportRunInput, importId: string, progress: (phase: 'staging', done: number, total: number) => void): Promise<{ staged: number; skipped: number }> {
  const { report, rows } = await checkFile(ctx, input.csv, input.mapping);
  if (report.problems.length > 0) {
    throw fieldError('csv', `${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} in the file; correct ${report.problems.length === 1 ? 'it' : 'them'} and check again. Nothing was imported.`);
  }
  const wanted = input.duplicates === 'skip' ? rows.filter((r) => r.duplicateOf.length === 0) : rows;
  for (let i = 0; i < wanted.length; i += CHUNK) {
    progress('staging', i, wanted.length);
    const chunk = wanted.slice(i, i + CHUNK);
    await ctx.app.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('patient_import_rows')
        .values(
          chunk.map((r, k) => {
            const flagged = input.duplicates === 'import' && r.duplicateOf.length > 0;
            const details = flagged ? { ...r.details, notes: [r.details.notes, `Flagged at import as a possible duplicate of ${r.duplicateOf.map((d) => d.mrn).join(', ')}.`].filter(Boolean).join('\n') } : r.details;
            return { import_id: importId, row_number: i + k, data: JSON.stringify(details), created_at: ctx.now, updated_at: ctx.now };
          }),
        )
        .execute();
    });
    await breathe();
  }
  return { staged: wanted.length, skipped: rows.length - wanted.length };
}

/**
 * The import's final step: every staged row into patients, in one transaction
 * (all or nothing). It runs on a connection of its own in a worker thread
 * (ctx.commit offMainThread): on the main thread it took 12 s and more for
 * 100,000 rows with nothing else running meanwhile. Chunked transactions would
 * keep the loop free too but could leave half an import behind; one
 * main-connection transaction split by pauses would hold every other call,
 * reads included, until it ends. In the worker, reads go on, other writes wait
 * for it without blocking (db/write-gate.ts), and a kill before the commit
 * leaves nothing. Small pages keep each step on this thread short.
 */
async function moveStaged(trx: Kysely<DB>, ctx: HandlerContext, importId: string, count: number, detail: { skipped: number; duplicates: ImportRunInput['duplicates'] }): Promise<number> {
  const mrns = await nextMrns(trx, count, ctx.now);
  let moved = 0;
  for (let from = 0; from < count; from += MOVE_PAGE) {
    const staged = await trx.selectFrom('patient_import_rows').select(['row_number', 'data']).where('import_id', '=', importId).where('row_number', '>=', from).where('row_number', '<', from + MOVE_PAGE).orderBy('row_number').execute();
    const patients = staged.map((s) => ({ id: ctx.app.newId(), mrn: mrns[s.row_number]!, columns: detailsToColumns(JSON.parse(s.data) as PatientDetails) }));
    await insertPatients(trx, patients, ctx.now);
    await trx
      .insertInto('patient_changes')
      .values(patients.map((p) => ({ id: ctx.app.newId(), patient_id: p.id, at: ctx.now, username: ctx.user?.username ?? null, field: 'created', old_value: '', new_value: `imported as record ${p.mrn}`, created_at: ctx.now, updated_at: ctx.now })))
      .execute();
    moved += staged.length;
  }
  if (moved !== count) throw new KeelError('internal', 'The import was interrupted; nothing was imported. Please try again.');
  await trx.deleteFrom('patient_import_rows').where('import_id', '=', importId).execute();
  ctx.audit.detail = { imported: moved, ...detail };
  return moved;
}

export const patientsImportHandlers: HandlersFor<Pick<typeof patientsContract, 'patients.importPreview' | 'patients.importCheck' | 'patients.importRun'>> = {
  'patients.importPreview': async (input) => {
    const { headers, rows } = parseCsv(input.csv);
    return { headers, rows: rows.slice(0, 5), rowCount: rows.length, suggested: suggestMapping(headers) };
  },

  'patients.importCheck': async (input, ctx) => {
    const { report } = await checkFile(ctx, input.csv, input.mapping);
    ctx.audit.detail = { rows: report.rowCount, problems: report.problems.length, duplicates: report.duplicates.length };
    // Only the first problems travel back; the count says how many there are.
    return ctx.commit(async () => ({ ...report, problemCount: report.problems.length, problems: report.problems.slice(0, 1000) }));
  },

  'patients.importRun': async (input, ctx) => {
    const importId = ctx.app.newId();
    const token = ctx.session?.token;
    const progress = (phase: 'staging' | 'saving', done: number, total: number) => token && ctx.app.events.emit('import.progress', { phase, done, total }, token);
    try {
      // In a function of its own: the file's rows, read and checked, are let go before the final step.
      const { staged, skipped } = await checkAndStage(ctx, input, importId, progress);
      progress('saving', 0, staged);
      await breathe(); // let the 'saving' notice reach the screen before the long final transaction
      const imported = await ctx.commit((trx) => moveStaged(trx, ctx, importId, staged, { skipped, duplicates: input.duplicates }), { offMainThread: true });
      progress('saving', imported, staged);
      ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['patients'] }));
      return { imported, skipped };
    } finally {
      // Staged rows never outlive their import, whether it succeeded or not (any left by a crash go when the folder next opens).
      await ctx.app.db
        .deleteFrom('patient_import_rows')
        .where('import_id', '=', importId)
        .execute()
        .catch((error: unknown) => ctx.app.logError(error, 'clearing the rows staged by an import'));
    }
  },
};
