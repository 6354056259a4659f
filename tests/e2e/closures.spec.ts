import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { usFederalHolidays } from '../../shared/domain/closures';
import { apiValue, callApi, clinicDates, expect, isoWeekday, screenshot, setUpClinic, test } from './fixtures';

const STAFF = { jobTitle: '', phone: '', email: '', employmentType: 'full_time', startDate: '2024-01-15', contractedHours: 40, payType: 'hourly', payRateCents: 2500, userId: null, bookable: true };

test('the manager closes the clinic on holidays from Settings; the calendar shades them and refuses bookings on them', async ({ page, keel }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await setUpClinic(page, keel.url);
  // Next year, whatever today is; the clinic opens Monday to Friday (the setup's default hours).
  const year = Number(clinicDates().today.slice(0, 4)) + 1;
  const holidays = usFederalHolidays(year);
  // Christmas on a weekday the clinic opens: the day itself, or the Friday or Monday it is observed on.
  const christmas = holidays.find((h) => h.key === 'christmas' && isoWeekday(h.date) <= 5)!;
  const columbus = holidays.find((h) => h.key === 'columbus')!;
  const offered = holidays.filter((h) => isoWeekday(h.date) <= 5);

  await apiValue(page, 'staffSettings.update', { requirements: { physician: [], np_pa: [], nurse_ma: [], receptionist: [], biller: [], manager: [], other: [] }, evaluationIntervalMonths: 12, evaluationCriteria: ['Teamwork'] });
  const doctor = await apiValue<{ id: string }>(page, 'staff.create', { ...STAFF, fullName: 'Dr Sam Lee', staffRole: 'physician', colour: '#2b6cb0' });
  const type = await apiValue<{ id: string }>(page, 'appointmentTypes.save', { name: 'Visit', durationMinutes: 30, colour: '#2f855a', roomKind: null, providerRoles: ['physician'], active: true });
  const patient = await apiValue<{ id: string }>(page, 'patients.create', { details: PATIENT_EXAMPLE, confirmDuplicate: true });

  // Settings → Closures, next year: the federal holidays as a starting list, Columbus Day unticked.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('link', { name: 'Closures' }).click();
  await expect(page.getByRole('heading', { name: 'Closure days', exact: true })).toBeVisible();
  await page.getByRole('combobox', { name: 'Year', exact: true }).selectOption(String(year));
  await expect(page.getByRole('heading', { name: `US federal holidays in ${year}` })).toBeVisible();
  await expect(page.getByText(`No closure days in ${year} yet`)).toBeVisible();
  await page.getByRole('checkbox', { name: new RegExp(`${columbus.label}$`) }).uncheck();
  await page.getByRole('button', { name: `Add ${offered.length - 1} ticked days as closure days` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${offered.length - 1} closure days.` })).toBeVisible();
  const table = page.getByRole('table', { name: `Closure days in ${year}` });
  await expect(table.getByRole('row').filter({ hasText: christmas.label })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: columbus.label })).toHaveCount(0);
  // Columbus Day is still offered below: the list is what is left to add.
  await expect(page.getByRole('checkbox', { name: new RegExp(`${columbus.label}$`) })).toBeVisible();

  // A day of the clinic's own, with a label; the same date again is refused, naming it.
  const training = `${year}-03-10`;
  await page.getByLabel('Date', { exact: true }).fill(training);
  await page.getByLabel('Label (optional)').fill('Staff training day');
  await page.getByRole('button', { name: 'Add closure day' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'Staff training day' })).toBeVisible();
  await page.getByLabel('Date', { exact: true }).fill(christmas.date);
  await page.getByRole('button', { name: 'Add closure day' }).click();
  await expect(page.getByText(`is already a closure day (${christmas.label})`).first()).toBeVisible();
  await screenshot(page, 'settings-closures-1366');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'settings-closures-1024');
  await page.setViewportSize({ width: 1366, height: 768 });

  // The day view: shaded and labelled, with why nothing can be booked.
  await page.goto(`${keel.url}#/schedule/calendar/day/${christmas.date}`);
  await expect(page.getByText(`The clinic is closed on `, { exact: false }).filter({ hasText: `: ${christmas.label}` }).first()).toBeVisible();
  const grid = page.getByRole('application');
  await expect(grid.getByText(`Clinic closed: ${christmas.label}`)).toBeVisible();
  await screenshot(page, 'calendar-closure-day-1366');
  // The keyboard cursor says so, and Enter offers no booking form.
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.sr-only[aria-live="polite"]').filter({ hasText: 'Dr Sam Lee' })).toContainText('closed');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'New appointment' })).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'Choose another day' })).toContainText(`: ${christmas.label}. Choose another day.`);

  // The main process refuses it too, naming the closure, even for the manager.
  {
    const refused = await callApi(page, 'appointments.book', { booking: { patientId: patient.id, providerId: doctor.id, typeId: type.id, roomId: null, start: `${christmas.date}T10:00`, reason: '', note: '' }, override: { reason: 'Emergency' } });
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(/^The clinic is closed on \w{3}, \w{3} \d{1,2}: /);
    expect(refused.error?.message).toContain(`: ${christmas.label}.`);
  }

  // The week and month views shade it too.
  await page.goto(`${keel.url}#/schedule/calendar/week/${christmas.date}/${doctor.id}`);
  await expect(page.getByRole('columnheader').filter({ hasText: `Closed: ${christmas.label}` })).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'calendar-closure-week-1024');
  await page.goto(`${keel.url}#/schedule/calendar/month/${christmas.date.slice(0, 7)}-01`);
  // The day's button says it is closed and why, and still opens the day.
  await expect(page.getByRole('button', { name: new RegExp(`: Closed: ${christmas.label.replace(/[()]/g, '\\$&')}\\s*\\..* Open the day\\.$`) })).toBeVisible();
  await expect(page.getByText(`Closed: ${christmas.label}`)).toBeVisible();
  await screenshot(page, 'calendar-closure-month-1024');
});
