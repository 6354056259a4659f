import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { spawnServe, stopServe } from '../support/serve';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screens');

export interface KeelServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts `keel serve` on a fresh data folder (or the one given) and a free port, as a person would from a terminal. */
export async function startKeel(extraArgs: string[] = [], dataDir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-e2e-'))): Promise<KeelServer> {
  const served = await spawnServe(['--data', dataDir, '--port', '0', ...extraArgs]);
  return { url: served.url, dataDir, process: served.process };
}

export async function stopKeel(server: KeelServer): Promise<void> {
  await stopServe(server.process);
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ keel: KeelServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument
  keel: async ({}, use) => {
    const server = await startKeel();
    await use(server);
    await stopKeel(server);
  },
});

export { expect };

/** Saves a full-page screenshot of the current screen under test-results/screens. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Calls the API from inside the page, with the page's own session cookie. */
export interface ApiReply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

export async function callApi(page: Page, channel: string, input: unknown): Promise<ApiReply> {
  return page.evaluate<ApiReply, readonly [string, unknown]>(
    async ([ch, body]) => {
      const response = await fetch(`/api/${ch}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Keel-Request': '1' }, body: JSON.stringify(body) });
      return (await response.json()) as ApiReply;
    },
    [channel, input] as const,
  );
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export const E2E_MANAGER = { name: 'Dana Whitfield', username: 'dana', password: 'harbour-lights-42' };

/** First launch through the setup screen, in the America/New_York zone; leaves the manager signed in on Today. */
export async function setUpClinic(page: Page, url: string, clinicName = 'Harbour View Clinic'): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Clinic name').fill(clinicName);
  await page.getByLabel('Time zone').selectOption('America/New_York');
  await page.getByLabel('Your full name').fill(E2E_MANAGER.name);
  await page.getByLabel('Username').fill(E2E_MANAGER.username);
  await page.getByLabel('Password', { exact: true }).fill(E2E_MANAGER.password);
  await page.getByLabel('Password again').fill(E2E_MANAGER.password);
  await page.getByRole('button', { name: 'Create clinic and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
}

/** The value of an API call made from the page, failing the test on an error. */
export async function apiValue<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const reply = await callApi(page, channel, input);
  if (!reply.ok) throw new Error(`${channel} failed: ${reply.error?.code} ${reply.error?.message}`);
  return reply.value as T;
}

/** A `YYYY-MM-DD` date moved by whole days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** 1 for Monday … 7 for Sunday. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/**
 * Today's date in New York (the zone the tests' clinics use), and the Monday of its
 * week. `keel serve` and Chromium read the same machine clock, so the screens agree
 * with it; which weekday it is must never decide whether a test passes — pick days
 * from the data (see dayWithSeveralProviders) instead of assuming a roster.
 */
export function clinicDates(): { today: string; monday: string; addDays: (date: string, n: number) => string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return { today, monday: addDays(today, 1 - isoWeekday(today)), addDays };
}

/** The clinic's today as Keel itself sees it (Today's board), for tests signed in with a schedule role. */
export async function clinicToday(page: Page): Promise<string> {
  return (await apiValue<{ date: string }>(page, 'appointments.today', {})).date;
}

interface DayAppointment {
  providerId: string;
  start: string;
  status: string;
}

/**
 * The first day after today on which at least two providers see patients, the first
 * of them in the calendar's order with two or more, asked of the data itself: which
 * weekdays are busy is the demo roster's business (the small demo has one provider
 * on Tuesdays and Thursdays), and the demo is built around the day it is created.
 */
export async function dayWithSeveralProviders(page: Page, options: { minReminderCalls?: number } = {}): Promise<string> {
  const today = await clinicToday(page);
  const last = addDays(today, 28);
  const frame = await apiValue<{ providers: Array<{ id: string }> }>(page, 'schedule.frame', { from: addDays(today, 1), to: last });
  const booked = (await apiValue<DayAppointment[]>(page, 'appointments.list', { from: addDays(today, 1), to: last })).filter((a) => a.status !== 'cancelled');
  for (let day = addDays(today, 1); day <= last; day = addDays(day, 1)) {
    const perProvider = new Map<string, number>();
    for (const a of booked) if (a.start.startsWith(day)) perProvider.set(a.providerId, (perProvider.get(a.providerId) ?? 0) + 1);
    const first = frame.providers.find((p) => perProvider.has(p.id));
    if (perProvider.size < 2 || !first || perProvider.get(first.id)! < 2) continue;
    if (options.minReminderCalls !== undefined) {
      const calls = await apiValue<Array<{ phone: string }>>(page, 'appointments.reminders', { date: day });
      if (calls.filter((c) => c.phone !== '').length < options.minReminderCalls) continue;
    }
    return day;
  }
  throw new Error(`No day from ${addDays(today, 1)} to ${last} has two providers seeing patients: has the demo's roster changed?`);
}
