import type { Kysely } from 'kysely';
import type { Evaluation, EvaluationDue } from '../shared/contract/evaluations';
import { DEFAULT_EVALUATION_CRITERIA, DEFAULT_EVALUATION_MONTHS, evaluationDue, type StaffRole } from '../shared/domain/staff';
import { addDays, daysBetween } from '../shared/domain/time';
import type { DB } from './schema';
import { getSetting, setSetting } from './settings';

export async function evaluationSettings(db: Kysely<DB>): Promise<{ intervalMonths: number; criteria: string[] }> {
  return {
    intervalMonths: await getSetting(db, 'evaluation.intervalMonths', DEFAULT_EVALUATION_MONTHS),
    criteria: await getSetting(db, 'evaluation.criteria', DEFAULT_EVALUATION_CRITERIA),
  };
}

export async function setEvaluationSettings(db: Kysely<DB>, intervalMonths: number, criteria: string[], now: string): Promise<void> {
  await setSetting(db, 'evaluation.intervalMonths', intervalMonths, now);
  await setSetting(db, 'evaluation.criteria', criteria, now);
}

export async function listEvaluations(db: Kysely<DB>, staffId: string): Promise<Evaluation[]> {
  const rows = await db.selectFrom('evaluations').selectAll().where('staff_id', '=', staffId).orderBy('review_date', 'desc').execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id, reviewDate: r.review_date, reviewer: r.reviewer, ratings: JSON.parse(r.ratings) as Record<string, number>, comments: r.comments, goals: r.goals }));
}

export async function insertEvaluation(db: Kysely<DB>, e: Evaluation, now: string): Promise<void> {
  await db
    .insertInto('evaluations')
    .values({ id: e.id, staff_id: e.staffId, review_date: e.reviewDate, reviewer: e.reviewer, ratings: JSON.stringify(e.ratings), comments: e.comments, goals: e.goals, created_at: now, updated_at: now })
    .execute();
}

/** Active staff whose next evaluation is due on or before today + withinDays, most overdue first. */
export async function evaluationsDue(db: Kysely<DB>, today: string, withinDays: number): Promise<EvaluationDue[]> {
  const { intervalMonths } = await evaluationSettings(db);
  const rows = await db
    .selectFrom('staff')
    .leftJoin('evaluations', 'evaluations.staff_id', 'staff.id')
    .select(['staff.id', 'staff.full_name', 'staff.staff_role', 'staff.start_date'])
    .select((eb) => eb.fn.max('evaluations.review_date').as('last_review'))
    .where('staff.active', '=', 1)
    .groupBy(['staff.id', 'staff.full_name', 'staff.staff_role', 'staff.start_date'])
    .execute();
  const limit = addDays(today, withinDays);
  return rows
    .map((r) => {
      const lastReview = (r.last_review as string | null) ?? null;
      const dueOn = evaluationDue(r.start_date, lastReview, intervalMonths);
      const daysLeft = daysBetween(today, dueOn);
      return { staffId: r.id, fullName: r.full_name, staffRole: r.staff_role as StaffRole, lastReview, dueOn, daysLeft, overdue: daysLeft < 0 };
    })
    .filter((d) => d.dueOn <= limit)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.fullName.localeCompare(b.fullName));
}
