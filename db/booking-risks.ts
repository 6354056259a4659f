import { sql, type Kysely } from 'kysely';
import type { AffectedAppointment } from '../shared/contract/booking-risks';
import { patientListName } from '../shared/domain/patients';
import type { WallTime } from '../shared/domain/time';
import { compiledOnce } from './compiled';
import { jsonField, jsonRows } from './dialect';
import type { DB } from './schema';

/**
 * A stretch of one provider's time: the booked appointments in it are the ones a
 * booking risk strands. An appointment is in it when it starts in [earliest, to)
 * and ends after `from` (earliest is `from`, or earlier to catch one already
 * running when time off begins).
 */
export interface ProviderWindow {
  providerId: string;
  earliest: WallTime;
  from: WallTime;
  to: WallTime;
}

/** The end of every open-ended window: after any wall time Keel stores. */
export const OPEN_END: WallTime = '9999-12-31T23:59';

/** Statuses still to come: the patient expects to be seen. */
const STILL_BOOKED = ['booked', 'confirmed'] as const;

const windowsJson = (windows: readonly ProviderWindow[]) => JSON.stringify(windows.map((w) => ({ p: w.providerId, e: w.earliest, f: w.from, t: w.to })));

/**
 * The windows as a table (jsonRows), each row joined to its provider's appointments through the
 * (provider_id, starts_at) index. CROSS JOIN keeps the windows as the outer loop.
 */
function windowsJoined(db: Kysely<DB>, windows: string) {
  return db
    .selectFrom(jsonRows(windows).as('w'))
    .crossJoin('appointments as a')
    .where('a.provider_id', '=', jsonField('w.value', 'p'))
    .where('a.starts_at', '>=', jsonField('w.value', 'e'))
    .where('a.starts_at', '<', jsonField('w.value', 't'))
    .where('a.ends_at', '>', jsonField('w.value', 'f'))
    .where('a.status', 'in', [...STILL_BOOKED]);
}

const countQuery = compiledOnce<{ window: number; n: number; first: string; last: string }, { windows: string }>((db, v) =>
  windowsJoined(db, v('windows'))
    .select([sql<number>`w.key`.as('window'), sql<number>`count(*)`.as('n'), sql<string>`min(a.starts_at)`.as('first'), sql<string>`max(a.starts_at)`.as('last')])
    .groupBy(sql`w.key`),
);

export interface WindowCount {
  count: number;
  firstStart: WallTime;
  lastStart: WallTime;
}

/** How many booked or confirmed appointments fall in each window, in one query; windows with none are left out. */
export async function countInWindows(db: Kysely<DB>, windows: readonly ProviderWindow[]): Promise<Map<number, WindowCount>> {
  const out = new Map<number, WindowCount>();
  if (windows.length === 0) return out;
  const { rows } = await countQuery(db, { windows: windowsJson(windows) });
  for (const row of rows) out.set(Number(row.window), { count: Number(row.n), firstStart: row.first, lastStart: row.last });
  return out;
}

const listQuery = compiledOnce<
  {
    id: string;
    starts_at: string;
    ends_at: string;
    status: string;
    patient_id: string;
    first_name: string;
    last_name: string;
    preferred_name: string;
    phone_mobile: string;
    phone_home: string;
    phone_work: string;
    provider_id: string;
    provider_name: string;
    type_name: string;
  },
  { windows: string }
>((db, v) =>
  windowsJoined(db, v('windows'))
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('staff as s', 's.id', 'a.provider_id')
    .innerJoin('appointment_types as t', 't.id', 'a.type_id')
    .select([
      'a.id',
      'a.starts_at',
      'a.ends_at',
      'a.status',
      'a.patient_id',
      'p.first_name',
      'p.last_name',
      'p.preferred_name',
      'p.phone_mobile',
      'p.phone_home',
      'p.phone_work',
      'a.provider_id',
      's.full_name as provider_name',
      't.name as type_name',
    ])
    .orderBy('a.starts_at')
    .orderBy('p.last_name')
    .orderBy('a.id'),
);

/** The call list of the windows, in one query: each booked or confirmed appointment once, by time. */
export async function appointmentsInWindows(db: Kysely<DB>, windows: readonly ProviderWindow[]): Promise<AffectedAppointment[]> {
  if (windows.length === 0) return [];
  const { rows } = await listQuery(db, { windows: windowsJson(windows) });
  const seen = new Set<string>();
  const out: AffectedAppointment[] = [];
  for (const r of rows) {
    // Windows of one person may overlap (two credentials lapsing): list each appointment once.
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const numbers = [
      { label: 'mobile', number: r.phone_mobile },
      { label: 'home', number: r.phone_home },
      { label: 'work', number: r.phone_work },
    ].filter((n) => n.number.trim() !== '');
    out.push({
      appointmentId: r.id,
      start: r.starts_at,
      end: r.ends_at,
      status: r.status as AffectedAppointment['status'],
      patientId: r.patient_id,
      patientName: patientListName({ firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name }),
      phone: numbers[0]?.number ?? '',
      otherPhones: numbers.slice(1).map((n) => `${n.label} ${n.number}`),
      providerId: r.provider_id,
      providerName: r.provider_name,
      typeName: r.type_name,
    });
  }
  return out;
}
