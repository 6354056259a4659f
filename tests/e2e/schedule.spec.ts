import type { Page } from '@playwright/test';
import { addDays, apiValue, callApi, clinicToday, dayWithSeveralProviders, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * The calendar as the front desk uses it, on the small demo clinic: book by
 * keyboard, a clash refused with what it clashes with, drag to reschedule and
 * undo, a weekly series previewed with its clash, check-in through to
 * completed, and the day, week and month views.
 */

interface Frame {
  providers: Array<{ id: string; fullName: string; flag: unknown }>;
  types: Array<{ id: string; name: string; durationMinutes: number; active: boolean; roomKind: string | null }>;
  working: Array<{ staffId: string; intervals: Array<{ start: string; end: string }> }>;
}
interface Appointment {
  id: string;
  start: string;
  end: string;
  status: string;
  providerId: string;
  arrivedAt: string | null;
  completedAt: string | null;
  patient: { id: string; name: string };
}
interface PatientHit {
  id: string;
  name: string;
}

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const literally = (text: string) => new RegExp(escape(text));
const minutes = (wall: string) => Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16));
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** "9:00 AM", as the screen writes a time of day. */
const spoken = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
};

const stretchOf = (frame: Frame, staffId: string, date: string) =>
  frame.working.find((w) => w.staffId === staffId)?.intervals.find((i) => i.start.startsWith(date) && minutes(i.end) - minutes(i.start) >= 300);

/**
 * A weekday seven to nine weeks ahead and a provider who works five hours or more on
 * it and on the same weekday of the three weeks after, with nothing booked on any of
 * the four (the demo's series run that far): the slots this test books are free.
 * Read from the data, since the roster and the series depend on the day the demo is made.
 */
async function quietStretch(page: Page, today: string): Promise<{ quietDay: string; frame: Frame; provider: Frame['providers'][number]; booked: Appointment[] }> {
  for (let quietDay = addDays(today, 49); quietDay <= addDays(today, 63); quietDay = addDays(quietDay, 1)) {
    const frame = await apiValue<Frame>(page, 'schedule.frame', { from: quietDay, to: addDays(quietDay, 21) });
    const booked = await apiValue<Appointment[]>(page, 'appointments.list', { from: quietDay, to: addDays(quietDay, 21) });
    const weeks = [0, 7, 14, 21].map((n) => addDays(quietDay, n));
    const provider = frame.providers.find(
      (p) => p.flag === null && weeks.every((d) => stretchOf(frame, p.id, d) && !booked.some((a) => a.providerId === p.id && a.status !== 'cancelled' && a.start.startsWith(d))),
    );
    if (provider) return { quietDay, frame, provider, booked };
  }
  throw new Error(`No provider works five free hours on one weekday four weeks running, seven to nine weeks after ${today}`);
}

/** The first n patients the search finds, leaving out anyone already booked in `busy` (a demo series would clash). */
async function patients(page: Page, query: string, n: number, busy: readonly Appointment[]): Promise<PatientHit[]> {
  const free = (await apiValue<PatientHit[]>(page, 'patients.search', { query, limit: 20 })).filter((hit) => !busy.some((a) => a.patient.id === hit.id && a.status !== 'cancelled'));
  // Only a name no other patient has: the demo holds look-alike duplicates, and this test picks a patient by name.
  const hits: PatientHit[] = [];
  for (const hit of free) {
    const sameName = (await apiValue<PatientHit[]>(page, 'patients.search', { query: hit.name.split(',')[0]!, limit: 50 })).filter((other) => other.name === hit.name);
    if (sameName.length === 1) hits.push(hit);
    if (hits.length === n) break;
  }
  expect(hits.length).toBeGreaterThanOrEqual(n);
  return hits;
}

test('the front desk books by keyboard, is refused a clash, drags and undoes, books a series around a clash, and checks a patient in to completed', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();

  // Pick a provider who works a long stretch on the quiet day, and every week after it for the series.
  const today = await clinicToday(page);
  const { quietDay, frame, provider, booked: alreadyBooked } = await quietStretch(page, today);
  const busyDay = await dayWithSeveralProviders(page);
  const type = frame.types.find((t) => t.active && t.durationMinutes === 15 && !t.roomKind) ?? frame.types.find((t) => t.active && t.durationMinutes <= 30)!;
  const shiftStart = minutes(stretchOf(frame, provider.id, quietDay)!.start);
  const first = clock(Math.ceil((shiftStart + 60) / 15) * 15);
  const [ana, ben, cy, dee] = await patients(page, 'a', 4, alreadyBooked);

  // 1. Book by keyboard alone: the grid, arrow keys to the slot, Enter, the patient search, Enter.
  await page.getByRole('link', { name: 'Schedule', exact: true }).click();
  await page.goto(`${demo.url}#/schedule/calendar/day/${quietDay}`);
  const grid = page.getByRole('application');
  await expect(page.getByRole('columnheader', { name: provider.fullName })).toBeVisible();
  await grid.focus();
  const cursorText = page.locator('.sr-only[aria-live="polite"]').filter({ hasText: /, \d{1,2}:\d{2} [AP]M/ });
  await page.keyboard.press('Home');
  for (let i = 0; i < 8 && !(await cursorText.innerText()).startsWith(provider.fullName); i++) await page.keyboard.press('ArrowRight');
  await expect(cursorText).toContainText(provider.fullName);
  for (let i = 0; i < 96 && !(await cursorText.innerText()).includes(`${spoken(first)}, free`); i++) await page.keyboard.press('ArrowDown');
  await expect(cursorText).toHaveText(`${provider.fullName}, ${spoken(first)}, free. Enter books it.`);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type(ana!.name.split(',')[0]!);
  await expect(dialog.getByRole('option', { name: literally(ana!.name) }).first()).toBeVisible();
  while (!((await dialog.getByRole('listbox').getByRole('option', { selected: true }).innerText().catch(() => '')).includes(ana!.name))) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(ana!.name)).toBeVisible();
  await dialog.getByLabel('Type', { exact: true }).selectOption(type.id);
  await dialog.getByLabel('Reason for visit').focus();
  await page.keyboard.type('Blood pressure check');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Booked ${ana!.name}` })).toBeVisible();
  const block = grid.getByRole('button', { name: new RegExp(`^${spoken(first)} to .*${escape(ana!.name)}`) });
  await expect(block).toBeVisible();
  const [booked] = await apiValue<Appointment[]>(page, 'appointments.list', { from: quietDay, to: quietDay, providerIds: [provider.id] });
  expect(booked).toMatchObject({ start: `${quietDay}T${first}`, status: 'booked', patient: { id: ana!.id } });

  // 2. The same time for another patient: refused on screen and in the main process, saying what clashes.
  await page.keyboard.press('n');
  const second = page.getByRole('dialog', { name: 'New appointment' });
  await expect(second).toBeVisible();
  await page.keyboard.type(ben!.name.split(',')[0]!);
  await expect(second.getByRole('listbox').getByRole('option').first()).toBeVisible();
  await second.getByRole('option', { name: literally(ben!.name) }).first().click();
  await second.getByLabel('Type', { exact: true }).selectOption(type.id);
  await second.getByLabel('Provider').selectOption(provider.id);
  await second.getByLabel('Day', { exact: true }).fill(quietDay);
  await second.getByLabel('Starts').selectOption(first);
  const clash = second.getByRole('alert').filter({ hasText: 'This clashes' });
  await expect(clash).toContainText(`${provider.fullName} already has ${ana!.name} ${spoken(first)}`);
  await expect(second.getByRole('button', { name: 'Book', exact: true })).toBeDisabled();
  await screenshot(page, 'schedule-booking-conflict');
  const refused = await callApi(page, 'appointments.book', {
    booking: { patientId: ben!.id, providerId: provider.id, typeId: type.id, roomId: null, start: `${quietDay}T${first}`, end: booked!.end, reason: '', note: '' },
  });
  expect(refused.ok).toBe(false);
  expect(refused.error?.code).toBe('conflict');
  expect(refused.error?.message).toContain(`${provider.fullName} already has ${ana!.name}`);
  // Esc on a filled-in form asks first.
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Discard this appointment?' }).getByRole('button', { name: 'Discard' }).click();
  await expect(second).toBeHidden();
  expect(await apiValue<Appointment[]>(page, 'appointments.list', { from: quietDay, to: quietDay, providerIds: [provider.id] })).toHaveLength(1);

  // 3. Drag it two hours later, then undo with Ctrl+Z.
  const later = clock(minutes(booked!.start) + 120);
  const box = (await block.boundingBox())!;
  const pxPerMinute = (box.height + 2) / (minutes(booked!.end) - minutes(booked!.start));
  const column = grid.locator(`[data-column]:has([data-appointment="${booked!.id}"])`);
  const columnTop = (await column.boundingBox())!.y;
  await block.dragTo(column, { sourcePosition: { x: 20, y: 2 }, targetPosition: { x: 20, y: box.y - columnTop + 120 * pxPerMinute + 6 } });
  await expect(page.getByRole('status').filter({ hasText: `Moved ${ana!.name}` })).toContainText(spoken(later));
  expect((await apiValue<Appointment>(page, 'appointments.get', { id: booked!.id })).start).toBe(`${quietDay}T${later}`);
  await screenshot(page, 'schedule-moved-undo');
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status').filter({ hasText: 'Undone.' })).toBeVisible();
  expect((await apiValue<Appointment>(page, 'appointments.get', { id: booked!.id })).start).toBe(`${quietDay}T${first}`);

  // 4. A weekly series of four with one clash in week two: previewed, then booked skipping the clash.
  const seriesAt = clock(minutes(`${quietDay}T${first}`) + 30);
  await apiValue(page, 'appointments.book', {
    booking: { patientId: dee!.id, providerId: provider.id, typeId: type.id, roomId: null, start: `${addDays(quietDay, 7)}T${seriesAt}`, end: `${addDays(quietDay, 7)}T${clock(minutes(`${quietDay}T${seriesAt}`) + type.durationMinutes)}`, reason: '', note: '' },
  });
  await page.getByRole('button', { name: 'New appointment' }).click();
  const series = page.getByRole('dialog', { name: 'New appointment' });
  await page.keyboard.type(cy!.name.split(',')[0]!);
  await series.getByRole('option', { name: literally(cy!.name) }).first().click();
  await series.getByLabel('Type', { exact: true }).selectOption(type.id);
  await series.getByLabel('Provider').selectOption(provider.id);
  await series.getByLabel('Day', { exact: true }).fill(quietDay);
  await series.getByLabel('Starts').selectOption(seriesAt);
  await series.getByRole('radio', { name: 'Weekly' }).check();
  await series.getByLabel('How many times (at most 300)').fill('4');
  await series.getByRole('button', { name: 'Preview the series' }).click();
  const preview = page.getByRole('dialog', { name: 'Check the series before booking' });
  await expect(preview).toContainText('4 appointments. 1 clash with something and are marked below.');
  const rows = preview.getByRole('list', { name: 'Appointments in the series' }).getByRole('listitem');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText(`${provider.fullName} already has ${dee!.name}`);
  await expect(rows.nth(0)).toContainText('Free');
  await screenshot(page, 'schedule-series-preview');
  await preview.getByRole('button', { name: 'Book 3, skip 1 that clash' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Booked a series of 3, skipping 1 that clashed.' })).toBeVisible();
  const cys = await apiValue<Appointment[]>(page, 'appointments.list', { from: quietDay, to: addDays(quietDay, 21), providerIds: [provider.id], patientId: cy!.id });
  expect(cys.map((a) => a.start)).toEqual([0, 14, 21].map((n) => `${addDays(quietDay, n)}T${seriesAt}`));

  // 5. Week and month views for the same provider.
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await page.getByLabel('Provider', { exact: true }).selectOption(provider.id);
  await expect(page).toHaveURL(new RegExp(`/week/${quietDay}/${provider.id}$`));
  // Monday to Saturday: the demo clinic is closed on Sundays, so that column is left out.
  await expect(page.getByRole('columnheader')).toHaveCount(6);
  await expect(page.getByRole('columnheader').first()).toContainText('Mon');
  await expect(page.getByRole('application').getByRole('button', { name: literally(cy!.name) })).toHaveCount(1);
  await page.goto(`${demo.url}#/schedule/calendar/week/${busyDay}/${provider.id}`);
  await expect(page.getByRole('application').getByRole('button').first()).toBeVisible();
  await screenshot(page, 'schedule-week-view');
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  const month = page.getByRole('table', { name: /^Appointments in / });
  await expect(month).toBeVisible();
  await expect(month.getByRole('button', { name: /\d+ appointments\. Open the day\.$/ }).first()).toBeVisible();
  await screenshot(page, 'schedule-month-view');

  // 6. Check-in to completed, on an appointment today (the manager back-enters one before opening).
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await manager.goto(demo.url);
  await signIn(manager, 'manager', 'keel-demo-manager');
  await expect(manager.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const early = await apiValue<Appointment>(manager, 'appointments.book', {
    booking: { patientId: dee!.id, providerId: provider.id, typeId: type.id, roomId: null, start: `${today}T06:00`, end: `${today}T${clock(360 + type.durationMinutes)}`, reason: 'Early check', note: '' },
    override: { reason: 'Seen before opening (e2e)' },
  });
  await managerContext.close();
  await page.goto(`${demo.url}#/schedule/calendar/day/${today}/${provider.id}`);
  const earlyBlock = page.getByRole('application').getByRole('button', { name: new RegExp(`^6:00 AM to .*${escape(dee!.name)}`) });
  await earlyBlock.click();
  const opened = page.getByRole('dialog', { name: literally(dee!.name) });
  await opened.getByRole('button', { name: 'Check in (arrived)' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${dee!.name}: arrived.` })).toBeVisible();
  await expect(earlyBlock).toContainText(/waiting \d+ min/);
  // The dialog stays open for the next step.
  await opened.getByRole('button', { name: 'Into the room' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${dee!.name}: in room.` })).toBeVisible();
  await opened.getByRole('button', { name: 'Completed' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${dee!.name}: completed.` })).toBeVisible();
  await expect(opened.getByText('Completed', { exact: true }).first()).toBeVisible();
  await screenshot(page, 'schedule-appointment-completed');
  await page.keyboard.press('Escape');
  await expect(earlyBlock).toHaveAccessibleName(/ Completed$/);
  const done = await apiValue<Appointment>(page, 'appointments.get', { id: early.id });
  expect(done.status).toBe('completed');
  expect(done.arrivedAt).not.toBeNull();
  expect(done.completedAt).not.toBeNull();

  // The day view of a busy day, and Today with the waiting room.
  await page.goto(`${demo.url}#/schedule/calendar/day/${busyDay}`);
  await expect(page.getByRole('application').getByRole('button').first()).toBeVisible();
  await screenshot(page, 'schedule-day-view');
  await page.goto(`${demo.url}#/schedule/calendar/day/${busyDay}/rooms`);
  await expect(page.getByRole('application').getByRole('button').first()).toBeVisible();
  await screenshot(page, 'schedule-room-view');
});
