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

/** Today's date in New York, and the Monday of its week, as YYYY-MM-DD. */
export function clinicDates(): { today: string; monday: string; addDays: (date: string, n: number) => string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return { today, monday: addDays(today, weekday === 0 ? -6 : 1 - weekday), addDays };
}
