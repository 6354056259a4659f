import type { Page } from '@playwright/test';
import type { Concern } from '../../shared/contract/concerns';
import { addDays, apiValue, expect, isoWeekday, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

// The computer at the front desk is set to Tokyo; the clinic is in New York.
test.use({ timezoneId: 'Asia/Tokyo' });

const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));

/** The names of Today's cards, top to bottom and left to right. */
async function cardNames(page: Page): Promise<string[]> {
  // A title's count badge ("Waiting room 2") comes and goes with the data.
  return (await page.locator('.card-grid > section > h3').allTextContents()).map((t) => t.replace(/\s*\d+$/, '').trim());
}

test('Today greets by the clinic’s clock, keeps its shape while loading, puts what needs action first, and shows the front desk no staff-conduct complaints', async ({ page }) => {
  // 21:00 UTC: afternoon in New York (4 or 5 PM), morning in Tokyo (6 AM).
  const utcDay = new Date().toISOString().slice(0, 10);
  await page.clock.install({ time: new Date(`${utcDay}T21:00:00Z`) });
  // Hold the first answers back, to look at Today while it loads.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  for (const channel of ['appointments.today', 'concerns.list']) {
    await page.route(`**/api/${channel}`, async (route) => {
      await held;
      await route.continue();
    });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Good afternoon, Riley' })).toBeVisible();

  const waiting = page.getByRole('region', { name: /^Waiting room/ });
  await expect(waiting.getByRole('status')).toHaveText('Loading today’s schedule…');
  const loadingCards = await cardNames(page);
  const firstRow = await Promise.all(['Waiting room', 'Open concerns'].map(async (name) => (await page.getByRole('region', { name: new RegExp(`^${name}`) }).boundingBox())!));
  await screenshot(page, 'today-loading-1366');
  release();
  // Free time is left today, or the card says there is none (late in the day, a closed day): as the data says.
  const free = page.getByRole('region', { name: 'Next free slots' });
  const { nextFree } = await apiValue<{ nextFree: unknown[] }>(page, 'appointments.today', {});
  if (nextFree.length > 0) await expect(free.getByRole('list')).toBeVisible();
  else await expect(free.getByText('No free time left today.')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Open concerns/ }).getByRole('link', { name: /concerns log|See all/ })).toBeVisible();
  // The same cards in the same places: nothing appeared, went or moved sideways or up once the data came.
  expect(await cardNames(page)).toEqual(loadingCards);
  const loadedFirstRow = await Promise.all(['Waiting room', 'Open concerns'].map(async (name) => (await page.getByRole('region', { name: new RegExp(`^${name}`) }).boundingBox())!));
  loadedFirstRow.forEach((box, i) => {
    expect(box.x).toBe(firstRow[i]!.x);
    expect(box.y).toBe(firstRow[i]!.y);
  });

  // What needs action comes first; the day at a glance after.
  const action = page.getByRole('group', { name: 'Needs attention' });
  await expect(action.getByRole('region', { name: /^Waiting room/ })).toBeVisible();
  await expect(action.getByRole('region', { name: /^Open concerns/ })).toBeVisible();
  const glance = page.getByRole('group', { name: 'The day at a glance' });
  await expect(glance.getByRole('region', { name: 'Today’s appointments' })).toBeVisible();
  const names = await cardNames(page);
  expect(names.indexOf('Waiting room')).toBe(0);
  expect(names.indexOf('Open concerns')).toBeLessThan(names.indexOf('Today’s appointments'));

  // "Updated" by the clinic's clock too (4 or 5 PM in New York), not the computer's (6 AM) nor UTC's (9 PM).
  await expect(page.getByRole('region', { name: 'Today’s appointments' })).toContainText(/Updated [45]:0\d PM/);

  // The demo has staff-conduct complaints; the front desk does not see them.
  const concerns = page.getByRole('region', { name: /^Open concerns/ });
  await expect(concerns).not.toContainText('Staff conduct');
  await screenshot(page, 'today-reception-1366');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'today-reception-1024');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'manager', 'keel-demo-manager');
  await expect(page.getByRole('heading', { name: 'Good afternoon, Morgan' })).toBeVisible();
  const conduct = (await apiValue<Concern[]>(page, 'concerns.list', { status: 'unresolved', category: 'staff_conduct' })).length;
  expect(conduct, 'the demo has unresolved staff-conduct complaints').toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: /^Open concerns/ })).toContainText('Staff conduct');
  // Under-coverage lists only what is still ahead this week, not the days gone by.
  // Today's date as the screen has it (by the page's clock, in the clinic's zone).
  const today = await page.evaluate(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()));
  const gaps = await apiValue<Array<{ date: string }>>(page, 'coverage.gaps', { weekStart: mondayOf(today) });
  const ahead = gaps.filter((g) => g.date >= today).length;
  const coverage = page.getByRole('region', { name: /^Under-covered this week/ });
  if (ahead === 0) await expect(coverage).toContainText('Every coverage rule is met for the rest of this week.');
  else await expect(coverage.getByRole('listitem')).toHaveCount(ahead);
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'today-manager-1366');
});
