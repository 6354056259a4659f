import type { Kysely } from 'kysely';
import type { Candidate, CandidateEvent } from '../shared/contract/candidates';
import type { CandidateStage } from '../shared/domain/staff';
import type { DB } from './schema';

export async function listCandidates(db: Kysely<DB>, filter: { positionId?: string | undefined; id?: string } = {}): Promise<Candidate[]> {
  let query = db.selectFrom('candidates').innerJoin('positions', 'positions.id', 'candidates.position_id').selectAll('candidates').select('positions.title');
  if (filter.positionId) query = query.where('candidates.position_id', '=', filter.positionId);
  if (filter.id) query = query.where('candidates.id', '=', filter.id);
  const rows = await query.orderBy('candidates.stage_on', 'desc').orderBy('candidates.full_name').execute();
  const ids = rows.map((r) => r.id);
  const events = ids.length
    ? await db.selectFrom('candidate_events').selectAll().where('candidate_id', 'in', ids).orderBy('on_date').orderBy('created_at').execute()
    : [];
  const history = new Map<string, CandidateEvent[]>();
  for (const e of events) history.set(e.candidate_id, [...(history.get(e.candidate_id) ?? []), { stage: e.stage as CandidateStage, onDate: e.on_date, note: e.note, by: e.by_username }]);
  return rows.map((r) => ({
    id: r.id,
    positionId: r.position_id,
    positionTitle: r.title,
    fullName: r.full_name,
    phone: r.phone,
    email: r.email,
    stage: r.stage as CandidateStage,
    stageOn: r.stage_on,
    note: r.note,
    staffId: r.staff_id,
    history: history.get(r.id) ?? [],
  }));
}

export async function insertCandidate(db: Kysely<DB>, c: { id: string; positionId: string; fullName: string; phone: string; email: string; appliedOn: string; note: string }, now: string): Promise<void> {
  await db
    .insertInto('candidates')
    .values({ id: c.id, position_id: c.positionId, full_name: c.fullName, phone: c.phone, email: c.email, stage: 'applied', stage_on: c.appliedOn, note: c.note, staff_id: null, created_at: now, updated_at: now })
    .execute();
}

export async function updateCandidate(db: Kysely<DB>, id: string, values: { position_id?: string; full_name?: string; phone?: string; email?: string; note?: string; stage?: string; stage_on?: string; staff_id?: string | null }, now: string): Promise<void> {
  await db.updateTable('candidates').set({ ...values, updated_at: now }).where('id', '=', id).execute();
}

export async function addCandidateEvent(db: Kysely<DB>, e: { id: string; candidateId: string; stage: CandidateStage; onDate: string; note: string; by: string | null }, now: string): Promise<void> {
  await db
    .insertInto('candidate_events')
    .values({ id: e.id, candidate_id: e.candidateId, stage: e.stage, on_date: e.onDate, note: e.note, by_username: e.by, created_at: now, updated_at: now })
    .execute();
}
