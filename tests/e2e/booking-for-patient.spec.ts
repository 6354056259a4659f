import { addDays, apiValue, clinicToday, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * "Book an appointment" on a patient's record carries the patient into the
 * calendar (issue 13, point 5): a banner says who the booking is for, every
 * booking form starts with them, and it can be cancelled.
 */

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

test.use({ viewport: { width: 1366, height: 768 } });

interface Hit {
  id: string;
  name: string;
}
interface Frame {
  providers: Array<{ id: string; fullName: string; flag: unknown }>;
  working: Array<{ staffId: string; intervals: Array<{ start: string; end: string }> }>;
}
interface Appointment {
  id: string;
  start: string;
  end: string;
  status: string;
  providerId: string;
  patient: { id: string };
}

const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('Book an appointment on a record opens the calendar booking for that patient, fills them in, and can be cancelled', async ({ page }) => {
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const today = await clinicToday(page);
  // A provider free for an hour on a working day five to seven weeks ahead (read from the data).
  let slot: { providerId: string; day: string; time: string } | null = null;
  for (let day = addDays(today, 35); !slot && day <= addDays(today, 49); day = addDays(day, 1)) {
    const frame = await apiValue<Frame>(page, 'schedule.frame', { from: day, to: day });
    const booked = await apiValue<Appointment[]>(page, 'appointments.list', { from: day, to: day });
    for (const p of frame.providers.filter((x) => x.flag === null)) {
      const stretch = frame.working.find((w) => w.staffId === p.id)?.intervals.find((i) => i.start.startsWith(day));
      if (!stretch) continue;
      const start = `${day}T${String(Number(stretch.start.slice(11, 13)) + 1).padStart(2, '0')}:00`;
      const end = `${day}T${String(Number(stretch.start.slice(11, 13)) + 2).padStart(2, '0')}:00`;
      if (end > stretch.end || booked.some((a) => a.providerId === p.id && a.status !== 'cancelled' && a.start < end && a.end > start)) continue;
      slot = { providerId: p.id, day, time: start.slice(11) };
      break;
    }
  }
  expect(slot).not.toBeNull();
  const patient = (await apiValue<Hit[]>(page, 'patients.search', { query: 'edwards', limit: 5 }))[0] ?? (await apiValue<Hit[]>(page, 'patients.search', { query: 'a', limit: 1 }))[0]!;

  await page.goto(`${demo.url}#/patients/record/${patient.id}`);
  await page.getByRole('link', { name: 'Book an appointment' }).click();
  await expect(page).toHaveURL(/#\/schedule\/calendar/);
  const banner = page.getByRole('status', { name: `Booking for ${patient.name}` });
  await expect(banner).toContainText(`Booking for ${patient.name} — pick a slot`);
  await expect(banner).toBeFocused();
  await expect(banner).toBeInViewport();
  await screenshot(page, 'booking-for-patient-banner');

  // The banner stays while the person looks for a day.
  await page.getByLabel('Go to date').fill(us(slot!.day));
  await page.getByLabel('Go to date').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/day/${slot!.day}`));
  await expect(banner).toBeVisible();

  // The booking form starts with the patient.
  await page.getByRole('button', { name: 'New appointment' }).click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await expect(dialog.getByText(patient.name)).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Patient' })).toHaveCount(0);
  await dialog.getByLabel('Provider').selectOption(slot!.providerId);
  await dialog.getByLabel('Starts').selectOption(slot!.time);
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Booked ${patient.name}` })).toBeVisible();
  // Booked: the banner has done its job.
  await expect(banner).toBeHidden();
  const theirs = await apiValue<Appointment[]>(page, 'appointments.list', { from: slot!.day, to: slot!.day, patientId: patient.id });
  expect(theirs.map((a) => a.start)).toContain(`${slot!.day}T${slot!.time}`);

  // Again from the record, then cancelled: the next booking form asks for a patient.
  await page.goto(`${demo.url}#/patients/record/${patient.id}`);
  await page.getByRole('link', { name: 'Book an appointment' }).click();
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: `Stop booking for ${patient.name}` }).click();
  await expect(banner).toBeHidden();
  await page.getByRole('button', { name: 'New appointment' }).click();
  await expect(dialog.getByRole('combobox', { name: 'Patient' })).toBeVisible();
  await expect(dialog.getByText(new RegExp(escape(patient.name)))).toHaveCount(0);
});
