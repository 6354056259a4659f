import type { TimeOff } from '../../shared/contract/timeoff';
import { apiValue, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * The small demo clinic on Wednesday 2026-12-02: its first medical assistant, rostered
 * 8:00 AM–4:30 PM on weekdays, asks for a vacation on Wed 12/09 and Thu 12/10. The
 * demo's names come from its seed, so the test takes the person from that request.
 */
const DAY = '2026-12-02';
let demo: KeelServer;

test.beforeAll(async () => {
  demo = await startKeel(['--demo', '--today', DAY]);
});
test.afterAll(async () => stopKeel(demo));

interface Labour {
  people: Array<{ fullName: string; paidMinutes: number; costCents: number }>;
  totals: { paidMinutes: number; costCents: number };
}

test('approving a pending vacation shows and takes his shifts off the roster, the labor cost drops, and it says so', async ({ page }) => {
  await page.clock.setFixedTime(new Date(`${DAY}T15:00:00Z`));
  await page.goto(demo.url);
  await signIn(page, 'manager', 'keel-demo-manager');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const week = { from: '2026-12-07', to: '2026-12-13' };
  const pending = (await apiValue<TimeOff[]>(page, 'timeoff.list', { ...week, status: 'pending' })).filter((t) => t.kind === 'vacation');
  expect(pending.map((t) => [t.start, t.end])).toEqual([['2026-12-09T00:00', '2026-12-11T00:00']]);
  const name = pending[0]!.staffName;
  const person = (labour: Labour) => labour.people.find((p) => p.fullName === name)!;
  const before = await apiValue<Labour>(page, 'roster.labour', week);
  expect(person(before).paidMinutes).toBe(5 * 480);

  await page.goto(`${demo.url}#/staff/timeoff`);
  // The approver's queue comes first, above the request form.
  const queue = page.getByRole('region', { name: 'Waiting for your decision' });
  const form = page.getByRole('form', { name: 'Request time off' });
  await expect(queue).toBeVisible();
  expect((await queue.boundingBox())!.y).toBeLessThan((await form.boundingBox())!.y);
  // Someone else's request is approved or declined, not withdrawn by the approver.
  await expect(queue.getByRole('button', { name: `Approve ${name}’s vacation` })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`^Withdraw ${name}`) })).toHaveCount(0);

  await queue.getByRole('button', { name: `Approve ${name}’s vacation` }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve time off' });
  await expect(dialog.getByText(`2 rostered shifts during it: 16 h of paid time`)).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Wed, Dec 9 8:00 AM–4:30 PM · taken off the roster' })).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Thu, Dec 10 8:00 AM–4:30 PM · taken off the roster' })).toBeVisible();
  await expect(dialog.getByLabel('Take these shifts off the roster')).toBeChecked();
  await screenshot(page, 'c7-approve-time-off');
  await dialog.getByRole('button', { name: 'Approve' }).click();

  const done = page.getByText(`Approved ${name}’s vacation, 12/09/2026 – 12/10/2026. 2 shifts taken off the roster.`);
  await expect(done).toBeVisible();
  await expect(page.locator('.timeoff-notice')).toBeFocused();
  await expect(queue.getByRole('button', { name: `Approve ${name}’s vacation` })).toHaveCount(0);
  await screenshot(page, 'c7-approved');

  // The roster: no shift for them on those days, and their hours and cost are two days less.
  await page.goto(`${demo.url}#/staff/roster/2026-12-07`);
  // Before, the cells read "Vacation approved" with the shift still on them and a warning.
  await expect(page.getByRole('gridcell', { name: `${name}, Wed, Dec 9. Vacation approved`, exact: true })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: `${name}, Thu, Dec 10. Vacation approved`, exact: true })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: new RegExp(`^${name}, Tue.*shift 8:00 AM–4:30 PM`) })).toBeVisible();
  await screenshot(page, 'c7-roster-after');
  const after = await apiValue<Labour>(page, 'roster.labour', week);
  expect(person(after).paidMinutes).toBe(3 * 480);
  expect(after.totals.costCents).toBe(before.totals.costCents - (person(before).costCents - person(after).costCents));
  expect(person(after).costCents).toBeLessThan(person(before).costCents);
});
