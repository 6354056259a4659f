import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { apiValue, dayWithSeveralProviders, expect, SCREENSHOTS, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * Every main screen, as the office manager and the front desk see it on the
 * small demo clinic: axe (Deque's accessibility engine) finds nothing serious
 * or critical; at 1366×768 and 1024×768 nothing scrolls sideways, the schedule's
 * toolbar keeps to one row above a morning of the grid, and the sidebar folds
 * on the narrow screen. Screenshots of the day, the week, the day sheet and
 * Today at both sizes land in test-results/screens (fit-*.png).
 */

/** The little of the page's DOM these checks read inside page.evaluate (this side is typed for Node, without the DOM). */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  height: number;
}
interface El {
  scrollWidth: number;
  clientWidth: number;
  className: string;
  textContent: string | null;
  parentElement: El | null;
  getBoundingClientRect(): Box;
  querySelector(selector: string): El | null;
}
declare const document: { documentElement: El; querySelectorAll(selector: string): Iterable<El> };
declare function getComputedStyle(el: El): { display: string; paddingRight: string; backgroundColor: string; borderTopStyle: string };

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

interface Places {
  day: string;
  providerId: string;
  patientId: string;
  staffId: string;
}

/** A busy day, a provider, a patient and a staff member, asked of the data. */
async function places(page: Page): Promise<Places> {
  const day = await dayWithSeveralProviders(page);
  const frame = await apiValue<{ providers: Array<{ id: string }> }>(page, 'schedule.frame', { from: day, to: day });
  const [patient] = await apiValue<Array<{ id: string }>>(page, 'patients.search', { query: 'a', limit: 1 });
  const [person] = await apiValue<Array<{ id: string }>>(page, 'staff.list', {});
  return { day, providerId: frame.providers[0]!.id, patientId: patient!.id, staffId: person!.id };
}

/** The main screens by their address, for a role. */
function screens(p: Places, role: 'manager' | 'reception'): Array<[string, string]> {
  const schedule: Array<[string, string]> = [
    ['Today', '#/today'],
    ['Schedule, day', `#/schedule/calendar/day/${p.day}`],
    ['Schedule, week', `#/schedule/calendar/week/${p.day}/${p.providerId}`],
    ['Schedule, month', `#/schedule/calendar/month/${p.day}`],
    ['Schedule, rooms', `#/schedule/calendar/day/${p.day}/rooms`],
    ['Day sheet and lists', `#/schedule/lists/${p.day}`],
    ['Waitlist', '#/schedule/waitlist'],
    ['Patients, search', '#/patients'],
    ['Patient record', `#/patients/record/${p.patientId}`],
    ['Concerns', '#/patients/concerns'],
    ['Staff directory', '#/staff/directory'],
    ['Staff person', `#/staff/person/${p.staffId}`],
    ['Roster', '#/staff/roster'],
    ['Time off', '#/staff/timeoff'],
    ['Rooms and equipment', '#/staff/facilities'],
    ['My account', '#/account'],
  ];
  // The front desk's own view of the screens that differ by role.
  if (role === 'reception') return schedule.filter(([name]) => ['Today', 'Schedule, day', 'Patient record', 'Staff person', 'Time off'].includes(name));
  return [
    ...schedule,
    ['Reports', '#/schedule/reports'],
    ['Patients, import and export', '#/patients/import'],
    ['Hiring', '#/staff/hiring'],
    ['Settings, clinic', '#/settings/clinic'],
    ['Settings, users', '#/settings/users'],
    ['Settings, staff rules', '#/settings/staff'],
    ['Settings, appointments', '#/settings/appointments'],
    ['Settings, backups', '#/settings/backups'],
  ];
}

/** Opens a screen and waits until it has loaded what it shows. */
async function open(page: Page, address: string): Promise<void> {
  await page.goto(`${demo.url}${address}`);
  await expect(page.locator('main')).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  if (address === '#/patients') {
    await page.getByRole('combobox').fill('an');
    await expect(page.getByRole('listbox', { name: 'Patients found' }).getByRole('option').first()).toBeVisible();
  }
}

async function signedIn(browser: Browser, username: string, password: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(demo.url);
  await signIn(page, username, password);
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  return page;
}

test('axe finds no serious or critical problem on any main screen, for the manager and the front desk', async ({ browser }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  for (const [username, password, role] of [
    ['manager', 'keel-demo-manager', 'manager'],
    ['reception', 'keel-demo-reception', 'reception'],
  ] as const) {
    const page = await signedIn(browser, username, password);
    const where = await places(page);
    for (const [name, address] of screens(where, role)) {
      await open(page, address);
      const result = await new AxeBuilder({ page }).analyze();
      for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        problems.push(`${role} · ${name}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help}; first at ${v.nodes[0]?.target.join(' ')}`);
      }
    }
    await page.context().close();
  }
  expect(problems, problems.join('\n')).toEqual([]);
});

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test(`fits ${viewport.width}×${viewport.height}: nothing scrolls sideways, one toolbar row above a morning of the grid`, async ({ browser }) => {
    test.setTimeout(240_000);
    const page = await signedIn(browser, 'manager', 'keel-demo-manager', viewport);
    const where = await places(page);
    const shot = async (name: string) => {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `fit-${viewport.width}-${name}.png`) });
    };
    const sideways = () =>
      page.evaluate(() => {
        const wide = (el: El) => el.scrollWidth > el.clientWidth + 1;
        const page = wide(document.documentElement) ? ['the page'] : [];
        // The grid of the rooms and the week, and the day sheet's tables, fit too (only many providers' columns may scroll).
        const inner = [...document.querySelectorAll('.cal-scroller, .lists-sheet .table-wrap')].filter(wide).map((el) => el.className);
        return [...page, ...inner];
      });

    // The sidebar folds to its icons on the narrow screen (and can be unfolded), and stays open on the wide one.
    const nav = page.getByRole('navigation', { name: 'Sections' });
    const navWidth = async () => (await nav.boundingBox())!.width;
    if (viewport.width < 1200) {
      expect(await navWidth()).toBeLessThan(80);
      await expect(nav.getByRole('link', { name: 'Schedule' })).toBeVisible();
    } else {
      expect(await navWidth()).toBeGreaterThan(180);
    }

    await open(page, '#/today');
    expect(await sideways()).toEqual([]);
    await shot('today');

    for (const [name, address] of [
      ['day', `#/schedule/calendar/day/${where.day}`],
      ['week', `#/schedule/calendar/week/${where.day}/${where.providerId}`],
      ['rooms', `#/schedule/calendar/day/${where.day}/rooms`],
      ['month', `#/schedule/calendar/month/${where.day}`],
    ] as const) {
      await open(page, address);
      const grid = page.getByRole('application');
      if (name !== 'month') await expect(grid.getByRole('button').first()).toBeVisible();
      expect(await sideways(), `${name} view`).toEqual([]);
      // One row: every control of the toolbar sits on the same line.
      const tops = await page.locator('.cal-toolbar > *').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2)));
      expect(Math.max(...tops) - Math.min(...tops), `${name} toolbar on one row`).toBeLessThanOrEqual(4);
      // No control covers another (the date field stays whole beside the views).
      const boxes = await page.locator('.cal-toolbar > *').evaluateAll((els) => els.map((el) => [el.getBoundingClientRect().left, el.getBoundingClientRect().right]));
      for (let i = 1; i < boxes.length; i++) expect(boxes[i]![0]!, `${name} toolbar controls side by side`).toBeGreaterThanOrEqual(boxes[i - 1]![1]! - 1);
      await expect(page.getByLabel('Go to date')).toBeInViewport({ ratio: 1 });
      if (name === 'month') continue;
      // A morning in view without scrolling the page: four hours of the grid below its column names, and nothing under the grid off screen.
      const shown = await page.locator('.cal-scroller').evaluate((el) => {
        const head = el.querySelector('.cal-head')!.getBoundingClientRect().height;
        return { hours: (el.getBoundingClientRect().height - head) / 96, bottom: el.getBoundingClientRect().bottom };
      });
      expect(shown.hours, `${name}: hours of the grid in view`).toBeGreaterThanOrEqual(4);
      await expect(page.locator('.cal-footer')).toBeInViewport({ ratio: 1 });
      await shot(name);
    }

    // In the week, a one-line block shortens the first name before it cuts anything: only a surname too long for the column alone may end in "…".
    await open(page, `#/schedule/calendar/week/${where.day}/${where.providerId}`);
    const cut = () =>
      page.locator('.cal-appt-short .cal-appt-name').evaluateAll((els) =>
        els
          .filter((el) => {
            const block = el.parentElement!;
            return el.getBoundingClientRect().right > block.getBoundingClientRect().right - parseFloat(getComputedStyle(block).paddingRight) + 1;
          })
          .map((el) => el.textContent!.trim())
          .filter((text) => text.includes(',')),
      );
    await expect.poll(cut).toEqual([]);

    await open(page, `#/schedule/lists/${where.day}`);
    await expect(page.getByRole('region', { name: 'Day sheet', exact: true }).getByRole('table').first()).toBeVisible();
    expect(await sideways()).toEqual([]);
    await shot('day-sheet');

    // On paper, each provider's table repeats a head row naming the provider, so a continued page still says whose it is.
    const first = page.getByRole('region', { name: 'Day sheet', exact: true }).locator('.lists-provider').first();
    const provider = (await first.getByRole('heading', { level: 3 }).textContent())!.trim();
    await page.emulateMedia({ media: 'print' });
    const repeated = first.locator('thead .lists-print-row');
    await expect(repeated).toBeVisible();
    await expect(repeated).toContainText(provider);
    expect(await first.locator('thead').evaluate((el) => getComputedStyle(el).display)).toBe('table-header-group');
    await page.emulateMedia({ media: 'screen' });
    await expect(repeated).toBeHidden();
    await page.context().close();
  });
}

test('on the calendar a color means an appointment type, never a person: provider rings and type bars never coincide', async ({ browser }) => {
  const page = await signedIn(browser, 'reception', 'keel-demo-reception');
  const where = await places(page);
  const frame = await apiValue<{ providers: Array<{ fullName: string; colour: string }>; types: Array<{ colour: string }> }>(page, 'schedule.frame', { from: where.day, to: where.day });
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const apart = (a: string, b: string) => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]!));
  for (const p of frame.providers) for (const t of frame.types) expect(apart(p.colour, t.colour), `${p.fullName} ${p.colour} against type ${t.colour}`).toBeGreaterThan(60);
  await open(page, `#/schedule/calendar/day/${where.day}`);
  // The person's mark is a hollow ring; the blocks' bars are solid.
  const ring = page.getByRole('columnheader').first().locator('.swatch');
  expect(await ring.evaluate((el) => [getComputedStyle(el as never).backgroundColor, getComputedStyle(el as never).borderTopStyle])).toEqual(['rgba(0, 0, 0, 0)', 'solid']);
  await page.context().close();
});
