import type { Kysely } from 'kysely';
import type { Position, PositionStatus } from '../shared/contract/positions';
import type { EmploymentType, StaffRole } from '../shared/domain/staff';
import type { DB } from './schema';

export async function listPositions(db: Kysely<DB>, status?: PositionStatus): Promise<Position[]> {
  let query = db
    .selectFrom('positions')
    .leftJoin('candidates', 'candidates.position_id', 'positions.id')
    .selectAll('positions')
    .select((eb) => eb.fn.count<number>('candidates.id').as('candidate_count'))
    .groupBy('positions.id');
  if (status) query = query.where('positions.status', '=', status);
  const rows = await query.orderBy('positions.opened_on', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    staffRole: r.staff_role as StaffRole,
    employmentType: r.employment_type as EmploymentType,
    status: r.status as PositionStatus,
    openedOn: r.opened_on,
    note: r.note,
    candidateCount: Number(r.candidate_count),
  }));
}

export async function savePosition(db: Kysely<DB>, p: Omit<Position, 'candidateCount'>, exists: boolean, now: string): Promise<void> {
  const values = { title: p.title, staff_role: p.staffRole, employment_type: p.employmentType, status: p.status, opened_on: p.openedOn, note: p.note, updated_at: now };
  if (exists) await db.updateTable('positions').set(values).where('id', '=', p.id).execute();
  else await db.insertInto('positions').values({ id: p.id, ...values, created_at: now }).execute();
}

export async function findPosition(db: Kysely<DB>, id: string) {
  return db.selectFrom('positions').selectAll().where('id', '=', id).executeTakeFirst();
}
