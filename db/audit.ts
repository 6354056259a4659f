import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { compiledOnce } from './compiled';
import type { DB } from './schema';

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  /** The channel, or an event such as `auth.login_failed`. */
  action: string;
  kind: string;
  outcome: 'ok' | 'failed';
  targetId?: string | null;
  patientId?: string | null;
  /** Small JSON-able facts (changed field names, the query); never passwords. */
  detail?: unknown;
}

type AuditValues = { id: string; at: string; userId: string | null; username: string | null; action: string; kind: string; outcome: string; targetId: string | null; patientId: string | null; detail: string | null };

/** Every audited call appends a row: compiled once. */
const insertAudit = compiledOnce<never, AuditValues>((db, v) =>
  db.insertInto('audit_log').values({
    id: v('id'),
    at: v('at'),
    user_id: v('userId'),
    username: v('username'),
    action: v('action'),
    kind: v('kind'),
    outcome: v('outcome'),
    target_id: v('targetId'),
    patient_id: v('patientId'),
    detail: v('detail'),
    created_at: v('at'),
    updated_at: v('at'),
  }),
);

/** Appends one row to the audit log (which refuses updates and deletes). */
export async function appendAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await insertAudit(db, {
    id: entry.id,
    at: entry.at,
    userId: entry.userId,
    username: entry.username,
    action: entry.action,
    kind: entry.kind,
    outcome: entry.outcome,
    targetId: entry.targetId ?? null,
    patientId: entry.patientId ?? null,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  });
}

export interface AuditRow {
  at: string;
  username: string | null;
  action: string;
  kind: string;
  outcome: string;
  targetId: string | null;
  patientId: string | null;
  detail: unknown;
}

export async function recentAudit(db: Kysely<DB>, limit = 100): Promise<AuditRow[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    at: r.at,
    username: r.username,
    action: r.action,
    kind: r.kind,
    outcome: r.outcome,
    targetId: r.target_id,
    patientId: r.patient_id,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
  }));
}

/** The settings row holding that key: a secret, left out of exports and the recovery screen (db/private-data.ts). */
export const NAME_KEY = 'audit.unknownNameKey';

/**
 * The key for the short hash that stands in the audit log for a username nobody
 * has (it may be a password typed into the wrong box). Made once per data folder.
 */
export async function auditNameKey(db: Kysely<DB>, now: string): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', NAME_KEY).executeTakeFirst();
  if (row) return JSON.parse(row.value) as string;
  const key = randomBytes(32).toString('hex');
  await db.insertInto('settings').values({ key: NAME_KEY, value: JSON.stringify(key), created_at: now, updated_at: now }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return auditNameKey(db, now);
}

/** What the audit log keeps of a name that matches no account: a keyed hash, 10 hex characters. */
export function unknownNameHash(key: string, typed: string): string {
  return createHmac('sha256', key).update(typed).digest('hex').slice(0, 10);
}
