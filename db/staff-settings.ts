import type { Kysely } from 'kysely';
import type { StaffSettings } from '../shared/contract/staff-settings';
import { getRequirements, setRequirements } from './credentials';
import { evaluationSettings, setEvaluationSettings } from './evaluations';
import type { DB } from './schema';

/** The staff rules: credentials each role must hold, and how often and on what people are evaluated. */
export async function readStaffSettings(db: Kysely<DB>): Promise<StaffSettings> {
  const evaluation = await evaluationSettings(db);
  return { requirements: await getRequirements(db), evaluationIntervalMonths: evaluation.intervalMonths, evaluationCriteria: evaluation.criteria };
}

export async function saveStaffSettings(db: Kysely<DB>, settings: StaffSettings, now: string): Promise<StaffSettings> {
  await setRequirements(db, settings.requirements, now);
  await setEvaluationSettings(db, settings.evaluationIntervalMonths, settings.evaluationCriteria, now);
  return readStaffSettings(db);
}
