import Database from 'better-sqlite3';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addDays, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * The small demo clinic on Wednesday 2026-12-02: Dr. Priya Lee's DEA registration
 * expires on 12/05, and her December is booked. From 12/06 she cannot be booked;
 * the patients booked with her then must be called.
 */
const DAY = '2026-12-02';
let demo: KeelServer;

test.beforeAll(async () => {
  demo = await startKeel(['--demo', '--today', DAY]);
});
test.afterAll(async () => stopKeel(demo));

/** What the data says: Dr. Lee's booked and confirmed appointments after her DEA registration lapses, by time. */
function strandedInData(): { expiresOn: string; patients: string[]; firstPhones: string[] } {
  const db = new Database(path.join(demo.dataDir, 'keel.db'), { readonly: true, fileMustExist: true });
  try {
    const lee = db.prepare("select id from staff where full_name = 'Dr. Priya Lee'").pluck().get() as string;
    const expiresOn = db.prepare("select max(expires_on) from credentials where staff_id = ? and kind = 'dea' and archived_at is null").pluck().get(lee) as string;
    const patients = db
      .prepare(
        "select p.last_name || ', ' || p.first_name || case when p.preferred_name not in ('', p.first_name) then ' (' || p.preferred_name || ')' else '' end from appointments a join patients p on p.id = a.patient_id where a.provider_id = ? and a.starts_at >= ? and a.status in ('booked', 'confirmed') order by a.starts_at, p.last_name, a.id",
      )
      .pluck()
      .all(lee, `${addDays(expiresOn, 1)}T00:00`) as string[];
    const firstPhones = db
      .prepare(
        "select p.phone_mobile, p.phone_home, p.phone_work from appointments a join patients p on p.id = a.patient_id where a.provider_id = ? and a.starts_at >= ? and a.status in ('booked', 'confirmed') order by a.starts_at, p.last_name, a.id limit 1",
      )
      .raw()
      .get(lee, `${addDays(expiresOn, 1)}T00:00`) as string[];
    return { expiresOn, patients, firstPhones };
  } finally {
    db.close();
  }
}

async function openAs(page: Page, username: string, password: string): Promise<void> {
  await page.clock.setFixedTime(new Date(`${DAY}T15:00:00Z`));
  await page.goto(demo.url);
  await signIn(page, username, password);
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
}

test('the front desk sees on Today and on Dr. Lee’s page the appointments her lapsing DEA registration strands, and gets the call list', async ({ page }) => {
  const { expiresOn, patients, firstPhones } = strandedInData();
  expect(expiresOn).toBe('2026-12-05');
  expect(patients.length).toBeGreaterThan(40);
  const line = `DEA registration expires 12/05 · ${patients.length} appointments booked after that date`;

  for (const [width, height] of [
    [1366, 768],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await openAs(page, 'reception', 'keel-demo-reception');
    const card = page.getByRole('region', { name: /^Appointments to reschedule/ });
    await expect(card.getByRole('link', { name: 'Dr. Priya Lee' })).toBeVisible();
    await expect(card).toContainText(line);
    await screenshot(page, `c1-today-booking-risks-${width}`);
    await page.getByRole('button', { name: 'Sign out' }).click();
  }

  await openAs(page, 'reception', 'keel-demo-reception');
  const card = page.getByRole('region', { name: /^Appointments to reschedule/ });
  await card.getByRole('button', { name: `Call list: Dr. Priya Lee, ${line}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Reschedule: Dr. Priya Lee' });
  const rows = dialog.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(patients.length + 1);
  await expect(rows.nth(1)).toContainText(patients[0]!);
  await expect(rows.nth(1)).toContainText('Mon, Dec 7');
  await expect(rows.nth(patients.length)).toContainText(patients.at(-1)!);
  await screenshot(page, 'c1-call-list');

  // Copyable: one line a patient, with the phone, ready to paste.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByRole('button', { name: 'Copy list' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`Copied ${patients.length} appointments: paste them into a spreadsheet or a message.`);
  const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
  expect(copied.split('\n')).toHaveLength(patients.length + 2);
  const [when, who, phone] = copied.split('\n')[2]!.split('\t');
  expect(when).toMatch(/^12\/07\/2026 \d{1,2}:\d{2} [AP]M$/);
  expect(who).toBe(patients[0]);
  // The best number first (mobile, home, work), the others labelled.
  const labelled = (['mobile', 'home', 'work'] as const).map((label, k) => [label, firstPhones[k]!] as const).filter(([, n]) => n.trim() !== '');
  expect(phone).toBe(labelled.length === 0 ? 'No phone on file' : [labelled[0]![1], ...labelled.slice(1).map(([label, n]) => `${label} ${n}`)].join(', '));

  // Printable: the list alone goes to the printer (the page's print is caught to read what it would print).
  await page.evaluate(`window.print = () => {
    const printing = document.querySelector('[data-printing]');
    window.printed = document.documentElement.dataset.printCallList !== undefined && printing ? printing.textContent : '';
  }`);
  await dialog.getByRole('button', { name: 'Print list' }).click();
  expect(await page.evaluate('window.printed')).toContain(patients.at(-1)!);
  await page.keyboard.press('Escape');

  // Dr. Lee's own page: the contact card for the front desk (no credentials, no error), and the same warning.
  await card.getByRole('link', { name: 'Dr. Priya Lee' }).click();
  await expect(page.getByRole('heading', { name: 'Dr. Priya Lee' })).toBeVisible();
  await expect(page.getByText('Phone', { exact: true })).toBeVisible();
  const risks = page.getByRole('region', { name: 'Appointments to reschedule' });
  await expect(risks).toContainText(line);
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Credentials and training' })).toHaveCount(0);
  await screenshot(page, 'c1-person-receptionist');
});

test('the manager’s expiring credentials put the one that blocks booking first, marked so', async ({ page }) => {
  await openAs(page, 'manager', 'keel-demo-manager');
  const card = page.getByRole('region', { name: /^Credentials expiring within 30 days/ });
  const first = card.getByRole('listitem').first();
  await expect(first).toContainText('Dr. Priya Lee');
  await expect(first).toContainText('DEA registration');
  await expect(first).toContainText('Blocks booking');
  await expect(card.getByRole('listitem').filter({ hasText: 'Riley Chen' })).not.toContainText('Blocks booking');
});

test('the manager reads the directory by surname and Dr. Lee’s credentials in force first, earlier renewals folded; Renew keeps the number and issuer', async ({ page }) => {
  await openAs(page, 'manager', 'keel-demo-manager');
  await page.goto(`${demo.url}#/staff/directory`);
  const directory = page.getByRole('table', { name: /^Staff directory/ });
  await expect(directory.getByRole('link', { name: 'Dr. Priya Lee' })).toBeVisible();
  const names = await directory.getByRole('row').locator('td:first-child a').allTextContents();
  const surname = (name: string) => name.split(' ').at(-1)!;
  expect(names.length).toBeGreaterThan(5);
  expect(names).toEqual([...names].sort((a, b) => surname(a).localeCompare(surname(b), 'en', { sensitivity: 'base' }) || a.localeCompare(b)));
  expect(names.indexOf('Dr. Priya Lee')).toBeGreaterThan(names.indexOf('Leila Haddad'));

  await page.getByRole('link', { name: 'Dr. Priya Lee' }).click();
  const inForce = page.getByRole('table', { name: 'Credentials and training in force' });
  // One row a required kind for a physician: license, DEA, board, CPR, OSHA, HIPAA.
  await expect(inForce.getByRole('row')).toHaveCount(7);
  await expect(inForce).not.toContainText('Replaced');
  const folded = page.locator('details.credentials-replaced');
  await expect(folded.locator('summary')).toContainText(/\d+ replaced credentials/);
  await expect(page.getByRole('table', { name: 'Replaced credentials' })).toBeHidden();
  await folded.locator('summary').click();
  await expect(page.getByRole('table', { name: 'Replaced credentials' })).toBeVisible();
  await screenshot(page, 'c15-credentials-folded');

  const deaRow = inForce.getByRole('row').filter({ hasText: 'DEA registration' });
  const number = (await deaRow.locator('.credential-number').textContent())!.trim();
  expect(number).toMatch(/^B[LPR]\d{7}$/);
  await deaRow.getByRole('button', { name: 'Renew DEA registration' }).click();
  const dialog = page.getByRole('dialog', { name: 'Renew DEA registration' });
  await expect(dialog.getByLabel('Number')).toHaveValue(number);
  await expect(dialog.getByLabel('Issued by')).toHaveValue('DEA');
  await expect(dialog.getByLabel('Expires on')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
