import type { Appointment } from '../../shared/contract/appointments';
import { addDays, apiValue, clinicToday, expect, screenshot, signIn, startKeel, stopKeel, test } from './fixtures';

test('a row of the appointments on a patient record opens that appointment, by mouse or keyboard', async ({ page }) => {
  const keel = await startKeel(['--demo']);
  try {
    await page.goto(keel.url);
    await signIn(page, 'reception', 'keel-demo-reception');
    await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
    const date = await clinicToday(page);
    const ahead = await apiValue<Appointment[]>(page, 'appointments.list', { from: addDays(date, 1), to: addDays(date, 14) });
    const booked = ahead.find((a) => a.status !== 'cancelled');
    expect(booked, `the demo has appointments in the two weeks after ${date}`).toBeDefined();
    const [year, month, day] = booked!.start.slice(0, 10).split('-');
    const usDate = `${month}/${day}/${year}`;

    await page.goto(`${keel.url}#/patients/record/${booked!.patient.id}`);
    const coming = page.getByRole('region', { name: 'Appointments', exact: true }).getByRole('table', { name: 'Coming appointments' });
    const link = coming.getByRole('link', { name: new RegExp(usDate) }).first();
    await expect(link).toHaveAttribute('href', `#/schedule/calendar/day/${booked!.start.slice(0, 10)}?open=${booked!.id}`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'patient-appointments-rows');

    // The keyboard: the date is a link.
    await link.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: new RegExp(`^${booked!.patient.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `) });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/schedule/calendar/day/${booked!.start.slice(0, 10)}`));
    await screenshot(page, 'patient-appointment-opened');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    // The mouse: anywhere on the row.
    await page.goBack();
    await coming.getByRole('row').filter({ hasText: usDate }).first().getByRole('cell').nth(2).click();
    await expect(dialog).toBeVisible();
  } finally {
    await stopKeel(keel);
  }
});
