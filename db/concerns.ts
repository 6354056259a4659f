import type { Kysely } from 'kysely';
import type { Concern, ConcernEvent } from '../shared/contract/concerns';
import { patientListName, type ConcernCategory, type ConcernStatus, type Severity } from '../shared/domain/patients';
import { daysBetween } from '../shared/domain/time';
import type { DB } from './schema';

export interface ConcernFilter {
  status?: ConcernStatus | 'unresolved' | undefined;
  category?: ConcernCategory | undefined;
  ownerId?: string | undefined;
  patientId?: string | undefined;
  id?: string;
  /** Categories left out (those the person may not see). */
  excludeCategories?: readonly ConcernCategory[];
}

/** Concerns with their patient, owner and history; overdue when unresolved past the target. */
export async function listConcerns(db: Kysely<DB>, filter: ConcernFilter, today: string, targetDays: number): Promise<Concern[]> {
  let query = db
    .selectFrom('concerns as c')
    .leftJoin('patients as p', 'p.id', 'c.patient_id')
    .leftJoin('users as u', 'u.id', 'c.owner_user_id')
    .selectAll('c')
    .select(['p.mrn', 'p.first_name', 'p.last_name', 'p.preferred_name', 'u.full_name as owner_name']);
  if (filter.id) query = query.where('c.id', '=', filter.id);
  if (filter.status === 'unresolved') query = query.where('c.status', 'in', ['open', 'in_progress']);
  else if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.category) query = query.where('c.category', '=', filter.category);
  if (filter.excludeCategories?.length) query = query.where('c.category', 'not in', filter.excludeCategories);
  if (filter.ownerId) query = query.where('c.owner_user_id', '=', filter.ownerId);
  if (filter.patientId) query = query.where('c.patient_id', '=', filter.patientId);
  const rows = await query.orderBy('c.opened_on', 'desc').orderBy('c.id', 'desc').execute();
  const ids = rows.map((r) => r.id);
  const events = ids.length ? await db.selectFrom('concern_events').selectAll().where('concern_id', 'in', ids).orderBy('at').orderBy('id').execute() : [];
  const history = new Map<string, ConcernEvent[]>();
  for (const e of events) history.set(e.concern_id, [...(history.get(e.concern_id) ?? []), { at: e.at, username: e.username, status: e.status as ConcernStatus, note: e.note }]);
  return rows.map((r) => {
    const unresolved = r.status === 'open' || r.status === 'in_progress';
    const daysOpen = daysBetween(r.opened_on, unresolved ? today : (r.resolved_on ?? r.closed_on ?? today));
    return {
      id: r.id,
      patient: r.patient_id && r.mrn ? { id: r.patient_id, mrn: r.mrn, name: patientListName({ firstName: r.first_name ?? '', lastName: r.last_name ?? '', preferredName: r.preferred_name ?? '' }) } : null,
      category: r.category as ConcernCategory,
      description: r.description,
      severity: r.severity as Severity,
      owner: r.owner_user_id ? { id: r.owner_user_id, name: r.owner_name ?? '' } : null,
      status: r.status as ConcernStatus,
      openedOn: r.opened_on,
      resolvedOn: r.resolved_on,
      closedOn: r.closed_on,
      resolution: r.resolution,
      daysOpen,
      overdue: unresolved && daysOpen > targetDays,
      events: history.get(r.id) ?? [],
    };
  });
}

export async function insertConcern(
  db: Kysely<DB>,
  c: { id: string; patientId: string | null; category: string; description: string; severity: string; ownerId: string | null; openedOn: string; createdBy: string | null },
  now: string,
): Promise<void> {
  await db
    .insertInto('concerns')
    .values({
      id: c.id,
      patient_id: c.patientId,
      category: c.category,
      description: c.description,
      severity: c.severity,
      owner_user_id: c.ownerId,
      status: 'open',
      opened_on: c.openedOn,
      resolved_on: null,
      closed_on: null,
      resolution: '',
      created_by: c.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateConcern(db: Kysely<DB>, id: string, values: { status?: string; owner_user_id?: string | null; severity?: string; resolution?: string; resolved_on?: string | null; closed_on?: string | null; patient_id?: string }, now: string): Promise<void> {
  await db.updateTable('concerns').set({ ...values, updated_at: now }).where('id', '=', id).execute();
}

export async function addConcernEvent(db: Kysely<DB>, e: { id: string; concernId: string; username: string | null; status: string; note: string }, now: string): Promise<void> {
  await db.insertInto('concern_events').values({ id: e.id, concern_id: e.concernId, at: now, username: e.username, status: e.status, note: e.note, created_at: now, updated_at: now }).execute();
}
