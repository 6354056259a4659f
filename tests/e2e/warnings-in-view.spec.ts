import type { Page } from '@playwright/test';
import { addDays, apiValue, clinicToday, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * A warning appears where the person is looking, takes the focus, and is said
 * once (issue 13, point 4), on the front desk's usual 1366×768 screen: the
 * duplicate-patient warning of a long form, and a booking's clash with the
 * manager's override reason.
 */

// A fixed day (a Wednesday), so the appointments the clash is made from are the same on any day the suite runs.
const DAY = '2026-12-02';
let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo', '--today', DAY]);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

test.use({ viewport: { width: 1366, height: 768 } });

interface Hit {
  id: string;
  name: string;
  dob: string;
}
interface Appointment {
  id: string;
  start: string;
  status: string;
  providerId: string;
  providerName: string;
  patient: { id: string; name: string };
}

async function signInAs(page: Page, who: 'reception' | 'manager') {
  await page.clock.setFixedTime(new Date(`${DAY}T15:00:00Z`));
  await page.goto(demo.url);
  await signIn(page, who, `keel-demo-${who}`);
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
}

const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const spoken = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
};

test('the duplicate-patient warning comes into view at the bottom of the long form, takes the focus, and is shown once', async ({ page }) => {
  await signInAs(page, 'reception');
  const [someone] = await apiValue<Hit[]>(page, 'patients.search', { query: 'a', limit: 1 });
  const [last, first] = someone!.name.split(', ') as [string, string];

  await page.goto(`${demo.url}#/patients/new`);
  await page.getByLabel('First name').fill(first.replace(/ \(.*\)$/, ''));
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Date of birth').fill(us(someone!.dob));
  await page.getByRole('button', { name: 'Register patient' }).click();

  const warning = page.getByRole('group', { name: 'This may be someone already registered' });
  await expect(warning).toBeFocused();
  await expect(warning).toBeInViewport({ ratio: 1 });
  await expect(warning).toContainText(someone!.name);
  await expect(warning.getByRole('button', { name: 'Register anyway — it is a different person' })).toBeInViewport();
  await expect(page.getByText('This may be someone already registered', { exact: true })).toHaveCount(1);
  await screenshot(page, 'warning-duplicate-patient-1366');

  // Going back to check puts the person at the top of the form again, not on nothing.
  await warning.getByRole('button', { name: 'Go back and check' }).click();
  await expect(page.getByLabel('First name')).toBeFocused();
});

test('a missing date of birth takes the person to the field, which says what to type', async ({ page }) => {
  await signInAs(page, 'reception');
  await page.goto(`${demo.url}#/patients/new`);
  await page.getByLabel('First name').fill('Nadia');
  await page.getByLabel('Last name').fill('Okafor');
  await page.getByRole('button', { name: 'Register patient' }).click();
  const dob = page.getByLabel('Date of birth');
  await expect(dob).toBeFocused();
  await expect(dob).toBeInViewport();
  await expect(page.getByText('Enter the date of birth, like 03/07/1980')).toBeVisible();
});

test('a booking’s clash and the manager’s override reason sit beside Book, in view, said once, with the focus on the reason', async ({ page }) => {
  await signInAs(page, 'manager');
  const today = await clinicToday(page);
  // A booked appointment in the coming days, and another patient to put on top of it.
  const coming = (await apiValue<Appointment[]>(page, 'appointments.list', { from: addDays(today, 1), to: addDays(today, 14) })).filter((a) => a.status === 'booked' && /:(00|15|30|45)$/.test(a.start));
  const taken = coming[0]!;
  const other = (await apiValue<Hit[]>(page, 'patients.search', { query: 'e', limit: 30 })).find((p) => !coming.some((a) => a.patient.id === p.id))!;
  const day = taken.start.slice(0, 10);
  const time = taken.start.slice(11);

  await page.goto(`${demo.url}#/schedule/calendar/day/${day}`);
  await page.getByRole('button', { name: 'New appointment' }).click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('Provider').selectOption(taken.providerId);
  await dialog.getByLabel('Starts').selectOption(time);
  await dialog.getByRole('combobox', { name: 'Patient' }).fill(other.name.split(',')[0]!);
  await dialog.getByRole('option', { name: new RegExp(other.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().click();
  // Enter at once, before the clash check as you go has answered.
  await dialog.getByLabel('Reason for visit').fill('Follow-up');
  await dialog.getByLabel('Reason for visit').press('Enter');

  const clashText = `${taken.providerName} already has ${taken.patient.name} ${spoken(time)}`;
  const clash = dialog.getByRole('alert').filter({ hasText: 'This clashes' });
  await expect(clash).toContainText(clashText);
  await expect(clash).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByText(clashText)).toHaveCount(1);
  const reason = dialog.getByLabel('Book anyway — reason (kept in the audit trail)');
  await expect(reason).toBeFocused();
  await expect(reason).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByRole('button', { name: 'Book', exact: true })).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'warning-booking-clash-1366');
  // Nothing was booked by that Enter.
  expect((await apiValue<Appointment[]>(page, 'appointments.list', { from: day, to: day, patientId: other.id })).filter((a) => a.status !== 'cancelled')).toHaveLength(0);

  // With a reason, Enter in the reason field books over the clash.
  await reason.fill('Urgent, squeezed in');
  await reason.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Booked ${other.name}` })).toBeVisible();
});

test('the patient form marks what is required and says what is wrong in the clinic’s format', async ({ page }) => {
  await signInAs(page, 'reception');
  await page.goto(`${demo.url}#/patients/new`);
  for (const label of ['First name', 'Last name', 'Date of birth']) await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('required', '');
  await expect(page.locator('.field-required')).toHaveCount(3);
  await page.getByLabel('First name').fill('Nadia');
  await page.getByLabel('Last name').fill('Okafor');
  // A two-digit year of birth is never in the future.
  await page.getByLabel('Date of birth').fill('7/14/81');
  await page.getByLabel('Date of birth').press('Tab');
  await expect(page.getByLabel('Date of birth')).toHaveValue('07/14/1981');
  await page.getByLabel('Mobile phone').fill('555-CALL-NOW');
  await page.getByLabel('ZIP code').fill('1234');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByText('Letters are not allowed in a phone number: type its digits, like (555) 123-4567 (an extension as x 12)')).toBeVisible();
  await expect(page.getByText('Check the ZIP code: in the United States it is five digits, like 02139 or 02139-4307')).toBeVisible();
  await expect(page.getByLabel('Mobile phone')).toBeFocused();
  await expect(page.getByLabel('ZIP code')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'patient-form-messages-1366');
  // Corrected, it registers.
  await page.getByLabel('Mobile phone').fill('(555) 225-5669');
  await page.getByLabel('ZIP code').fill('02139');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { name: /Nadia\s+Okafor/ })).toBeVisible();
});
