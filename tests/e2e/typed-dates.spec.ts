import { addDays, apiValue, clinicToday, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * Dates typed as a receptionist types them (issue 13, point 3): keystroke by
 * keystroke, in the clinic's MM/DD/YYYY, in the short forms 12/8 and 12/8/26.
 * Nothing moves until Enter or leaving the field; then the schedule, the day
 * sheet and the patient search take the date.
 */

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

const [y, m, d] = [(iso: string) => iso.slice(0, 4), (iso: string) => iso.slice(5, 7), (iso: string) => iso.slice(8, 10)];
/** 12/08/2026, as the US clinic writes it. */
const us = (iso: string) => `${m(iso)}/${d(iso)}/${y(iso)}`;
/** 12/8, as people type it. */
const short = (iso: string) => `${Number(m(iso))}/${Number(d(iso))}`;
/** 12/8/26. */
const shortYear = (iso: string) => `${short(iso)}/${y(iso).slice(2)}`;
const longDate = (iso: string) => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(`${iso}T12:00:00Z`));

test.use({ viewport: { width: 1366, height: 768 } });

test('a date typed into Go to date and the day sheet waits for Enter or Tab, and takes 12/8 and 12/8/26', async ({ page }) => {
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const today = await clinicToday(page);
  const target = addDays(today, 6);

  await page.goto(`${demo.url}#/schedule/calendar/day/${today}`);
  const goTo = page.getByLabel('Go to date');
  await expect(goTo).toHaveValue(us(today));
  await goTo.fill('');
  // Typed one key at a time: the schedule stays put, and the field keeps every key.
  await goTo.pressSequentially(us(target), { delay: 20 });
  await expect(goTo).toHaveValue(us(target));
  await expect(page).toHaveURL(new RegExp(`/day/${today}$`));
  await goTo.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/day/${target}$`));
  await expect(page.getByRole('heading', { name: longDate(target) })).toBeVisible();
  await expect(goTo).toHaveValue(us(target));

  // The short form, committed by leaving the field.
  const next = addDays(today, 1);
  await goTo.fill(short(next));
  await goTo.press('Tab');
  await expect(page).toHaveURL(new RegExp(`/day/${next}$`));
  await expect(goTo).toHaveValue(us(next));

  // Two-digit year.
  await goTo.fill(shortYear(target));
  await goTo.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/day/${target}$`));
  await expect(page.getByRole('heading', { name: longDate(target) })).toBeVisible();

  // Not a date: said in the clinic's format, and the schedule does not move.
  await goTo.fill('13/45');
  await goTo.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'There is no month 13' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/day/${target}$`));
  await expect(goTo).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'typed-date-go-to-error');
  // Esc takes the typing back.
  await goTo.press('Escape');
  await expect(goTo).toHaveValue(us(target));

  // The day sheet's Date field behaves the same.
  await page.goto(`${demo.url}#/schedule/lists/${today}`);
  const date = page.getByLabel('Date', { exact: true });
  await expect(date).toHaveValue(us(today));
  await date.fill('');
  await date.pressSequentially(us(target), { delay: 20 });
  await expect(page).toHaveURL(new RegExp(`/lists/${today}$`));
  await expect(date).toHaveValue(us(target));
  await date.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/lists/${target}$`));
  await expect(page.getByRole('heading', { name: `Day sheet for ${longDate(target)}` })).toBeVisible();
  await date.fill(shortYear(next));
  await date.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/lists/${next}$`));
});

test('patient search finds a date of birth typed as 7/14/81', async ({ page }) => {
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const today = await clinicToday(page);
  // Someone under a hundred, so the two-digit year means their own century.
  const hits = await apiValue<Array<{ id: string; name: string; dob: string }>>(page, 'patients.search', { query: 'a', limit: 50 });
  const patient = hits.find((p) => Number(p.dob.slice(0, 4)) > Number(today.slice(0, 4)) - 99 && p.dob.slice(0, 4) < today.slice(0, 4));
  expect(patient).toBeDefined();
  const typed = `${Number(m(patient!.dob))}/${Number(d(patient!.dob))}/${y(patient!.dob).slice(2)}`;

  await page.getByRole('link', { name: 'Patients', exact: true }).click();
  const search = page.getByRole('combobox', { name: 'Find a patient' });
  await search.fill(typed);
  const found = page.getByRole('listbox', { name: 'Patients found' });
  await expect(found.getByRole('option', { name: new RegExp(patient!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first()).toBeVisible();
  // Every one found was born that day.
  const all = await apiValue<Array<{ dob: string }>>(page, 'patients.search', { query: typed, limit: 50 });
  expect(all.length).toBeGreaterThan(0);
  expect(all.every((p) => p.dob === patient!.dob)).toBe(true);
});
