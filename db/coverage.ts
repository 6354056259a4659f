import type { Kysely, Selectable } from 'kysely';
import type { CoverageRule } from '../shared/contract/coverage';
import type { StaffRole } from '../shared/domain/staff';
import { compiledOnce } from './compiled';
import { weekdaysOf } from './roster';
import type { CoverageRulesTable, DB } from './schema';

const coverageRules = compiledOnce<Selectable<CoverageRulesTable>, Record<string, never>>((db) => db.selectFrom('coverage_rules').selectAll().orderBy('active', 'desc').orderBy('name'));

export async function listCoverageRules(db: Kysely<DB>): Promise<CoverageRule[]> {
  const { rows } = await coverageRules(db, {});
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    weekdays: weekdaysOf(r.weekdays),
    startTime: r.start_time,
    endTime: r.end_time,
    requirements: JSON.parse(r.requirements) as Array<{ staffRole: StaffRole; min: number }>,
    active: r.active === 1,
  }));
}

export async function saveCoverageRule(db: Kysely<DB>, rule: CoverageRule, exists: boolean, now: string): Promise<void> {
  const values = {
    name: rule.name,
    weekdays: [...rule.weekdays].sort().join(','),
    start_time: rule.startTime,
    end_time: rule.endTime,
    requirements: JSON.stringify(rule.requirements),
    active: rule.active ? 1 : 0,
    updated_at: now,
  };
  if (exists) await db.updateTable('coverage_rules').set(values).where('id', '=', rule.id).execute();
  else await db.insertInto('coverage_rules').values({ id: rule.id, ...values, created_at: now }).execute();
}
