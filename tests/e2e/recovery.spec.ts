import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runKeel } from '../support/serve';
import { expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

let server: KeelServer;
let damaged: Buffer;

function keel(...args: string[]): void {
  const result = runKeel(...args);
  if (result.code !== 0) throw new Error(`keel ${args.join(' ')} failed:\n${result.err}`);
}

/** The demo clinic, backed up, then its audit trail's root page scribbled over: a database SQLite's quick check refuses. */
test.beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-e2e-recovery-'));
  keel('demo', '--data', dir, '--today', '2026-03-02');
  keel('backup', '--data', dir);
  const live = path.join(dir, 'keel.db');
  const db = new Database(live);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const root = db.prepare("select rootpage from sqlite_master where name = 'audit_log'").pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = fs.readFileSync(live);
  for (let i = (root - 1) * pageSize + 1; i < root * pageSize; i++) bytes[i] = 0xee;
  fs.writeFileSync(live, bytes);
  damaged = bytes;
  server = await startKeel([], dir);
});
test.afterAll(async () => {
  await stopKeel(server);
});

test('a damaged database opens the recovery screen: a manager looks read-only, then restores the newest verified backup', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Keel’s database is damaged' })).toBeVisible();
  await expect(page.getByText('Keel did not create a new, empty database in its place.')).toBeVisible();
  const backup = page.getByRole('region', { name: 'Newest verified backup' });
  await expect(backup.getByText(/^keel-.*\.db$/)).toBeVisible();
  await expect(backup.getByText('Patients')).toBeVisible();
  await screenshot(page, 'recovery-start');

  // A receptionist cannot get in; the manager can.
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByText(/Only the office manager can restore or look/)).toBeVisible();
  await signIn(page, 'manager', 'keel-demo-manager');
  await expect(page.getByRole('heading', { name: 'What to do' })).toBeFocused();

  // The list of tables: the damaged one is named, the others can be opened.
  const look = page.getByRole('region', { name: 'Look at the damaged data (read-only)' });
  await expect(look.getByRole('status')).toHaveText(/tables; 1 cannot be read/);
  await expect(look.getByRole('row', { name: /audit_log/ })).toContainText('Cannot be read');
  await screenshot(page, 'recovery-look');
  await look.getByRole('button', { name: 'patients', exact: true }).click();
  await expect(look.getByRole('status')).toHaveText('Rows 1–50');
  await expect(look.getByRole('columnheader', { name: 'last_name' })).toBeVisible();
  await look.getByRole('button', { name: 'Next' }).click();
  await expect(look.getByRole('status')).toHaveText('Rows 51–100');
  await screenshot(page, 'recovery-rows');
  await look.getByRole('button', { name: 'All tables' }).click();
  // Back on the list, the keyboard is on the table just left.
  await expect(look.getByRole('button', { name: 'patients', exact: true })).toBeFocused();
  await look.getByRole('button', { name: 'users', exact: true }).click();
  await expect(look.getByRole('heading', { name: 'users' })).toBeFocused();
  await expect(look.getByRole('columnheader', { name: 'username' })).toBeVisible();
  await expect(look.getByRole('columnheader', { name: /password/ })).toHaveCount(0);
  // Looking changed nothing in the damaged file.
  expect(fs.readFileSync(path.join(server.dataDir, 'keel.db')).equals(damaged)).toBe(true);

  // Restore: typed confirmation, then Keel opens normally on the backup.
  await page.getByRole('button', { name: 'Restore this backup…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore the newest verified backup?' });
  await expect(dialog.getByRole('button', { name: 'Restore this backup' })).toBeDisabled();
  await dialog.getByLabel('Type RESTORE to confirm').fill('restore');
  await screenshot(page, 'recovery-confirm');
  await dialog.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/was restored\. The damaged database is kept as keel-(damaged|safety)-/)).toBeVisible();
  await screenshot(page, 'recovery-restored');
  await signIn(page, 'manager', 'keel-demo-manager');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const kept = fs.readdirSync(path.join(server.dataDir, 'backups')).filter((f) => /^keel-(damaged|safety)-.*\.db$/.test(f));
  expect(kept.length).toBe(1);
});
