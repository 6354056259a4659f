import type Database from 'better-sqlite3';
import { expiringCredentials } from '../../db/credentials';
import type { KeelDatabase } from '../../db/open';
import { providerAvailability, rosterWeek, rosterWeekRows } from '../../electron/core/roster-service';
import { addDays, mondayOf } from '../../shared/domain/time';
import { compare, type Comparison } from './harness';

/**
 * The staff section's hot reads on the large clinic, each against raw
 * better-sqlite3 fetching the same rows with the same indexes.
 */
export async function benchStaff(database: KeelDatabase, today: string): Promise<Comparison[]> {
  const raw: Database.Database = database.sqlite;
  const weekStart = mondayOf(today);
  const from = `${addDays(weekStart, -1)}T00:00`;
  const to = `${addDays(weekStart, 8)}T00:00`;
  const clock = { zone: 'America/New_York', dateOrder: 'MDY' as const, today };

  // The same SQL the data layer runs, straight through better-sqlite3.
  const rawShifts = raw.prepare('select * from shifts where starts_at >= ? and starts_at < ? and ends_at > ? and deleted_at is null order by starts_at, staff_id');
  const rawStaff = raw.prepare('select * from staff order by full_name, id');
  const rawTimeOff = raw.prepare(
    "select time_off.*, staff.full_name from time_off join staff on staff.id = time_off.staff_id where time_off.starts_at >= ? and time_off.starts_at < ? and time_off.ends_at > ? and time_off.status in ('pending', 'approved') order by time_off.starts_at",
  );
  const rawRequirements = raw.prepare('select staff_role, kind from credential_requirements');
  const rawCredentials = raw.prepare('select id, staff_id, kind, expires_on, created_at from credentials where archived_at is null');
  const rawRules = raw.prepare('select * from coverage_rules order by active desc, name');
  const results: Comparison[] = [];

  const rosterRowsFloor = () => {
    rawShifts.all(`${addDays(weekStart, -1)}T00:00`, to, from);
    rawStaff.all();
    rawRequirements.all();
    rawCredentials.all();
    rawTimeOff.all(`${addDays(weekStart, -367)}T00:00`, `${addDays(weekStart, 7)}T00:00`, `${weekStart}T00:00`);
    rawRules.all();
  };
  results.push(await compare('roster week rows, 40 staff', { target: 1.5, iterations: 200, op: () => rosterWeekRows(database.db, weekStart), floor: rosterRowsFloor }));
  // The whole view adds warnings, coverage, hours and cost worked out in JavaScript: Keel's own budget.
  results.push(
    await compare('roster week view (rows + rules)', {
      target: 2.5,
      iterations: 150,
      op: () => rosterWeek(database.db, weekStart, clock, true),
      floor: () => {
        rawShifts.all(`${addDays(weekStart, -1)}T00:00`, to, from);
        rawStaff.all();
        rawTimeOff.all(`${addDays(weekStart, -367)}T00:00`, `${addDays(weekStart, 7)}T00:00`, `${weekStart}T00:00`);
        rawRequirements.all();
        rawCredentials.all();
        rawRules.all();
      },
    }),
  );

  const monthEnd = addDays(today, 30);
  const rawProviders = raw.prepare('select * from staff where active = 1 and bookable = 1 order by full_name, id');
  const rawHours = raw.prepare('select weekday, opens, closes from opening_hours order by weekday');
  results.push(
    await compare('provider availability, one month', {
      target: 1.5,
      iterations: 150,
      op: () => providerAvailability(database.db, today, monthEnd),
      floor: () => {
        const ids = (rawProviders.all() as Array<{ id: string }>).map((p) => p.id);
        const list = ids.map(() => '?').join(',');
        raw.prepare(`select * from shifts where starts_at >= ? and starts_at < ? and ends_at > ? and deleted_at is null and staff_id in (${list}) order by starts_at, staff_id`).all(`${addDays(today, -1)}T00:00`, `${addDays(monthEnd, 1)}T00:00`, `${today}T00:00`, ...ids);
        raw.prepare(`select time_off.*, staff.full_name from time_off join staff on staff.id = time_off.staff_id where time_off.starts_at >= ? and time_off.starts_at < ? and time_off.ends_at > ? and time_off.staff_id in (${list}) and time_off.status = 'approved'`).all(`${addDays(today, -367)}T00:00`, `${addDays(monthEnd, 1)}T00:00`, `${today}T00:00`, ...ids);
        raw.prepare(`select distinct staff_id from shifts where staff_id in (${list}) and deleted_at is null`).all(...ids);
        rawHours.all();
      },
    }),
  );

  const rawExpiring = raw.prepare(`
    select c.id, c.staff_id, c.kind, c.expires_on, s.full_name, s.staff_role from credentials c join staff s on s.id = c.staff_id
    where s.active = 1 and c.archived_at is null and c.expires_on <= ?
      and not exists (select 1 from credentials n where n.staff_id = c.staff_id and n.kind = c.kind and n.archived_at is null and (n.expires_on is null or n.expires_on > c.expires_on))
    order by c.expires_on, s.full_name`);
  results.push(
    await compare('expiring credentials (90 days)', {
      target: 1.5,
      iterations: 300,
      op: () => expiringCredentials(database.db, today, 90),
      floor: () => rawExpiring.all(addDays(today, 90)),
    }),
  );
  return results;
}
