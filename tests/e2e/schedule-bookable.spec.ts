import type { Page } from '@playwright/test';
import { addDays, apiValue, clinicToday, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * The grid never calls a slot free when it is not: a provider whose required
 * credential lapses is "not bookable" from the next day on, in the keyboard
 * cursor's words and on her column, and Enter opens no booking form that could
 * only fail; time outside someone's working hours says so too, and only a
 * manager is offered to book over it.
 */

interface Frame {
  providers: Array<{ id: string; fullName: string; flag: { missing: string[]; expired: string[] } | null; standing: { expiries: Array<{ kind: string; expiresOn: string | null }> } | null }>;
  working: Array<{ staffId: string; intervals: Array<{ start: string; end: string }> }>;
}

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

/** "12/05/2026", as the MDY clinic writes a date. */
const written = (date: string) => `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;

/**
 * The first day in the coming four weeks on which a provider with a lapsing credential
 * is rostered and already flagged, asked of the data (the demo makes one of its
 * physicians' DEA registration expire a few days after the day it is created).
 */
async function lapsedDay(page: Page): Promise<{ day: string; provider: Frame['providers'][number]; lapsedOn: string; kind: string }> {
  const today = await clinicToday(page);
  for (let day = addDays(today, 1); day <= addDays(today, 28); day = addDays(day, 1)) {
    const frame = await apiValue<Frame>(page, 'schedule.frame', { from: day, to: day });
    const provider = frame.providers.find((p) => p.flag?.expired.length && frame.working.find((w) => w.staffId === p.id)?.intervals.some((i) => i.start.startsWith(day)));
    if (!provider) continue;
    const kind = provider.flag!.expired[0]!;
    const lapsedOn = provider.standing!.expiries.find((e) => e.kind === kind)!.expiresOn!;
    return { day, provider, lapsedOn, kind };
  }
  throw new Error('No provider has a credential lapsing in the next four weeks: has the demo changed?');
}

const cursorText = (page: Page) => page.locator('.sr-only[aria-live="polite"]').filter({ hasText: /, \d{1,2}:\d{2} [AP]M/ });

/** Focuses the grid and moves the cursor to the named column (at the first hour). */
async function cursorTo(page: Page, columnLabel: string): Promise<void> {
  await page.getByRole('application').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 8 && !(await cursorText(page).innerText()).startsWith(columnLabel); i++) await page.keyboard.press('ArrowRight');
  await expect(cursorText(page)).toContainText(columnLabel);
}

test('a provider whose credential lapsed is not bookable by keyboard or click, and says why on her column', async ({ page, browser }) => {
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const { day, provider, lapsedOn } = await lapsedDay(page);
  const working = (await apiValue<Frame>(page, 'schedule.frame', { from: day, to: day })).working.find((w) => w.staffId === provider.id)!.intervals.find((i) => i.start.startsWith(day))!;

  await page.goto(`${demo.url}#/schedule/calendar/day/${day}`);
  const header = page.getByRole('columnheader', { name: new RegExp(provider.fullName) });
  await expect(header).toContainText(`Not bookable: DEA expired ${written(lapsedOn).slice(0, 5)}`);

  // Inside her working hours, on a free slot: the cursor says why, and offers nothing.
  await cursorTo(page, provider.fullName);
  const startMinute = Number(working.start.slice(11, 13)) * 60 + Number(working.start.slice(14, 16));
  for (let i = 0; i < 60; i++) {
    const text = await cursorText(page).innerText();
    const [, h, m, ap] = /, (\d{1,2}):(\d{2}) ([AP]M)/.exec(text)!;
    const minute = ((Number(h) % 12) + (ap === 'PM' ? 12 : 0)) * 60 + Number(m);
    if (minute >= startMinute && !text.includes('Enter opens it')) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(cursorText(page)).toContainText(`${provider.fullName}, `);
  await expect(cursorText(page)).toContainText(`not bookable: DEA registration expired ${written(lapsedOn)}.`);
  await expect(cursorText(page)).not.toContainText('free');
  await expect(cursorText(page)).not.toContainText('Enter books it');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `${provider.fullName} cannot be booked` })).toContainText(`DEA registration expired ${written(lapsedOn)}`);
  await expect(page.getByRole('dialog', { name: 'New appointment' })).toHaveCount(0);
  await screenshot(page, 'schedule-not-bookable');

  // Not even a manager books over a lapsed credential; the manager is offered to book over hours someone is not working.
  const context = await browser.newContext();
  const manager = await context.newPage();
  await manager.goto(demo.url);
  await signIn(manager, 'manager', 'keel-demo-manager');
  await expect(manager.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await manager.goto(`${demo.url}#/schedule/calendar/day/${day}`);
  await cursorTo(manager, provider.fullName);
  await expect(cursorText(manager)).toContainText('not bookable: DEA registration expired');
  await expect(cursorText(manager)).not.toContainText('Enter books it');
  await manager.keyboard.press('Enter');
  await expect(manager.getByRole('dialog', { name: 'New appointment' })).toHaveCount(0);
  await context.close();
});

test('time outside working hours is not bookable for the front desk and is an override for the manager', async ({ page, browser }) => {
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  // A day and an unflagged provider whose shift starts after the grid's first hour.
  const today = await clinicToday(page);
  let found: { day: string; provider: Frame['providers'][number] } | null = null;
  for (let day = addDays(today, 1); day <= addDays(today, 28) && !found; day = addDays(day, 1)) {
    const frame = await apiValue<Frame>(page, 'schedule.frame', { from: day, to: day });
    const starts = frame.providers.flatMap((p) => frame.working.find((w) => w.staffId === p.id)?.intervals.filter((i) => i.start.startsWith(day)).map((i) => ({ p, start: i.start.slice(11) })) ?? []);
    const earliest = starts.map((s) => s.start).sort()[0];
    const late = starts.find((s) => s.p.flag === null && earliest && s.start.slice(0, 2) === earliest.slice(0, 2) && s.start > `${earliest.slice(0, 2)}:00`);
    if (late) found = { day, provider: late.p };
  }
  if (!found) throw new Error('No provider starts after the first hour of the day in the next four weeks: has the demo roster changed?');
  const { day, provider } = found;

  await page.goto(`${demo.url}#/schedule/calendar/day/${day}`);
  await cursorTo(page, provider.fullName);
  await expect(cursorText(page)).toContainText(`${provider.fullName}, `);
  await expect(cursorText(page)).toContainText('not bookable: not working then (works ');
  await expect(cursorText(page)).not.toContainText('Enter books it');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `${provider.fullName} cannot be booked` })).toContainText('Only an office manager can book over it');
  await expect(page.getByRole('dialog', { name: 'New appointment' })).toHaveCount(0);

  const context = await browser.newContext();
  const manager = await context.newPage();
  await manager.goto(demo.url);
  await signIn(manager, 'manager', 'keel-demo-manager');
  await expect(manager.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await manager.goto(`${demo.url}#/schedule/calendar/day/${day}`);
  await cursorTo(manager, provider.fullName);
  await expect(cursorText(manager)).toContainText('not bookable: not working then');
  await expect(cursorText(manager)).toContainText('Enter books it as a manager’s override, with a reason.');
  await manager.keyboard.press('Enter');
  await expect(manager.getByRole('dialog', { name: 'New appointment' })).toBeVisible();
  await context.close();
});

test('in a week view a credential lapses on its day, not from the week’s first day', async ({ page }) => {
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const { provider, lapsedOn } = await lapsedDay(page);
  // The week holding the last valid day, and the week after: every day column is marked by its own date.
  for (const shown of [lapsedOn, addDays(lapsedOn, 7)]) {
    await page.goto(`${demo.url}#/schedule/calendar/week/${shown}/${provider.id}`);
    await expect(page.getByRole('application')).toBeVisible();
    const frame = await apiValue<{ from: string }>(page, 'schedule.frame', { from: shown, to: shown });
    expect(frame.from).toBe(shown);
    // A day the clinic is closed (Christmas, a holiday the data holds) says so instead, whatever the credential.
    const monday = addDays(shown, 1 - (new Date(`${shown}T00:00:00Z`).getUTCDay() || 7));
    const week = await apiValue<{ closures: Array<{ date: string; label: string }> }>(page, 'schedule.frame', { from: monday, to: addDays(monday, 6) });
    const closed = new Map(week.closures.map((c) => [c.date, c.label]));
    const headers = page.getByRole('columnheader');
    const count = await headers.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const header = headers.nth(i);
      const text = await header.innerText();
      if (!/\w{3}, \w{3} \d{1,2}/.test(text)) continue;
      // The column's date, from its position in the week: Monday first.
      const dates = Array.from({ length: 7 }, (_, k) => addDays(monday, k));
      const date = dates.find((d) => text.includes(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(`${d}T00:00:00Z`))))!;
      if (closed.has(date)) await expect(header).toContainText(`Closed: ${closed.get(date)}`);
      else if (date > lapsedOn) await expect(header).toContainText('Not bookable: DEA expired');
      else await expect(header).not.toContainText('Not bookable');
    }
  }
});
