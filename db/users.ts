import type { Kysely, Selectable } from 'kysely';
import type { UserSummary } from '../shared/contract/users';
import type { Role } from '../shared/domain/permissions';
import type { DB, UsersTable } from './schema';

export type UserRow = Selectable<UsersTable>;

export function userToSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role as Role,
    active: row.active === 1,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
  };
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export async function findUser(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Kysely<DB>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('active', 'desc').orderBy('full_name').orderBy('username').execute();
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveManagers(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'manager')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  now: string;
}

export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<UserRow> {
  const row: UserRow = {
    id: user.id,
    username: user.username.toLowerCase(),
    full_name: user.fullName,
    role: user.role,
    password_hash: user.passwordHash,
    active: 1,
    must_change_password: user.mustChangePassword ? 1 : 0,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    password_changed_at: user.now,
    deactivated_at: null,
    created_at: user.now,
    updated_at: user.now,
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

export type UserPatch = Partial<Omit<UserRow, 'id' | 'created_at'>>;

export async function updateUser(db: Kysely<DB>, id: string, patch: UserPatch & { updated_at: string }): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}
