import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { BackupEntry, BackupStatus } from '../../shared/contract/backups';
import type { PatientMatch } from '../../shared/contract/patients';
import { PATIENT_EXAMPLE_BLANK } from '../../shared/domain/patient-import';
import { apiValue, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

const LAST_NAME = 'Backupsdottir';
const DETAILS = { ...PATIENT_EXAMPLE_BLANK, firstName: 'Ingrid', lastName: LAST_NAME, dob: '1984-05-17', sex: 'F' as const, phones: { mobile: '555-010-2030', home: '', work: '' }, preferredContact: 'mobile' as const };

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

async function signInAsManager(page: Page): Promise<void> {
  await page.goto(demo.url);
  await signIn(page, 'manager', 'keel-demo-manager');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
}

/** Keel takes the daily backup when it starts after the set time: let one under way finish first. */
async function settledStatus(page: Page): Promise<BackupStatus> {
  await expect.poll(async () => (await apiValue<BackupStatus>(page, 'backups.status', {})).running, { timeout: 60_000 }).toBeNull();
  return apiValue<BackupStatus>(page, 'backups.status', {});
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function patientsNamed(page: Page): Promise<PatientMatch[]> {
  return apiValue<PatientMatch[]>(page, 'patients.search', { query: LAST_NAME });
}

test('the manager backs up from Settings and Today, then restores an earlier backup and the later change is gone', async ({ page }) => {
  test.setTimeout(240_000);
  await signInAsManager(page);
  const initial = await settledStatus(page);
  // Keel started before the daily time on a fresh clinic unless a daily backup was taken at startup.
  const fresh = initial.lastVerified === null;

  // Today: the manager's backup card says in words that nothing is backed up yet.
  const card = page.getByRole('region', { name: /^Backups/ });
  await expect(card).toBeVisible();
  if (fresh) {
    await expect(card.getByRole('alert')).toContainText('No backup has been taken yet');
    await expect(card).toContainText('Needs attention');
  } else {
    await expect(card).toContainText('Up to date');
  }
  await screenshot(page, 'backups-today-first');

  // Settings → Backups from the card.
  await card.getByRole('link', { name: 'Backup settings and restore' }).click();
  await expect(page).toHaveURL(/#\/settings\/backups$/);
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Backups' })).toHaveAttribute('aria-current', 'page');
  const status = page.getByRole('region', { name: 'Backup status' });
  const kept = page.getByRole('region', { name: 'Backups kept' });
  if (fresh) {
    await expect(status.getByRole('alert')).toContainText('No backup has been taken yet');
    await expect(kept.getByRole('heading', { name: 'No backups yet' })).toBeVisible();
    await screenshot(page, 'backups-empty');
  }

  // Back up now: a labelled progress bar while it runs, and the app stays usable.
  await status.getByRole('button', { name: 'Back up now' }).click();
  const bar = status.getByRole('progressbar');
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAccessibleName(/^(Copying the database|Verifying the backup|Copying attachments)…/);
  await screenshot(page, 'backups-progress');
  await expect(status.getByText('Backup finished', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(status.getByRole('progressbar')).toHaveCount(0);
  await expect(status).toContainText(/Last verified backup: today at \d{1,2}:\d{2} [AP]M/);
  await expect(status.getByRole('alert')).toHaveCount(0);

  // The new backup is in the list: verified, with its size, version and what it holds.
  const listed = await apiValue<BackupEntry[]>(page, 'backups.list', {});
  const newest = listed[0]!;
  expect(newest.verified).toBe(true);
  const firstRow = kept.getByRole('row').nth(1);
  await expect(firstRow).toContainText(/Today at \d{1,2}:\d{2} [AP]M/);
  await expect(firstRow).toContainText('Backed up by hand');
  await expect(firstRow.getByText('Verified', { exact: true })).toBeVisible();
  await expect(firstRow).toContainText(`${newest.records.patients!.toLocaleString('en-US')} patients · ${newest.records.appointments!.toLocaleString('en-US')} appointments`);
  await expect(firstRow).toContainText(/\d+(\.\d)? MB/);
  await expect(firstRow).toContainText(newest.keelVersion!);
  await expect(firstRow.getByRole('button', { name: /^Restore the backup from today at/ })).toBeVisible();
  await screenshot(page, 'backups-list');
  // The list fits without sideways scrolling, Restore button included, on a 1280 and a 1024 wide screen.
  const initialSize = page.viewportSize()!;
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    const fits = await kept.locator('.table-wrap').evaluate((wrap) => wrap.scrollWidth <= wrap.clientWidth);
    expect(fits, `the backups list fits ${width} px`).toBe(true);
  }
  await screenshot(page, 'backups-list-narrow');
  await page.setViewportSize(initialSize);

  // Today's card is good now; a second backup from the card itself.
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  await expect(card).toContainText('Up to date');
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(card).toContainText(/Today at \d{1,2}:\d{2} [AP]M/);
  await card.getByRole('button', { name: 'Back up now' }).click();
  await expect(card.getByText('Backup finished and verified.')).toBeVisible({ timeout: 60_000 });
  await expect(card).toContainText('Up to date');
  await screenshot(page, 'backups-today-good');

  // A change after the backups: a new patient.
  const before = await apiValue<BackupEntry[]>(page, 'backups.list', {});
  const olderIndex = before.findLastIndex((b) => b.verified && b.reason !== 'safety');
  const older = before[olderIndex]!;
  await apiValue(page, 'patients.create', { details: DETAILS, confirmDuplicate: true });
  expect(await patientsNamed(page)).toHaveLength(1);

  // Restore the oldest backup kept, through the dialog.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Backups' }).click();
  await kept
    .getByRole('row')
    .nth(olderIndex + 1)
    .getByRole('button', { name: /^Restore the backup from/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/Taken\s*Today at \d{1,2}:\d{2} [AP]M/);
  await expect(dialog).toContainText(new RegExp(`Keel version\\s*${escape(older.keelVersion!)}`));
  await expect(dialog).toContainText(new RegExp(`Patients\\s*${escape(older.records.patients!.toLocaleString('en-US'))}`));
  await expect(dialog).toContainText(new RegExp(`Appointments\\s*${escape(older.records.appointments!.toLocaleString('en-US'))}`));
  await expect(dialog).toContainText('Keel saves the current data as a safety copy');
  await expect(dialog).toContainText('will have to sign in again');
  const go = dialog.getByRole('button', { name: 'Restore this backup' });
  const confirm = dialog.getByLabel('Type RESTORE to confirm');
  await expect(go).toBeDisabled();
  await confirm.fill('RESTOR');
  await expect(go).toBeDisabled();
  await confirm.fill('RESTORE');
  await expect(go).toBeEnabled();
  await screenshot(page, 'backups-restore-dialog');
  await go.click();

  // Keel reopens on the restored data: everyone signs in again.
  await expect(page.getByLabel('Username')).toBeVisible({ timeout: 90_000 });
  await signIn(page, 'manager', 'keel-demo-manager');
  await expect(page).toHaveURL(/#\/settings\/backups$/);
  await expect(page.getByText('Keel was restored', { exact: true })).toBeVisible();
  const safetyRow = kept.getByRole('row').filter({ hasText: 'Safety copy' });
  await expect(safetyRow).toHaveCount(1);
  await expect(safetyRow.getByText('Verified', { exact: true })).toBeVisible();
  await screenshot(page, 'backups-restored');

  // The patient registered after the backup is gone; the safety copy holds the data as it was.
  expect(await patientsNamed(page)).toHaveLength(0);
  const after = await apiValue<BackupEntry[]>(page, 'backups.list', {});
  const safety = after.filter((b) => b.reason === 'safety');
  expect(safety).toHaveLength(1);
  expect(safety[0]!.verified).toBe(true);
  expect(safety[0]!.records.patients).toBe(older.records.patients! + 1);
  expect(after.some((b) => b.name === older.name)).toBe(true);
});

test('a second folder that is not there is refused and never created; a drive unplugged later makes the copy fail, red on Today and in Settings', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsManager(page);
  await settledStatus(page);
  await page.goto(`${demo.url}#/settings/backups`);
  const status = page.getByRole('region', { name: 'Backup status' });
  const form = page.getByRole('form', { name: 'Backup settings' });
  const folder = form.getByLabel('Second backup folder (optional)');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-e2e-usb-'));
  const usb = path.join(root, 'KEEL-USB');

  // The path of a USB drive that is not plugged in: refused where the person is looking, and never made on this disk.
  await folder.fill(usb);
  await form.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(form.getByText(`There is no folder ${usb}. If it is on a USB drive, connect the drive and try again`)).toBeVisible();
  await expect(folder).toBeFocused();
  await expect(folder).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('The backup settings were not saved.')).toBeVisible();
  await expect(form.getByText('Backup settings saved.')).toHaveCount(0);
  expect(fs.existsSync(usb)).toBe(false);
  await expect(status).toContainText('None: set a USB drive');
  await screenshot(page, 'backups-second-folder-refused');

  // Plugged in: accepted, and a backup goes to both folders.
  fs.mkdirSync(usb);
  await form.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(form.getByText('Backup settings saved.')).toBeVisible();
  await status.getByRole('button', { name: 'Back up now' }).click();
  await expect(status.getByText('Backup finished')).toBeVisible({ timeout: 60_000 });
  await settledStatus(page);
  expect(fs.readdirSync(usb).some((f) => f.endsWith('.db'))).toBe(true);

  // Unplugged: the next backup's copy fails and the path is not recreated.
  fs.rmSync(usb, { recursive: true });
  await page.reload();
  await status.getByRole('button', { name: 'Back up now' }).click();
  const failed = status.getByRole('alert').filter({ hasText: 'USB copy failed — drive not connected' });
  await expect(failed).toBeVisible({ timeout: 60_000 });
  await expect(failed).toContainText(`${usb} is not there`);
  await expect(failed).toContainText('The backup on this computer is good');
  await expect(failed.getByText('USB copy failed — drive not connected')).toHaveCSS('color', BAD_RED);
  // Said once.
  await expect(status.getByText('USB copy failed — drive not connected')).toHaveCount(1);
  await expect(status.getByText('The second backup folder cannot be reached')).toHaveCount(0);
  expect(fs.existsSync(usb)).toBe(false);
  await screenshot(page, 'backups-usb-copy-failed');

  // Today says it in red, in words.
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  const card = page.getByRole('region', { name: /^Backups/ });
  const alert = card.getByRole('alert');
  await expect(alert).toContainText('USB copy failed — drive not connected');
  await expect(alert).toContainText('is the USB drive connected?');
  await expect(card).toContainText('Needs attention');
  await expect(alert.getByText('USB copy failed — drive not connected')).toHaveCSS('color', BAD_RED);
  await expect(card.getByText('USB copy failed — drive not connected')).toHaveCount(1);
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'backups-today-usb-copy-failed');
  expect(fs.existsSync(usb)).toBe(false);

  // Clearing the second folder: no second copy is asked for.
  await card.getByRole('link', { name: 'Backup settings and restore' }).click();
  await folder.fill('');
  await form.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(form.getByText('Backup settings saved.')).toBeVisible();
  await expect(status).toContainText('None: set a USB drive');
  fs.rmSync(root, { recursive: true, force: true });
});

/** `--bad` of renderer/styles.css (#b3261e), as the browser computes it. */
const BAD_RED = 'rgb(179, 38, 30)';

/** Restores a backup spoiled after its check and waits for Keel to refuse it, on the page as the manager sees it. */
async function restoreDamaged(page: Page, lastName: string): Promise<{ refused: Locator; safetyCopies: number }> {
  await signInAsManager(page);
  await settledStatus(page);
  await apiValue(page, 'backups.run', {});
  await settledStatus(page);
  const listed = await apiValue<BackupEntry[]>(page, 'backups.list', {});
  const newest = listed[0]!;
  expect(newest.verified).toBe(true);
  const safetyCopies = listed.filter((b) => b.reason === 'safety').length;
  // A patient registered after the backup: still there if nothing is restored.
  await apiValue(page, 'patients.create', { details: { ...DETAILS, lastName }, confirmDuplicate: true });
  // Someone or something spoils the file after it was verified.
  const file = path.join(newest.folder, newest.name);
  const handle = fs.openSync(file, 'r+');
  fs.writeSync(handle, Buffer.alloc(16));
  fs.closeSync(handle);

  await page.goto(`${demo.url}#/settings/backups`);
  const kept = page.getByRole('region', { name: 'Backups kept' });
  await kept.getByRole('row').nth(1).getByRole('button', { name: /^Restore the backup from/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await dialog.getByLabel('Type RESTORE to confirm').fill('restore');
  await dialog.getByRole('button', { name: 'Restore this backup' }).click();

  // Keel checks the file first and says why it refuses. (The main process may sign everyone out meanwhile.)
  const refused = page.getByRole('alert').filter({ hasText: 'The backup was not restored' });
  await expect(page.getByLabel('Username').or(refused)).toBeVisible({ timeout: 60_000 });
  if (await page.getByLabel('Username').isVisible()) await signIn(page, 'manager', 'keel-demo-manager');
  await expect(refused).toBeVisible();
  return { refused, safetyCopies };
}

test('a backup damaged on disk is refused at restore, and nothing changes', async ({ page }) => {
  test.setTimeout(120_000);
  const { refused, safetyCopies } = await restoreDamaged(page, 'Refusedsen');
  await expect(refused).toContainText('not an SQLite database');
  await expect(refused).toContainText('Nothing was changed');
  await screenshot(page, 'backups-restore-refused');
  const after = await apiValue<BackupEntry[]>(page, 'backups.list', {});
  expect(after.filter((b) => b.reason === 'safety')).toHaveLength(safetyCopies);
  expect(await apiValue<PatientMatch[]>(page, 'patients.search', { query: 'Refusedsen' })).toHaveLength(1);
  expect((await apiValue<BackupStatus>(page, 'backups.status', {})).running).toBeNull();
});

test('a restore refused before the screen hears of it still says why (the reason is kept in the status)', async ({ page }) => {
  test.setTimeout(120_000);
  // No event reaches the page: as when the refusal comes in the first milliseconds, before the screen listens.
  await page.route('**/api/events', (route) => route.abort());
  const { refused } = await restoreDamaged(page, 'Unheardsen');
  await expect(refused).toContainText('not an SQLite database');
  await expect(refused).toContainText('Nothing was changed');
  await expect(refused).not.toContainText('The restore did not go ahead');
  expect(await apiValue<PatientMatch[]>(page, 'patients.search', { query: 'Unheardsen' })).toHaveLength(1);
});
