import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screens');

export interface KeelServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts `keel serve` on a fresh data folder and a free port, as a person would from a terminal. */
export async function startKeel(extraArgs: string[] = []): Promise<KeelServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-e2e-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'keel.js'), 'serve', '--data', dataDir, '--port', '0', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`keel serve did not start in time:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`keel serve exited with ${code}:\n${output}`));
    });
  });
  return { url, dataDir, process: child };
}

export async function stopKeel(server: KeelServer): Promise<void> {
  if (server.process.exitCode === null) {
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    await exited;
  }
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
