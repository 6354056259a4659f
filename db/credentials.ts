import { sql, type Kysely, type Selectable } from 'kysely';
import type { AttachmentInfo } from '../shared/contract/attachments';
import type { Credential, CredentialFlag, ExpiringCredential, MissingCredential } from '../shared/contract/credentials';
import { CREDENTIAL_KINDS, expiryAlert, STAFF_ROLES, type CredentialKind, type StaffRole } from '../shared/domain/staff';
import { flagOn, type CredentialStanding } from '../shared/domain/roster';
import { addDays, daysBetween } from '../shared/domain/time';
import { compiledOnce } from './compiled';
import type { CredentialsTable, DB } from './schema';

type CredentialRow = Selectable<CredentialsTable>;
export type Requirements = Record<StaffRole, CredentialKind[]>;

const requirementRows = compiledOnce<{ staff_role: string; kind: string }, Record<string, never>>((db) => db.selectFrom('credential_requirements').select(['staff_role', 'kind']));

export async function getRequirements(db: Kysely<DB>): Promise<Requirements> {
  const { rows } = await requirementRows(db, {});
  const out = Object.fromEntries(STAFF_ROLES.map((r) => [r, [] as CredentialKind[]])) as Requirements;
  for (const row of rows) out[row.staff_role as StaffRole]?.push(row.kind as CredentialKind);
  for (const role of STAFF_ROLES) out[role].sort((a, b) => CREDENTIAL_KINDS.indexOf(a) - CREDENTIAL_KINDS.indexOf(b));
  return out;
}

export async function setRequirements(db: Kysely<DB>, requirements: Partial<Requirements>, now: string): Promise<void> {
  await db.deleteFrom('credential_requirements').execute();
  const rows = Object.entries(requirements).flatMap(([role, kinds]) => [...new Set(kinds)].map((kind) => ({ staff_role: role, kind, created_at: now, updated_at: now })));
  if (rows.length > 0) await db.insertInto('credential_requirements').values(rows).execute();
}

/** Later expiry wins; no expiry date means it never expires. */
function newer(a: Pick<CredentialRow, 'expires_on' | 'created_at'>, b: Pick<CredentialRow, 'expires_on' | 'created_at'>): boolean {
  if (a.expires_on === null) return b.expires_on !== null || a.created_at > b.created_at;
  if (b.expires_on === null) return false;
  return a.expires_on > b.expires_on || (a.expires_on === b.expires_on && a.created_at > b.created_at);
}

type CurrentRow = Pick<CredentialRow, 'id' | 'staff_id' | 'kind' | 'expires_on' | 'created_at'>;

/** Every credential in force or history, lean: the roster and directory need only these columns. */
const liveCredentials = compiledOnce<CurrentRow, Record<string, never>>((db) =>
  db.selectFrom('credentials').select(['id', 'staff_id', 'kind', 'expires_on', 'created_at']).where('archived_at', 'is', null),
);

/** The current credential of each kind per person (staff id → kind → row). */
async function currentCredentials(db: Kysely<DB>, staffIds: readonly string[]): Promise<Map<string, Map<string, CurrentRow>>> {
  const out = new Map<string, Map<string, CurrentRow>>();
  if (staffIds.length === 0) return out;
  // One person: use the index; many: read the whole (small) table once rather than bind a long list.
  const rows =
    staffIds.length === 1
      ? await db.selectFrom('credentials').select(['id', 'staff_id', 'kind', 'expires_on', 'created_at']).where('archived_at', 'is', null).where('staff_id', '=', staffIds[0]!).execute()
      : (await liveCredentials(db, {})).rows;
  const wanted = new Set(staffIds);
  for (const row of rows) {
    if (!wanted.has(row.staff_id)) continue;
    let kinds = out.get(row.staff_id);
    if (!kinds) out.set(row.staff_id, (kinds = new Map()));
    const seen = kinds.get(row.kind);
    if (!seen || newer(row, seen)) kinds.set(row.kind, row);
  }
  return out;
}

/** What each person holds of their role's required credentials. */
export async function standingsFor(db: Kysely<DB>, staff: ReadonlyArray<{ id: string; staff_role: string }>): Promise<Map<string, CredentialStanding>> {
  const requirements = await getRequirements(db);
  const current = await currentCredentials(db, staff.map((s) => s.id));
  const standings = new Map<string, CredentialStanding>();
  for (const person of staff) {
    const held = current.get(person.id);
    const standing: CredentialStanding = { missing: [], expiries: [] };
    for (const kind of requirements[person.staff_role as StaffRole] ?? []) {
      const row = held?.get(kind);
      if (row) standing.expiries.push({ kind, expiresOn: row.expires_on });
      else standing.missing.push(kind);
    }
    standings.set(person.id, standing);
  }
  return standings;
}

/** Who is flagged on a day: a required credential missing, or its current one expired. */
export async function flagsFor(db: Kysely<DB>, staff: ReadonlyArray<{ id: string; staff_role: string }>, today: string): Promise<Map<string, CredentialFlag>> {
  const standings = await standingsFor(db, staff);
  const flags = new Map<string, CredentialFlag>();
  for (const [id, standing] of standings) {
    const flag = flagOn(standing, today);
    if (flag) flags.set(id, flag);
  }
  return flags;
}

export async function listCredentials(db: Kysely<DB>, staffId: string, today: string): Promise<Credential[]> {
  const rows = await db
    .selectFrom('credentials')
    .leftJoin('attachments', 'attachments.id', 'credentials.attachment_id')
    .selectAll('credentials')
    .select(['attachments.file_name', 'attachments.mime', 'attachments.size_bytes'])
    .where('credentials.staff_id', '=', staffId)
    .where('credentials.archived_at', 'is', null)
    .execute();
  const current = (await currentCredentials(db, [staffId])).get(staffId);
  return rows
    .map((row): Credential => {
      const isCurrent = current?.get(row.kind)?.id === row.id;
      const attachment: AttachmentInfo | null = row.attachment_id && row.file_name ? { id: row.attachment_id, fileName: row.file_name, mime: row.mime ?? '', sizeBytes: row.size_bytes ?? 0 } : null;
      return {
        id: row.id,
        staffId: row.staff_id,
        kind: row.kind as CredentialKind,
        number: row.number,
        issuer: row.issuer,
        issuedOn: row.issued_on,
        expiresOn: row.expires_on,
        note: row.note,
        attachment,
        current: isCurrent,
        alert: isCurrent ? expiryAlert(row.expires_on, today) : null,
      };
    })
    .sort((a, b) => CREDENTIAL_KINDS.indexOf(a.kind) - CREDENTIAL_KINDS.indexOf(b.kind) || Number(b.current) - Number(a.current) || (b.expiresOn ?? '9999').localeCompare(a.expiresOn ?? '9999'));
}

export async function findCredential(db: Kysely<DB>, id: string): Promise<CredentialRow | undefined> {
  return db.selectFrom('credentials').selectAll().where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
}

export interface CredentialInput {
  staffId: string;
  kind: CredentialKind;
  number: string;
  issuer: string;
  issuedOn: string | null;
  expiresOn: string | null;
  note: string;
}

export async function saveCredential(db: Kysely<DB>, id: string, input: CredentialInput, attachmentId: string | null | undefined, now: string, exists: boolean): Promise<void> {
  const values = {
    staff_id: input.staffId,
    kind: input.kind,
    number: input.number,
    issuer: input.issuer,
    issued_on: input.issuedOn,
    expires_on: input.expiresOn,
    note: input.note,
    ...(attachmentId !== undefined ? { attachment_id: attachmentId } : {}),
    updated_at: now,
  };
  if (exists) await db.updateTable('credentials').set(values).where('id', '=', id).execute();
  else await db.insertInto('credentials').values({ id, attachment_id: null, archived_at: null, created_at: now, ...values }).execute();
}

export async function archiveCredential(db: Kysely<DB>, id: string, now: string): Promise<void> {
  await db.updateTable('credentials').set({ archived_at: now, updated_at: now }).where('id', '=', id).execute();
}

/**
 * Current credentials of active staff that are expired or expire within the
 * window: a credential counts only when no newer one of its kind replaced it.
 */
const expiringQuery = compiledOnce<{ id: string; staff_id: string; kind: string; expires_on: string | null; full_name: string; staff_role: string; bookable: number }, { limit: string }>((db, value) =>
  db
    .selectFrom('credentials as c')
    .innerJoin('staff as s', 's.id', 'c.staff_id')
    .select(['c.id', 'c.staff_id', 'c.kind', 'c.expires_on', 's.full_name', 's.staff_role', 's.bookable'])
    .where('s.active', '=', 1)
    .where('c.archived_at', 'is', null)
    .where('c.expires_on', '<=', value('limit'))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('credentials as n')
            .select(sql`1`.as('one'))
            .whereRef('n.staff_id', '=', 'c.staff_id')
            .whereRef('n.kind', '=', 'c.kind')
            .where('n.archived_at', 'is', null)
            .where((eb) => eb.or([eb('n.expires_on', 'is', null), eb('n.expires_on', '>', eb.ref('c.expires_on'))])),
        ),
      ),
    )
    .orderBy('c.expires_on')
    .orderBy('s.full_name'),
);

export async function expiringCredentials(db: Kysely<DB>, today: string, withinDays: number): Promise<ExpiringCredential[]> {
  const { rows } = await expiringQuery(db, { limit: addDays(today, withinDays) });
  const requirements = await getRequirements(db);
  const seen = new Set<string>();
  const out: ExpiringCredential[] = [];
  for (const row of rows) {
    // Two current credentials of one kind with the same expiry: list the person once.
    const key = `${row.staff_id}|${row.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const expiresOn = row.expires_on!;
    const required = (requirements[row.staff_role as StaffRole] ?? []).includes(row.kind as CredentialKind);
    out.push({
      credentialId: row.id,
      staffId: row.staff_id,
      staffName: row.full_name,
      staffRole: row.staff_role as StaffRole,
      kind: row.kind as CredentialKind,
      expiresOn,
      daysLeft: daysBetween(today, expiresOn),
      alert: expiryAlert(expiresOn, today) ?? 90,
      required,
      blocksBooking: required && row.bookable === 1,
    });
  }
  return out;
}

/** Required credentials that active staff do not hold at all. */
export async function missingCredentials(db: Kysely<DB>): Promise<MissingCredential[]> {
  const staff = await db.selectFrom('staff').select(['id', 'full_name', 'staff_role']).where('active', '=', 1).orderBy('full_name').execute();
  const requirements = await getRequirements(db);
  const current = await currentCredentials(db, staff.map((s) => s.id));
  return staff.flatMap((s) =>
    (requirements[s.staff_role as StaffRole] ?? [])
      .filter((kind) => !current.get(s.id)?.has(kind))
      .map((kind) => ({ staffId: s.id, staffName: s.full_name, staffRole: s.staff_role as StaffRole, kind })),
  );
}
