import fs from 'node:fs';
import path from 'node:path';
import { dayWithSeveralProviders, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

test('reception prints the day sheet, works the reminder list and downloads a calendar file; the manager reads the reports', async ({ page }) => {
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  // A coming day with several providers and calls to make, as the data says (not "the next weekday").
  const day = await dayWithSeveralProviders(page, { minReminderCalls: 3 });
  await page.getByRole('link', { name: 'Schedule', exact: true }).click();
  // Reports are the manager's: reception has no such tab.
  await expect(page.getByRole('navigation', { name: 'Schedule' }).getByRole('link', { name: 'Reports' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Day sheet and lists' }).click();

  // The day sheet for that day, whole clinic, grouped by provider.
  await page.getByLabel('Date', { exact: true }).fill(day);
  await page.getByLabel('Date', { exact: true }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/schedule/lists/${day}$`));
  const sheet = page.getByRole('region', { name: 'Day sheet', exact: true });
  await expect(sheet.getByRole('heading', { level: 2 })).toContainText('Day sheet for');
  await expect(sheet.getByRole('table').first()).toBeVisible();
  const providerSections = sheet.getByRole('region');
  const providers = await providerSections.count();
  expect(providers).toBeGreaterThan(1);
  const firstTable = sheet.getByRole('table').first();
  expect(await firstTable.getByRole('row').count()).toBeGreaterThan(2);
  await expect(firstTable.getByRole('columnheader')).toHaveText(['Time', 'Patient', 'Date of birth', 'Phone', 'Type', 'Room', 'Reason', 'Status']);
  await screenshot(page, 'schedule-day-sheet');

  // One provider only.
  const firstProvider = (await providerSections.first().getByRole('heading', { level: 3 }).innerText()).trim();
  await page.getByLabel('Provider', { exact: true }).first().selectOption({ label: firstProvider });
  await expect(sheet.getByRole('region')).toHaveCount(1);
  await expect(sheet.getByRole('region').getByRole('heading', { level: 3 })).toContainText(firstProvider);
  await page.getByLabel('Provider', { exact: true }).first().selectOption({ label: 'Whole clinic' });
  await expect(sheet.getByRole('region')).toHaveCount(providers);

  // On paper: only the sheet, with the clinic, the date and the time it was printed.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Schedule' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print day sheet' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Reminder calls' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Calendar file' })).toBeHidden();
  await expect(sheet).toBeVisible();
  await expect(sheet.getByText('Maple Street Family Practice').first()).toBeVisible();
  await expect(sheet.getByText(/^Printed /).first()).toBeVisible();
  await expect(providerSections.first().getByRole('heading', { level: 3 })).toContainText('Day sheet');
  await screenshot(page, 'schedule-day-sheet-print');
  const pdfPath = path.join('test-results', 'day-sheet.pdf');
  await page.pdf({ path: pdfPath, format: 'Letter', printBackground: true });
  const pdf = fs.readFileSync(pdfPath);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(5_000);
  // A page per provider at least.
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(providers);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();

  // The reminder call list for the same day: phone numbers to dial, ticked off in the page.
  const reminders = page.getByRole('region', { name: 'Reminder calls' });
  await reminders.getByRole('textbox', { name: 'Calls for' }).fill(day);
  const phones = reminders.getByRole('link', { name: /\d{3}.*\d{4}/ });
  await expect(phones.first()).toBeVisible();
  expect(await phones.count()).toBeGreaterThan(2);
  await expect(phones.first()).toHaveAttribute('href', /^tel:\+?\d{7,}$/);
  // Each call's outcome is recorded (tests/e2e/reminder-calls.spec.ts follows it through a reload).
  await reminders.getByRole('button', { name: /^Record call: / }).first().click();
  const callDialog = page.getByRole('dialog', { name: /^Call to / });
  await callDialog.getByRole('radio', { name: /Called, no answer/ }).check();
  await callDialog.getByRole('button', { name: 'Save call' }).click();
  await expect(callDialog).toBeHidden();
  await expect(reminders).toContainText('1 called');
  await screenshot(page, 'schedule-reminders');

  // A provider's calendar file for the next 30 days.
  const ics = page.getByRole('region', { name: 'Calendar file' });
  await expect(ics).toContainText('Only patients’ initials are included.');
  const downloading = page.waitForEvent('download');
  await ics.getByRole('button', { name: 'Download .ics' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const file = fs.readFileSync((await download.path())!, 'utf8');
  expect(file).toContain('BEGIN:VCALENDAR');
  expect(file).toContain('BEGIN:VEVENT');
  expect(file).toContain('END:VCALENDAR');
  await expect(ics.getByRole('status')).toContainText(/Saved .+\.ics: \d+ appointments/);

  // The manager's reports.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'manager', 'keel-demo-manager');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Schedule', exact: true }).click();
  await page.getByRole('navigation', { name: 'Schedule' }).getByRole('link', { name: 'Reports' }).click();
  const weekly = page.getByRole('table', { name: 'Appointments per provider per week' });
  const monthly = page.getByRole('table', { name: 'No-shows and late cancellations per provider and month' });
  const utilisation = page.getByRole('table', { name: 'Utilization per provider' });
  for (const table of [weekly, monthly, utilisation]) {
    await expect(table).toBeVisible();
    expect(await table.locator('tbody').getByRole('row').count()).toBeGreaterThan(1);
  }
  await expect(weekly.getByRole('columnheader').last()).toHaveText('Total');
  const monthRows = monthly.locator('tbody').getByRole('row');
  for (let i = 0; i < (await monthRows.count()); i++) {
    // Cells after the provider's row header: month, booked, no-shows, no-show rate, …
    await expect(monthRows.nth(i).getByRole('cell').nth(3)).toHaveText(/^\d+\.\d%$/);
  }
  await expect(utilisation.locator('tbody').getByRole('row').first()).toContainText(/\d+%/);
  await screenshot(page, 'schedule-reports');

  // Longer than the report allows: told so, with the field marked.
  await page.getByLabel('From').fill('2020-01-01');
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.getByText('Choose at most 366 days')).toBeVisible();
});
