import { sql, type Kysely } from 'kysely';
import type { PatientMatch } from '../shared/contract/patients';
import { whyMatched, type TokenGroup } from '../shared/domain/patient-search';
import { patientListName } from '../shared/domain/patients';
import { compiledOnce } from './compiled';
import type { DB } from './schema';

/** How many index entries a search reads at most before ranking; ranking then keeps the best `limit`. */
export const SEARCH_CANDIDATES = 60;

export interface SearchRow {
  patient_id: string;
  term: string;
  mrn: string;
  first_name: string;
  middle_name: string;
  last_name: string;
  preferred_name: string;
  dob: string;
  phone_mobile: string;
  phone_home: string;
  phone_work: string;
  interpreter_language: string;
  mobility_assistance: number;
  other_flag: string;
  active: number;
  sort_name: string;
}

/** Placeholder names for a shape of query: the driving range, then each other group's ranges. */
const v = (group: number, token: number, end: 'from' | 'to') => `g${group}t${token}${end}`;

/**
 * The search query of one shape (how many groups, how many tokens in each),
 * compiled once: the driving range walks the terms index in order; every other
 * typed word must match one of the same patient's terms.
 */
function buildSearch(shape: readonly number[], includeInactive: boolean) {
  return compiledOnce<SearchRow, Record<string, unknown>>((db, value) => {
    let query = db
      .selectFrom('patient_search_terms as t')
      .innerJoin('patients as p', 'p.id', 't.patient_id')
      .select([
        't.patient_id',
        't.term',
        'p.mrn',
        'p.first_name',
        'p.middle_name',
        'p.last_name',
        'p.preferred_name',
        'p.dob',
        'p.phone_mobile',
        'p.phone_home',
        'p.phone_work',
        'p.interpreter_language',
        'p.mobility_assistance',
        'p.other_flag',
        'p.active',
        'p.sort_name',
      ])
      .where('t.term', '>=', value(v(0, 0, 'from')))
      .where('t.term', '<', value(v(0, 0, 'to')));
    if (!includeInactive) query = query.where('p.active', '=', 1);
    for (let g = 1; g < shape.length; g++) {
      const tokens = shape[g]!;
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('patient_search_terms as o')
            .select(sql`1`.as('one'))
            .whereRef('o.patient_id', '=', 't.patient_id')
            .where((eb) => eb.or(Array.from({ length: tokens }, (_, k) => eb.and([eb('o.term', '>=', value(v(g, k, 'from'))), eb('o.term', '<', value(v(g, k, 'to')))])))),
        ),
      );
    }
    return query.orderBy('t.term').orderBy('t.patient_id').limit(value('cap') as unknown as number);
  });
}

const shapes = new Map<string, ReturnType<typeof buildSearch>>();

function searchFor(shape: readonly number[], includeInactive: boolean) {
  const key = `${shape.join(',')}|${includeInactive}`;
  let run = shapes.get(key);
  if (!run) shapes.set(key, (run = buildSearch(shape, includeInactive)));
  return run;
}

/** The most selective typed word drives the index walk: dates, phones and record numbers first, then the longest name. */
function drivingFirst(groups: readonly TokenGroup[]): TokenGroup[] {
  const weight = (g: TokenGroup) => (g.some((t) => t.kind !== 'name') ? 1000 : 0) + Math.max(...g.map((t) => t.from.length));
  return [...groups].sort((a, b) => weight(b) - weight(a));
}

/**
 * Patients matching every typed word, best first: an exact word beats a prefix,
 * a surname beats another name, then alphabetical. Reads at most a few dozen
 * index entries, whatever the number of patients.
 */
export async function searchPatients(db: Kysely<DB>, groups: readonly TokenGroup[], options: { limit: number; includeInactive: boolean }): Promise<PatientMatch[]> {
  if (groups.length === 0) return [];
  const ordered = drivingFirst(groups);
  const [driving, ...others] = ordered as [TokenGroup, ...TokenGroup[]];
  const shape = [1, ...others.map((g) => g.length)];
  const run = searchFor(shape, options.includeInactive);
  const values: Record<string, unknown> = { cap: SEARCH_CANDIDATES };
  others.forEach((group, index) =>
    group.forEach((token, k) => {
      values[v(index + 1, k, 'from')] = token.from;
      values[v(index + 1, k, 'to')] = token.to;
    }),
  );
  const best = new Map<string, { row: SearchRow; score: number }>();
  for (const token of driving) {
    const { rows } = await run(db, { ...values, [v(0, 0, 'from')]: token.from, [v(0, 0, 'to')]: token.to });
    for (const row of rows) {
      const exact = row.term === token.from;
      let score = token.kind === 'name' ? (exact ? 3 : 1) : token.kind === 'last4' ? 4 : exact ? 6 : 2;
      // A surname match ranks above a first-name match.
      if (token.kind === 'name' && (row.sort_name === row.term || row.sort_name.startsWith(`${row.term} `))) score += 2;
      if (row.active === 1) score += 10;
      const seen = best.get(row.patient_id);
      if (!seen || seen.score < score) best.set(row.patient_id, { row, score });
    }
  }
  const chosen = [...best.values()]
    .sort((a, b) => b.score - a.score || (a.row.sort_name < b.row.sort_name ? -1 : a.row.sort_name > b.row.sort_name ? 1 : 0) || (a.row.dob < b.row.dob ? -1 : 1))
    .slice(0, options.limit)
    .map(({ row }) => row);
  const reasonsOf = (row: SearchRow, previousNames: readonly string[]) =>
    whyMatched(groups, {
      firstName: row.first_name,
      middleName: row.middle_name,
      lastName: row.last_name,
      preferredName: row.preferred_name,
      dob: row.dob,
      mrn: row.mrn,
      phones: { mobile: row.phone_mobile, home: row.phone_home, work: row.phone_work },
      previousNames,
    });
  let reasons = chosen.map((row) => reasonsOf(row, []));
  // A typed word the record does not hold now matched a name it had before: look those up, for these few rows only.
  const unexplained = chosen.filter((_, i) => !reasons[i]!.complete).map((row) => row.patient_id);
  if (unexplained.length > 0) {
    const previous = await previousNamesOf(db, unexplained);
    reasons = chosen.map((row, i) => (previous.has(row.patient_id) ? reasonsOf(row, previous.get(row.patient_id)!) : reasons[i]!));
  }
  return chosen.map((row, i) => ({
    id: row.patient_id,
    mrn: row.mrn,
    name: patientListName({ firstName: row.first_name, lastName: row.last_name, preferredName: row.preferred_name }),
    dob: row.dob,
    phone: row.phone_mobile || row.phone_home || row.phone_work,
    active: row.active === 1,
    flags: { interpreterLanguage: row.interpreter_language, mobilityAssistance: row.mobility_assistance === 1, other: row.other_flag },
    matched: reasons[i]!.reasons,
  }));
}

/** The name fields whose earlier values stay searchable (a maiden name, a corrected spelling). */
export const PREVIOUS_NAME_FIELDS = ['last_name', 'first_name'] as const;

/** Names patients had before a change, newest first, by patient. */
export async function previousNamesOf(db: Kysely<DB>, patientIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('patient_changes')
    .select(['patient_id', 'old_value'])
    .where('patient_id', 'in', patientIds)
    .where('field', 'in', PREVIOUS_NAME_FIELDS)
    .where('old_value', '<>', '')
    .orderBy('at', 'desc')
    .execute();
  const names = new Map<string, string[]>();
  for (const row of rows) {
    const list = names.get(row.patient_id) ?? [];
    if (!list.includes(row.old_value)) list.push(row.old_value);
    names.set(row.patient_id, list);
  }
  return names;
}
