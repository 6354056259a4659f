import type { Page } from '@playwright/test';
import { addDays, apiValue, clinicToday, expect, screenshot, signIn, startKeel, stopKeel, test } from './fixtures';

type Status = 'booked' | 'confirmed' | 'arrived' | 'in_room' | 'completed' | 'no_show' | 'cancelled';
const LABELS: Record<Status, string> = { booked: 'Booked', confirmed: 'Confirmed', arrived: 'Arrived', in_room: 'In room', completed: 'Completed', no_show: 'No-show', cancelled: 'Canceled' };

interface Appointment {
  id: string;
  patient: { id: string; name: string };
  providerName: string;
  typeName: string;
  start: string;
  status: Status;
}
interface TodaySchedule {
  byStatus: Record<Status, number>;
  waiting: Array<{ appointment: Appointment; waitedMinutes: number }>;
  nextFree: Array<{ providerName: string; start: string }>;
  noShowRateThisMonth: number;
}

/** "9:00 AM", as a US clinic reads a wall-clock time. */
function usTime(wall: string): string {
  const [h, m] = wall.slice(11, 16).split(':').map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

function usDate(wall: string): string {
  const [y, m, d] = wall.slice(0, 10).split('-');
  return `${m}/${d}/${y}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await signIn(page, username, password);
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
}

test('the manager sets up appointment types and the late-cancel notice; Today and the patient record show the schedule', async ({ page }) => {
  test.setTimeout(300_000);
  const keel = await startKeel(['--demo']);
  try {
    await page.goto(keel.url);
    await signInAs(page, 'manager', 'keel-demo-manager');

    // Settings → Appointments lists the demo's types, retired ones included.
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Appointments' }).click();
    const types = page.getByRole('table', { name: 'Appointment types' });
    await expect(types.getByRole('row', { name: /Follow-up\s*15 min\s*Exam room\s*Physician, Nurse practitioner \/ PA\s*Active/ })).toBeVisible();
    await expect(types.getByRole('row', { name: /Telehealth.*No room needed/ })).toBeVisible();
    await expect(types.getByRole('row', { name: /Sports physical \(old\).*Retired/ })).toBeVisible();

    // Add "Flu clinic": 10 minutes, no room, physicians only. A length that is not a multiple of 5 is refused first.
    await page.getByRole('button', { name: 'Add a type' }).click();
    const add = page.getByRole('dialog', { name: 'Add an appointment type' });
    await add.getByLabel('Name').fill('Flu clinic');
    await add.getByLabel('Length (minutes)').fill('12');
    await add.getByLabel('Color on the calendar').fill('#dd6b20');
    await add.getByLabel('Room needed').selectOption({ label: 'No room needed' });
    await add.getByLabel('Nurse practitioner / PA').uncheck();
    await expect(add.getByLabel('Physician', { exact: true })).toBeChecked();
    await add.getByRole('button', { name: 'Add type' }).click();
    await expect(add.getByText('Use a multiple of 5 minutes')).toBeVisible();
    await add.getByLabel('Length (minutes)').fill('10');
    await add.getByRole('button', { name: 'Add type' }).click();
    await expect(add).toBeHidden();
    await expect(page.getByText('“Flu clinic” added.')).toBeVisible();
    const flu = types.getByRole('row', { name: /Flu clinic/ });
    await expect(flu).toHaveAccessibleName(/Flu clinic\s*10 min\s*No room needed\s*Physician\s*Active/);
    await expect(flu).not.toContainText('Nurse practitioner');

    // Retire it: it stays listed, marked retired, and old appointments are said to be kept.
    await page.getByRole('button', { name: 'Edit Flu clinic' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Flu clinic' });
    await expect(edit.getByLabel('Length (minutes)')).toHaveValue('10');
    await expect(edit.getByText(/Retiring keeps every appointment already made with it exactly as it is/)).toBeVisible();
    await edit.getByLabel('Active: can be chosen for new bookings').uncheck();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByText(/“Flu clinic” retired\. .*appointments already made with it stay as they are/)).toBeVisible();
    await expect(flu).toContainText('Retired');
    const saved = await apiValue<Array<{ name: string; active: boolean; durationMinutes: number; roomKind: string | null; providerRoles: string[] }>>(page, 'appointmentTypes.list', { includeRetired: true });
    expect(saved.find((t) => t.name === 'Flu clinic')).toMatchObject({ active: false, durationMinutes: 10, roomKind: null, providerRoles: ['physician'] });

    // The late-cancel notice: 48 hours, kept after a reload.
    const notice = page.getByLabel('Notice needed (hours)');
    await expect(page.getByText('A patient’s cancellation with less notice than this counts as a late cancel.', { exact: false })).toBeVisible();
    await notice.fill('48');
    await page.getByRole('button', { name: 'Save notice' }).click();
    await expect(page.getByText(/^Saved\. Cancellations from now on use the new notice/)).toBeVisible();
    await screenshot(page, 'settings-appointment-types');
    await page.reload();
    await expect(page.getByLabel('Notice needed (hours)')).toHaveValue('48');
    expect(await apiValue(page, 'scheduleSettings.get', {})).toEqual({ lateCancelHours: 48 });

    // Today: the four schedule cards, with the same numbers as the schedule itself, refreshed every minute.
    await page.clock.install();
    let todayCalls = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/appointments.today')) todayCalls++;
    });
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    const statusCard = page.getByRole('region', { name: 'Today’s appointments' });
    await expect(statusCard).toBeVisible();
    await expect(statusCard.getByText(/^\d+ appointments?$/)).toBeVisible();
    const today = await apiValue<TodaySchedule>(page, 'appointments.today', {});
    const all = Object.values(today.byStatus).reduce((a, b) => a + b, 0);
    const notCancelled = all - today.byStatus.cancelled;
    await expect(statusCard.getByText(new RegExp(`^${notCancelled} appointments?$`))).toBeVisible();
    if (all === 0) {
      await expect(statusCard.getByText('Nothing is booked for today.')).toBeVisible();
    } else {
      const byStatus = statusCard.getByRole('list', { name: 'Appointments by status' });
      let shown = 0;
      for (const [status, label] of Object.entries(LABELS) as Array<[Status, string]>) {
        const item = byStatus.getByRole('listitem').filter({ hasText: label });
        await expect(item).toHaveText(new RegExp(`^${escape(label)}\\s*${today.byStatus[status]}$`));
        shown += Number((await item.locator('strong').textContent()) ?? 'NaN');
      }
      expect(shown).toBe(all);
    }
    const waiting = page.getByRole('region', { name: 'Waiting room' });
    if (today.waiting.length === 0) await expect(waiting.getByText('Nobody is waiting.')).toBeVisible();
    else {
      const list = waiting.getByRole('list', { name: 'Patients waiting, longest first' });
      await expect(list.getByRole('listitem')).toHaveCount(Math.min(8, today.waiting.length));
      await expect(list.getByRole('listitem').first()).toContainText(today.waiting[0]!.appointment.patient.name);
    }
    const free = page.getByRole('region', { name: 'Next free slots' });
    if (today.nextFree.length === 0) await expect(free.getByText('No free time left today.')).toBeVisible();
    else for (const slot of today.nextFree) await expect(free.getByRole('listitem').filter({ hasText: slot.providerName })).toContainText(usTime(slot.start));
    const rate = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: today.noShowRateThisMonth > 0 && today.noShowRateThisMonth < 0.1 ? 1 : 0 }).format(today.noShowRateThisMonth);
    await expect(page.getByRole('region', { name: 'No-show rate this month' }).getByText(rate, { exact: true })).toBeVisible();
    await screenshot(page, 'today-schedule');

    const before = todayCalls;
    expect(before).toBeGreaterThanOrEqual(1);
    await page.clock.runFor(61_000);
    await expect.poll(() => todayCalls).toBe(before + 1);
    // Leaving Today stops the refreshing.
    await page.getByRole('link', { name: 'Patients', exact: true }).click();
    await page.clock.runFor(130_000);
    expect(todayCalls).toBe(before + 1);

    // A patient with a coming appointment (after today, not cancelled) sees it on their record.
    const date = await clinicToday(page);
    const ahead = await apiValue<Appointment[]>(page, 'appointments.list', { from: addDays(date, 1), to: addDays(date, 14) });
    const booked = ahead.find((a) => a.status !== 'cancelled');
    expect(booked, `the demo has appointments in the two weeks after ${date}`).toBeDefined();
    await page.goto(`${keel.url}#/patients/record/${booked!.patient.id}`);
    const section = page.getByRole('region', { name: 'Appointments', exact: true });
    const coming = section.getByRole('table', { name: 'Coming appointments' });
    await expect(coming.getByRole('row', { name: new RegExp(`${escape(usDate(booked!.start))}\\s*${escape(usTime(booked!.start))}\\s*${escape(booked!.providerName)}\\s*${escape(booked!.typeName)}`) })).toBeVisible();
    await expect(section.getByRole('link', { name: 'Book an appointment' })).toHaveAttribute('href', '#/schedule/calendar');
    const history = await apiValue<{ noShows: number; lateCancels: number; recent: unknown[] }>(page, 'appointments.forPatient', { patientId: booked!.patient.id });
    if (history.noShows + history.lateCancels > 0) await expect(section.getByText(`No-shows: ${history.noShows}`)).toBeVisible();
    if (history.recent.length === 0) await expect(section.getByText('No past appointments.')).toBeVisible();
    else await expect(section.getByRole('table', { name: /^Past appointments, latest first/ }).getByRole('row')).toHaveCount(Math.min(5, history.recent.length) + 1);
    await screenshot(page, 'patient-appointments');

    // Billing reads the schedule too, but cannot book.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, 'billing', 'keel-demo-billing');
    await expect(page.getByRole('region', { name: 'Waiting room' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Next free slots' }).getByRole('link', { name: 'Open the calendar' })).toBeVisible();
    await page.goto(`${keel.url}#/patients/record/${booked!.patient.id}`);
    await expect(page.getByRole('region', { name: 'Appointments', exact: true }).getByRole('table', { name: 'Coming appointments' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Book an appointment' })).toHaveCount(0);
  } finally {
    await stopKeel(keel);
  }
});
