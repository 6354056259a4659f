import type { Kysely, Selectable } from 'kysely';
import type { CredentialFlag } from '../shared/contract/credentials';
import type { StaffMember } from '../shared/contract/staff';
import type { CredentialKind, EmploymentType, PayType, StaffRole } from '../shared/domain/staff';
import { flagsFor } from './credentials';
import { compiledOnce } from './compiled';
import type { DB, StaffTable } from './schema';

export type StaffRow = Selectable<StaffTable>;

export interface StaffInput {
  fullName: string;
  jobTitle: string;
  staffRole: StaffRole;
  phone: string;
  email: string;
  employmentType: EmploymentType;
  startDate: string;
  contractedHours: number;
  payType: PayType;
  payRateCents: number;
  colour: string;
  userId: string | null;
  bookable: boolean;
}

export function staffToMember(row: StaffRow, flag: CredentialFlag | null, showPay: boolean): StaffMember {
  return {
    id: row.id,
    fullName: row.full_name,
    jobTitle: row.job_title,
    staffRole: row.staff_role as StaffRole,
    phone: row.phone,
    email: row.email,
    employmentType: row.employment_type as EmploymentType,
    startDate: row.start_date,
    endDate: row.end_date,
    contractedHours: row.contracted_minutes / 60,
    colour: row.colour,
    userId: row.user_id,
    bookable: row.bookable === 1,
    active: row.active === 1,
    flag,
    pay: showPay ? { type: row.pay_type as PayType, rateCents: row.pay_rate_cents } : null,
  };
}

function columns(input: StaffInput) {
  return {
    full_name: input.fullName,
    job_title: input.jobTitle,
    staff_role: input.staffRole,
    phone: input.phone,
    email: input.email,
    employment_type: input.employmentType,
    start_date: input.startDate,
    contracted_minutes: Math.round(input.contractedHours * 60),
    pay_type: input.payType,
    pay_rate_cents: input.payRateCents,
    colour: input.colour,
    user_id: input.userId,
    bookable: input.bookable ? 1 : 0,
  };
}

export async function insertStaff(db: Kysely<DB>, id: string, input: StaffInput, now: string): Promise<void> {
  await db
    .insertInto('staff')
    .values({ id, ...columns(input), end_date: null, active: 1, created_at: now, updated_at: now })
    .execute();
}

export async function updateStaff(db: Kysely<DB>, id: string, input: StaffInput, now: string): Promise<void> {
  await db.updateTable('staff').set({ ...columns(input), updated_at: now }).where('id', '=', id).execute();
}

export async function setStaffActive(db: Kysely<DB>, id: string, active: boolean, endDate: string | null, now: string): Promise<void> {
  await db.updateTable('staff').set({ active: active ? 1 : 0, end_date: endDate, updated_at: now }).where('id', '=', id).execute();
}

const staffById = compiledOnce<StaffRow, { id: string }>((db, v) => db.selectFrom('staff').selectAll().where('id', '=', v('id')));

export async function findStaff(db: Kysely<DB>, id: string): Promise<StaffRow | undefined> {
  return (await staffById(db, { id })).rows[0];
}

export async function findStaffByUser(db: Kysely<DB>, userId: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

const TITLES = /^(dr|mr|mrs|ms|mx|prof)\.?$/i;
const SUFFIXES = /^(jr|sr|ii|iii|iv|md|do|np|pa|pa-c|rn|lpn|cma|phd|dds|dmd|facp|faafp)\.?,?$/i;
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The family name people look a colleague up by: "Dr. Priya Lee" → "Lee", "Ana Ruiz Jr." → "Ruiz". */
export function surnameOf(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter((w) => !TITLES.test(w));
  while (words.length > 1 && SUFFIXES.test(words.at(-1)!)) words.pop();
  return (words.at(-1) ?? fullName).replace(/,$/, '');
}

/** By surname, then the whole name: the way a staff list is read. */
export function bySurname(a: Pick<StaffRow, 'full_name'>, b: Pick<StaffRow, 'full_name'>): number {
  return collator.compare(surnameOf(a.full_name), surnameOf(b.full_name)) || collator.compare(a.full_name, b.full_name);
}

export interface StaffQuery {
  query?: string | undefined;
  staffRole?: StaffRole | undefined;
  status?: 'active' | 'inactive' | 'all' | undefined;
  ids?: readonly string[];
  bookableOnly?: boolean;
}

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

const everyone = compiledOnce<StaffRow, Record<string, never>>((db) => db.selectFrom('staff').selectAll().orderBy('full_name').orderBy('id'));

/** The directory, by name; the search matches every word against name, title, email or phone digits. */
export async function listStaff(db: Kysely<DB>, q: StaffQuery = {}): Promise<StaffRow[]> {
  if (q.status === 'all' && !q.staffRole && !q.ids && !q.bookableOnly && !q.query) return (await everyone(db, {})).rows;
  let query = db.selectFrom('staff').selectAll();
  const status = q.status ?? 'active';
  if (status !== 'all') query = query.where('active', '=', status === 'active' ? 1 : 0);
  if (q.staffRole) query = query.where('staff_role', '=', q.staffRole);
  if (q.ids) query = query.where('id', 'in', q.ids.length > 0 ? [...q.ids] : ['']);
  if (q.bookableOnly) query = query.where('bookable', '=', 1);
  const rows = await query.orderBy('full_name').orderBy('id').execute();
  const words = normalise(q.query ?? '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  // A directory is at most a few hundred people: matching in memory handles accents and phone formats simply.
  return rows.filter((row) => {
    const haystack = `${normalise(`${row.full_name} ${row.job_title} ${row.email}`)} ${row.phone.replace(/\D/g, '')}`;
    return words.every((word) => haystack.includes(/^\d[\d\s().-]*$/.test(word) ? word.replace(/\D/g, '') : word));
  });
}

export async function withFlags(db: Kysely<DB>, rows: StaffRow[], today: string, showPay: boolean): Promise<StaffMember[]> {
  const flags = await flagsFor(db, rows, today);
  return rows.map((row) => staffToMember(row, flags.get(row.id) ?? null, showPay));
}

export type { CredentialKind };
