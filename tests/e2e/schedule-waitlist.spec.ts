import { test as base } from '@playwright/test';
import { apiValue, expect, screenshot, signIn, startKeel, stopKeel, type KeelServer } from './fixtures';

/** The small demo clinic: a waitlist with urgent, soon and routine entries, and two closed ones. */
const test = base.extend<{ keel: KeelServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument
  keel: async ({}, use) => {
    const server = await startKeel(['--demo']);
    await use(server);
    await stopKeel(server);
  },
});

interface Entry {
  id: string;
  patient: { id: string; name: string };
  typeId: string;
  typeName: string;
  urgency: 'urgent' | 'soon' | 'routine';
  note: string;
  status: string;
  appointmentId: string | null;
}
interface Match {
  id: string;
  name: string;
  active: boolean;
}
interface Appointment {
  id: string;
  typeId: string;
  providerName: string;
  start: string;
  note: string;
}

const RANK = { urgent: 0, soon: 1, routine: 2 } as const;

test('reception works the waitlist: urgent first, adds a patient by keyboard, books them a slot, removes another', async ({ page, keel }) => {
  await page.goto(keel.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Schedule' }).click();
  await page.getByRole('navigation', { name: 'Schedule' }).getByRole('link', { name: 'Waitlist' }).click();
  await expect(page.getByRole('heading', { name: 'Waitlist', exact: true })).toBeVisible();

  // The demo's urgent entries come first, then the rest by urgency; the table follows the server's order.
  const before = await apiValue<Entry[]>(page, 'waitlist.list', { status: 'waiting' });
  expect(before.length).toBeGreaterThanOrEqual(3);
  expect(before[0]?.urgency).toBe('urgent');
  const table = page.getByRole('table', { name: /Patients waiting/ });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(before.length);
  const shownUrgencies = (await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim().toLowerCase() as Entry['urgency']);
  expect(shownUrgencies[0]).toBe('urgent');
  expect(shownUrgencies.map((u) => RANK[u])).toEqual([...shownUrgencies.map((u) => RANK[u])].sort((a, b) => a - b));
  for (const [i, entry] of before.entries()) await expect(rows.nth(i)).toContainText(entry.patient.name);
  await expect(page.getByText(`${before.length} patients waiting`)).toBeVisible();
  await screenshot(page, 'schedule-waitlist');

  // A patient who is not waiting yet and is second among several matches, so choosing takes an arrow key.
  const waitingIds = new Set(before.map((e) => e.patient.id));
  let query = '';
  let target: Match | undefined;
  for (const candidate of ['smith', 'john', 'will', 'brown', 'garc', 'mar', 'lee', 'and', 'an', 'ro']) {
    const found = await apiValue<Match[]>(page, 'patients.search', { query: candidate, limit: 8 });
    if (found.length >= 2 && found[1] && !waitingIds.has(found[1].id)) {
      query = candidate;
      target = found[1];
      break;
    }
  }
  expect(target, 'a demo patient to put on the waitlist').toBeDefined();
  const patient = target as Match;

  // Add them, by keyboard.
  await page.getByRole('button', { name: 'Add to waitlist' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add a patient to the waitlist' });
  const picker = dialog.getByRole('combobox', { name: 'Patient' });
  await expect(picker).toBeFocused();
  await page.keyboard.type(query);
  await expect(dialog.getByRole('option', { name: new RegExp(escape(patient.name)) }).first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('listbox').getByRole('option', { selected: true })).toContainText(patient.name);
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(patient.name)).toBeVisible();
  // Choosing the patient moves on to the type of appointment; typing picks from the list.
  const type = dialog.getByLabel('Type of appointment');
  await expect(type).toBeFocused();
  await page.keyboard.type('Follow');
  await expect(type.locator('option:checked')).toHaveText(/Follow-up/);
  await dialog.getByRole('radio', { name: /Urgent/ }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('radio', { name: /Urgent/ })).toBeChecked();
  await dialog.getByLabel('Note').focus();
  await page.keyboard.type('Can come at short notice');
  await screenshot(page, 'schedule-waitlist-add');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Add to waitlist' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Added ${patient.name} to the waitlist` })).toBeVisible();
  await expect(rows).toHaveCount(before.length + 1);
  const added = rows.filter({ hasText: patient.name });
  await expect(added).toContainText('Urgent');
  await expect(added).toContainText('Follow-up');
  await expect(added).toContainText('Any provider');
  await expect(added).toContainText('Any day');
  await expect(added).toContainText('8:00 AM – 5:00 PM');
  await expect(added).toContainText('added today');
  // Urgent first, then by date added: behind the demo's older urgent entries, ahead of everyone else.
  const urgentBefore = before.filter((e) => e.urgency === 'urgent').length;
  await expect(rows.nth(urgentBefore)).toContainText(patient.name);
  const entry = (await apiValue<Entry[]>(page, 'waitlist.list', { status: 'waiting' })).find((e) => e.patient.id === patient.id);
  expect(entry?.urgency).toBe('urgent');

  // Find a slot and book the first offer with one Enter.
  await added.getByRole('button', { name: `Find a slot for ${patient.name}` }).click();
  const finder = page.getByRole('dialog', { name: `Find a slot for ${patient.name}` });
  const firstBook = finder.getByRole('button', { name: /^Book / }).first();
  await expect(firstBook).toBeFocused();
  const offer = await firstBook.getAttribute('aria-label');
  await screenshot(page, 'schedule-waitlist-find');
  await page.keyboard.press('Enter');
  await expect(finder).toBeHidden();
  const booked = page.getByRole('status').filter({ hasText: `Booked ${patient.name} for a follow-up appointment` });
  await expect(booked).toBeVisible();
  await expect(rows).toHaveCount(before.length);
  await expect(rows.filter({ hasText: patient.name })).toHaveCount(0);

  // The server closed the entry itself, and the appointment is in the patient's upcoming list.
  const waitingNow = await apiValue<Entry[]>(page, 'waitlist.list', { status: 'waiting' });
  expect(waitingNow.some((e) => e.id === entry?.id)).toBe(false);
  const bookedEntries = await apiValue<Entry[]>(page, 'waitlist.list', { status: 'booked' });
  const closedEntry = bookedEntries.find((e) => e.id === entry?.id);
  expect(closedEntry?.appointmentId).toBeTruthy();
  const upcoming = (await apiValue<{ upcoming: Appointment[] }>(page, 'appointments.forPatient', { patientId: patient.id })).upcoming;
  const appointment = upcoming.find((a) => a.id === closedEntry?.appointmentId);
  expect(appointment?.typeId).toBe(entry?.typeId);
  expect(appointment?.note).toBe('Can come at short notice');
  await expect(booked).toContainText(`with ${appointment?.providerName}`);
  expect(offer).toContain(`with ${appointment?.providerName}`);

  // Remove another entry, after confirming.
  const other = waitingNow[waitingNow.length - 1] as Entry;
  await rows.filter({ hasText: other.patient.name }).getByRole('button', { name: `Remove ${other.patient.name} from the waitlist` }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove from the waitlist?' });
  await expect(confirm).toContainText(other.patient.name);
  await confirm.getByRole('button', { name: 'Remove from waitlist' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Removed ${other.patient.name} from the waitlist.` })).toBeVisible();
  await expect(rows).toHaveCount(before.length - 1);
  const closed = await apiValue<Entry[]>(page, 'waitlist.list', { status: 'closed' });
  expect(closed.find((e) => e.id === other.id)?.status).toBe('closed');

  // Past entries on request, clearly marked.
  await page.getByLabel('Also show booked and removed entries').check();
  const history = page.getByRole('table', { name: /no longer waiting/i });
  await expect(history.locator('tbody tr').filter({ hasText: patient.name })).toContainText('Booked');
  await expect(history.locator('tbody tr').filter({ hasText: other.patient.name })).toContainText('Removed');

  // The biller sees the list, read-only.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'billing', 'keel-demo-billing');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Schedule' }).click();
  await page.getByRole('navigation', { name: 'Schedule' }).getByRole('link', { name: 'Waitlist' }).click();
  await expect(page.getByRole('table', { name: /Patients waiting/ }).locator('tbody tr')).toHaveCount(before.length - 1);
  await expect(page.getByRole('button', { name: 'Add to waitlist' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Find a slot/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Remove/ })).toHaveCount(0);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
