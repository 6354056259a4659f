import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openKeelApp, type AppOptions, type KeelApp } from '../../electron/core/app';
import { createRouter, type CallOutcome, type Router } from '../../electron/core/router';
import { CLINIC_EXAMPLE } from '../../shared/contract/clinic-fields';
import type { AppointmentType } from '../../shared/contract/appointment-types';
import type { ApiError } from '../../shared/contract/index';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { DEFAULT_REQUIREMENTS } from '../../shared/domain/staff';

/** A fresh folder under the system temp dir, removed by `cleanup`. */
export function tempDir(prefix = 'keel-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A clock tests move by hand. */
export class TestClock {
  #ms: number;
  constructor(iso = '2026-03-02T14:00:00.000Z') {
    this.#ms = Date.parse(iso);
  }
  now = (): Date => new Date(this.#ms);
  advanceMinutes(minutes: number): void {
    this.#ms += minutes * 60_000;
  }
}

export interface TestKeel {
  app: KeelApp;
  router: Router;
  clock: TestClock;
  dir: string;
  /** Every wait the sign-in slowdown asked for, in ms. */
  sleeps: number[];
  call(channel: string, input: unknown, token?: string | null): Promise<CallOutcome>;
  close(): Promise<void>;
}

export const MANAGER = { fullName: 'Dana Whitfield', username: 'dana', password: 'harbour-lights-42' };

/** A real data folder and the real router, with a cheap scrypt cost and an injected clock. */
export async function openTestKeel(options: AppOptions & { dir?: string } = {}): Promise<TestKeel> {
  const dir = options.dir ?? tempDir();
  const clock = new TestClock();
  const sleeps: number[] = [];
  const app = await openKeelApp(dir, {
    now: clock.now,
    scrypt: { log2N: 10, r: 8, p: 1 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    logError: () => {},
    ...options,
  });
  const router = createRouter(app);
  return {
    app,
    router,
    clock,
    dir,
    sleeps,
    call: (channel, input, token = null) => router.call({ channel, input, token }),
    async close() {
      await app.close();
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The value of a successful call; fails the test with the error otherwise. */
export function valueOf<T = unknown>(outcome: CallOutcome): T {
  if (!outcome.result.ok) throw new Error(`expected ok, got ${outcome.result.error.code}: ${outcome.result.error.message}`);
  return outcome.result.value as T;
}

export function errorOf(outcome: CallOutcome): ApiError {
  if (outcome.result.ok) throw new Error(`expected an error, got ok: ${JSON.stringify(outcome.result.value)}`);
  return outcome.result.error;
}

export function tokenOf(outcome: CallOutcome): string {
  if (!outcome.session || !('start' in outcome.session)) throw new Error('the call started no session');
  return outcome.session.start;
}

/** Creates the clinic and its manager; returns the manager's session token. */
export async function setUpClinic(keel: TestKeel): Promise<string> {
  const outcome = await keel.call('setup.createClinic', { clinic: CLINIC_EXAMPLE, manager: MANAGER });
  valueOf(outcome);
  return tokenOf(outcome);
}

export async function signIn(keel: TestKeel, username: string, password: string): Promise<string> {
  return tokenOf(await keel.call('auth.login', { username, password }));
}

/**
 * Adds an account as the manager and has it choose its own password, so the
 * returned session can use everything its role allows.
 */
export async function addUser(keel: TestKeel, managerToken: string, user: { username: string; role: string; fullName?: string }, password = `${user.username}-own-password`): Promise<{ id: string; token: string }> {
  const temporary = `${user.username}-temporary-1`;
  const created = valueOf<{ id: string }>(await keel.call('users.create', { username: user.username, fullName: user.fullName ?? `Test ${user.role}`, role: user.role, password: temporary }, managerToken));
  const token = await signIn(keel, user.username, temporary);
  valueOf(await keel.call('auth.changePassword', { currentPassword: temporary, newPassword: password }, token));
  return { id: created.id, token };
}

/** Every row of every table (audit included), for "nothing changed" checks. */
export function snapshot(keel: TestKeel, options: { skipAudit?: boolean; skip?: readonly string[] } = {}): Record<string, unknown[]> {
  const tables = keel.app.database.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    if ((options.skipAudit && table === 'audit_log') || options.skip?.includes(table)) continue;
    out[table] = keel.app.database.sqlite.prepare(`select * from "${table}" order by rowid`).all();
  }
  return out;
}

export function auditRows(keel: TestKeel): Array<{ action: string; outcome: string; username: string | null; user_id: string | null; target_id: string | null; patient_id: string | null; detail: string | null; kind: string }> {
  return keel.app.database.sqlite.prepare('select * from audit_log order by seq').all() as never;
}

export const STAFF_DEFAULTS = {
  jobTitle: '',
  phone: '',
  email: '',
  employmentType: 'full_time',
  startDate: '2024-01-15',
  contractedHours: 40,
  payType: 'hourly',
  payRateCents: 2500,
  colour: '#2b6cb0',
  userId: null,
  bookable: false,
};

/** Adds a person to the staff directory as the manager; returns their id. */
export async function addStaff(keel: TestKeel, managerToken: string, fields: { fullName: string; staffRole: string } & Record<string, unknown>): Promise<string> {
  const created = valueOf<{ id: string }>(await keel.call('staff.create', { ...STAFF_DEFAULTS, ...fields }, managerToken));
  return created.id;
}

/** Saves a shift; returns its id and warnings. */
export async function addShift(keel: TestKeel, token: string, staffId: string, start: string, end: string, breakMinutes = 0): Promise<{ id: string; warnings: Array<{ kind: string; message: string }> }> {
  const saved = valueOf<{ shift: { id: string }; warnings: Array<{ kind: string; message: string }> }>(await keel.call('roster.saveShift', { staffId, start, end, breakMinutes, note: '' }, token));
  return { id: saved.shift.id, warnings: saved.warnings };
}

/** The small bookable clinic the schedule tests start from. */
export interface ScheduleClinic {
  manager: string;
  reception: { id: string; token: string };
  /** A bookable physician with no credentials required. */
  lee: string;
  ann: string;
  bo: string;
  /** A 30-minute visit any physician may see, no room needed. */
  visit: AppointmentType;
}

/** A clinic set up, a receptionist, Dr Lee bookable, patients Ann Smith and Bo Lind, and a Visit type. */
export async function setUpScheduleClinic(keel: TestKeel, options: { receptionName?: string } = {}): Promise<ScheduleClinic> {
  const manager = await setUpClinic(keel);
  valueOf(await keel.call('staffSettings.update', { requirements: { ...DEFAULT_REQUIREMENTS, physician: [] }, evaluationIntervalMonths: 12, evaluationCriteria: ['Teamwork'] }, manager));
  const reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist', ...(options.receptionName ? { fullName: options.receptionName } : {}) });
  const lee = await addStaff(keel, manager, { fullName: 'Dr Lee', staffRole: 'physician', bookable: true });
  const create = async (firstName: string, lastName: string) => valueOf<{ id: string }>(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName, lastName }, confirmDuplicate: true }, manager)).id;
  const ann = await create('Ann', 'Smith');
  const bo = await create('Bo', 'Lind');
  const visit = valueOf<AppointmentType>(await keel.call('appointmentTypes.save', { name: 'Visit', durationMinutes: 30, colour: '#2b6cb0', roomKind: null, providerRoles: ['physician'], active: true }, manager));
  return { manager, reception, lee, ann, bo, visit };
}
