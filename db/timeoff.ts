import type { Kysely, Selectable } from 'kysely';
import type { TimeOff } from '../shared/contract/timeoff';
import type { TimeOffKind, TimeOffStatus } from '../shared/domain/staff';
import { type WallTime, addDays, datePart } from '../shared/domain/time';
import { compiledOnce } from './compiled';
import type { DB, TimeOffTable } from './schema';

type TimeOffRow = Selectable<TimeOffTable>;

const TIME_OFF_LOOKBACK_DAYS = 367;

export function timeOffFromRow(row: TimeOffRow & { full_name: string }): TimeOff {
  return {
    id: row.id,
    staffId: row.staff_id,
    staffName: row.full_name,
    kind: row.kind as TimeOffKind,
    start: row.starts_at,
    end: row.ends_at,
    status: row.status as TimeOffStatus,
    requestNote: row.request_note,
    decisionNote: row.decision_note,
    requestedBy: row.requested_by,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

function timeOffQuery(db: Kysely<DB>, earliest: string, from: WallTime, to: WallTime) {
  return db
    .selectFrom('time_off')
    .innerJoin('staff', 'staff.id', 'time_off.staff_id')
    .selectAll('time_off')
    .select('staff.full_name')
    .where('time_off.starts_at', '>=', earliest)
    .where('time_off.starts_at', '<', to)
    .where('time_off.ends_at', '>', from);
}

/** Everyone's pending and approved time off in a range, as the roster shows it: compiled once. */
const openTimeOff = compiledOnce<TimeOffRow & { full_name: string }, { earliest: string; from: string; to: string }>((db, v) =>
  timeOffQuery(db, v('earliest'), v('from'), v('to')).where('time_off.status', 'in', ['pending', 'approved']).orderBy('time_off.starts_at'),
);

/** Time off overlapping [from, to). */
export async function timeOffBetween(db: Kysely<DB>, from: WallTime, to: WallTime, filter: { staffIds?: readonly string[]; statuses?: readonly TimeOffStatus[] } = {}): Promise<TimeOff[]> {
  const earliest = `${addDays(datePart(from), -TIME_OFF_LOOKBACK_DAYS)}T00:00`;
  if (!filter.staffIds && filter.statuses?.length === 2 && filter.statuses.includes('pending') && filter.statuses.includes('approved')) {
    return (await openTimeOff(db, { earliest, from, to })).rows.map(timeOffFromRow);
  }
  let query = timeOffQuery(db, earliest, from, to);
  if (filter.staffIds) query = query.where('time_off.staff_id', 'in', filter.staffIds.length > 0 ? [...filter.staffIds] : ['']);
  if (filter.statuses) query = query.where('time_off.status', 'in', [...filter.statuses]);
  const rows = await query.orderBy('time_off.starts_at').execute();
  return rows.map(timeOffFromRow);
}

export async function findTimeOff(db: Kysely<DB>, id: string): Promise<TimeOff | undefined> {
  const row = await db.selectFrom('time_off').innerJoin('staff', 'staff.id', 'time_off.staff_id').selectAll('time_off').select('staff.full_name').where('time_off.id', '=', id).executeTakeFirst();
  return row ? timeOffFromRow(row) : undefined;
}

export async function insertTimeOff(
  db: Kysely<DB>,
  row: { id: string; staffId: string; kind: TimeOffKind; start: WallTime; end: WallTime; note: string; requestedBy: string | null; status: TimeOffStatus },
  now: string,
): Promise<void> {
  await db
    .insertInto('time_off')
    .values({
      id: row.id,
      staff_id: row.staffId,
      kind: row.kind,
      starts_at: row.start,
      ends_at: row.end,
      status: row.status,
      request_note: row.note,
      decision_note: '',
      requested_by: row.requestedBy,
      decided_by: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function setTimeOffStatus(db: Kysely<DB>, id: string, status: TimeOffStatus, decision: { note?: string; by?: string | null; at?: string | null }, now: string): Promise<void> {
  await db
    .updateTable('time_off')
    .set({ status, ...(decision.note !== undefined ? { decision_note: decision.note } : {}), ...(decision.by !== undefined ? { decided_by: decision.by, decided_at: decision.at ?? now } : {}), updated_at: now })
    .where('id', '=', id)
    .execute();
}
