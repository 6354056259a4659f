import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { insertClinic } from '../clinic';
import { wallInZone, addDays } from '../../shared/domain/time';
import type { DB } from '../schema';
import { insertUser } from '../users';
import { DEMO_ACCOUNTS } from './accounts';
import { DemoRandom } from './random';
import { seedDemoPatients } from './patients';
import { seedDemoStaff } from './staff';
import { seedDemoAppointments } from './appointments';
import { seedDemoClosures } from './closures';

export type DemoSize = 'small' | 'large';

export interface DemoOptions {
  size: DemoSize;
  seed: number;
  /** The clinic's "today" (`YYYY-MM-DD`); history and bookings are placed around it. */
  today: string;
  /** scrypt hashes of the demo passwords, by username (hashing is the caller's job, outside any transaction). */
  passwordHashes: Record<string, string>;
  /** Instant stamped on created rows. */
  now: string;
  /** The clinic's wall-clock time (`HH:MM`) on `today`; today's visits are done, in progress or waiting around it. */
  nowTime: string;
  /** Days of appointment history (default: 3 weeks small, 10 years large). */
  historyDays?: number | undefined;
  onProgress?: (step: string, done: number, total: number) => void;
}

/** Deterministic ids: UUIDv7 whose time and random parts come from the seed. */
export function demoIds(random: DemoRandom, today: string): () => string {
  let msecs = Date.parse(`${today}T00:00:00Z`) - 400 * 86_400_000;
  return () => uuidv7({ msecs: msecs++, random: random.bytes16() });
}

export const DEMO_CLINIC = {
  name: 'Maple Street Family Practice',
  timeZone: 'America/New_York',
  slotMinutes: 15,
  phone: '(555) 010-2000',
  email: 'office@maplestreet.example',
  address: '12 Maple Street, Springfield, IL 62701',
  idleLockMinutes: 5,
  dateOrder: 'MDY' as const,
  openingHours: [
    { weekday: 1, opens: '08:00', closes: '17:00' },
    { weekday: 2, opens: '08:00', closes: '17:00' },
    { weekday: 3, opens: '08:00', closes: '19:00' },
    { weekday: 4, opens: '08:00', closes: '17:00' },
    { weekday: 5, opens: '08:00', closes: '16:00' },
    { weekday: 6, opens: '09:00', closes: '12:00' },
    { weekday: 7, opens: null, closes: null },
  ],
};

/**
 * The demo's day and the clinic's time on it: today's visits are done, in the
 * room or waiting around the real time; on any other day, around noon.
 */
export function demoDay(instant: Date, today?: string): { today: string; nowTime: string } {
  const wall = wallInZone(instant, DEMO_CLINIC.timeZone);
  const realToday = wall.slice(0, 10);
  return { today: today ?? realToday, nowTime: (today ?? realToday) === realToday ? wall.slice(11, 16) : '12:00' };
}

/**
 * Fills an empty database with the demo clinic. Runs inside the caller's
 * transaction, so a failure leaves nothing behind. Each domain adds its part here.
 */
export async function seedDemoClinic(db: Kysely<DB>, options: DemoOptions): Promise<void> {
  const random = new DemoRandom(options.seed);
  const newId = demoIds(random, options.today);
  const progress = options.onProgress ?? (() => {});
  const steps = 5;
  const large = options.size === 'large';
  const historyDays = options.historyDays ?? (large ? 3653 : 21);

  progress('Clinic profile and opening hours', 0, steps);
  await insertClinic(db, newId(), DEMO_CLINIC, options.now);

  progress('User accounts', 1, steps);
  const accounts: Record<string, { id: string; fullName: string }> = {};
  for (const account of DEMO_ACCOUNTS) {
    const hash = options.passwordHashes[account.username];
    if (!hash) throw new Error(`No password hash for demo account ${account.username}`);
    const id = newId();
    accounts[account.username] = { id, fullName: account.fullName };
    await insertUser(db, {
      id,
      username: account.username,
      fullName: account.fullName,
      role: account.role,
      passwordHash: hash,
      mustChangePassword: false,
      now: options.now,
    });
  }
  progress('Staff, credentials, two years of shifts, rooms and equipment', 2, steps);
  // Holidays first: nobody is rostered or booked on them. The range covers the roster's two years and the bookings ahead.
  const closedDays = await seedDemoClosures(db, { newId, now: options.now, from: addDays(options.today, -Math.max(historyDays, 740)), to: addDays(options.today, 100) });
  const staff = await seedDemoStaff(db, { random, newId, today: options.today, now: options.now, count: large ? 40 : 12, accounts, historyDays, closedDays });
  const patientCount = large ? 40_000 : 600;
  const patientIds = await seedDemoPatients(db, {
    random,
    newId,
    today: options.today,
    now: options.now,
    count: patientCount,
    userIds: [accounts.manager!.id, accounts.reception!.id],
    progress: (done, total) => progress(`Patients (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`, 3 + done / total - 0.0001, steps),
  });
  await seedDemoAppointments(db, {
    random,
    newId,
    today: options.today,
    nowTime: options.nowTime,
    now: options.now,
    zone: DEMO_CLINIC.timeZone,
    historyDays,
    aheadDays: large ? 92 : 35,
    closedDays,
    staff,
    patientIds,
    createdBy: 'reception',
    progress: (done, total) => progress(`Appointments (day ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`, 4 + done / total - 0.0001, steps),
  });
  progress('Done', steps, steps);
}
