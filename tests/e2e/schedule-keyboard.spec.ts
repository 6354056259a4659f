import type { Page } from '@playwright/test';
import { addDays, apiValue, clinicToday, expect, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * Booking by keyboard flows: G takes the focus from anywhere on the calendar to
 * the grid (instead of some thirty Tabs), the shortcut is written under the
 * grid, and when the booking dialog closes — left with Escape or after booking —
 * the focus is back on the grid, on the slot it was opened from.
 */

interface Frame {
  providers: Array<{ id: string; fullName: string; flag: unknown }>;
  types: Array<{ id: string; durationMinutes: number; active: boolean; roomKind: string | null }>;
  working: Array<{ staffId: string; intervals: Array<{ start: string; end: string }> }>;
}

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

/** A day a week or more ahead and a provider who may be booked and works on it, asked of the data. */
async function workingDay(page: Page): Promise<{ day: string; provider: Frame['providers'][number] }> {
  const today = await clinicToday(page);
  for (let day = addDays(today, 7); day <= addDays(today, 28); day = addDays(day, 1)) {
    const frame = await apiValue<Frame>(page, 'schedule.frame', { from: day, to: day });
    const provider = frame.providers.find((p) => p.flag === null && frame.working.find((w) => w.staffId === p.id)?.intervals.some((i) => i.start.startsWith(day)));
    if (provider) return { day, provider };
  }
  throw new Error('No bookable provider works in the weeks ahead: has the demo changed?');
}

test('G goes to the grid, and the focus comes back to the slot when the booking dialog closes', async ({ page }) => {
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const { day, provider } = await workingDay(page);
  // Someone with nothing else that day, so the booking cannot clash with their own.
  const thatDay = await apiValue<Array<{ patient: { id: string } }>>(page, 'appointments.list', { from: day, to: day });
  const patient = (await apiValue<Array<{ id: string; name: string }>>(page, 'patients.search', { query: 'a', limit: 20 })).find((p) => !thatDay.some((a) => a.patient.id === p.id));

  await page.goto(`${demo.url}#/schedule/calendar/day/${day}`);
  const grid = page.getByRole('application');
  await expect(page.getByRole('columnheader', { name: new RegExp(provider.fullName) })).toBeVisible();
  // The shortcut is written where people look for help, and the grid says it has one.
  await expect(page.getByText('goes to the grid')).toBeVisible();
  await expect(grid).toHaveAttribute('aria-keyshortcuts', 'G');

  // From the toolbar, one key to the grid; the cursor says where it is at once.
  await page.getByRole('button', { name: 'Today', exact: true }).focus();
  await page.keyboard.press('g');
  await expect(grid).toBeFocused();
  const cursorText = page.locator('.sr-only[aria-live="polite"]').filter({ hasText: /, \d{1,2}:\d{2} [AP]M/ });
  await expect(cursorText).toContainText(/, \d{1,2}:\d{2} [AP]M/);
  for (let i = 0; i < 8 && !(await cursorText.innerText()).startsWith(provider.fullName); i++) await page.keyboard.press('ArrowRight');
  await expect(cursorText).toContainText(`${provider.fullName}, `);
  // A free working slot: down until the cursor offers to book.
  for (let i = 0; i < 60 && !(await cursorText.innerText()).endsWith('free. Enter books it.'); i++) await page.keyboard.press('ArrowDown');
  await expect(cursorText).toHaveText(/free\. Enter books it\.$/);
  const slot = await cursorText.innerText();

  // Escape leaves the dialog: back on the grid, on the same slot.
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(grid).toBeFocused();
  await expect(cursorText).toHaveText(slot);

  // Booked by keyboard: back on the grid, on the slot, which now holds the appointment.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.type(patient!.name.split(',')[0]!);
  const option = dialog.getByRole('listbox').getByRole('option', { selected: true });
  await expect(option).toBeVisible();
  while (!(await option.innerText().catch(() => '')).includes(patient!.name)) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(patient!.name)).toBeVisible();
  // One slot long, so it fits the free slot whatever follows it.
  const short = (await apiValue<Frame>(page, 'schedule.frame', { from: day, to: day })).types.find((t) => t.active && t.durationMinutes === 15 && !t.roomKind)!;
  await dialog.getByLabel('Type', { exact: true }).selectOption(short.id);
  await dialog.getByLabel('Reason for visit').focus();
  await page.keyboard.type('Keyboard booking');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Booked ${patient!.name}` })).toBeVisible();
  await expect(grid).toBeFocused();
  await expect(cursorText).toContainText(`${slot.split(', free')[0]}: ${patient!.name}`);
  await expect(cursorText).toContainText('Enter opens it.');
});
