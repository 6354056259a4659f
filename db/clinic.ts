import type { Kysely } from 'kysely';
import type { Clinic, DateOrder, OpeningHours } from '../shared/contract/clinic';
import type { DB } from './schema';
import { getSetting, setSetting } from './settings';
import { DEFAULT_COUNTRY, type CountryCode } from '../shared/domain/postal';

/** The clinic's country lives in the settings table (no schema change for one value). */
const COUNTRY_KEY = 'clinic.country';

export type ClinicProfile = Omit<Clinic, 'updatedAt'>;

export async function clinicExists(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('clinic').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function getOpeningHours(db: Kysely<DB>): Promise<OpeningHours[]> {
  const rows = await db.selectFrom('opening_hours').select(['weekday', 'opens', 'closes']).orderBy('weekday').execute();
  return rows.map((r) => ({ weekday: r.weekday, opens: r.opens, closes: r.closes }));
}

export async function getClinic(db: Kysely<DB>): Promise<Clinic | undefined> {
  const row = await db.selectFrom('clinic').selectAll().limit(1).executeTakeFirst();
  if (!row) return undefined;
  return {
    name: row.name,
    timeZone: row.time_zone,
    slotMinutes: row.slot_minutes,
    phone: row.phone,
    email: row.email,
    address: row.address,
    idleLockMinutes: row.idle_lock_minutes,
    dateOrder: row.date_order as DateOrder,
    country: await getSetting<CountryCode>(db, COUNTRY_KEY, DEFAULT_COUNTRY),
    openingHours: await getOpeningHours(db),
    updatedAt: row.updated_at,
  };
}

function profileColumns(profile: ClinicProfile) {
  return {
    name: profile.name,
    time_zone: profile.timeZone,
    slot_minutes: profile.slotMinutes,
    phone: profile.phone,
    email: profile.email,
    address: profile.address,
    idle_lock_minutes: profile.idleLockMinutes,
    date_order: profile.dateOrder,
  };
}

async function replaceOpeningHours(db: Kysely<DB>, hours: OpeningHours[], now: string): Promise<void> {
  await db.deleteFrom('opening_hours').execute();
  await db
    .insertInto('opening_hours')
    .values(hours.map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes, created_at: now, updated_at: now })))
    .execute();
}

export async function insertClinic(db: Kysely<DB>, id: string, profile: ClinicProfile, now: string): Promise<void> {
  await db
    .insertInto('clinic')
    .values({ id, ...profileColumns(profile), created_at: now, updated_at: now })
    .execute();
  if (profile.country) await setSetting(db, COUNTRY_KEY, profile.country, now);
  await replaceOpeningHours(db, profile.openingHours, now);
}

export async function updateClinic(db: Kysely<DB>, profile: ClinicProfile, now: string): Promise<void> {
  await db.updateTable('clinic').set({ ...profileColumns(profile), updated_at: now }).execute();
  if (profile.country) await setSetting(db, COUNTRY_KEY, profile.country, now);
  await replaceOpeningHours(db, profile.openingHours, now);
}
