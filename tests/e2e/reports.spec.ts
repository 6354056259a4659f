import type { ReportSpan } from '../../shared/contract/schedule-reports';
import { formatLongDate } from '../../shared/domain/format';
import { openingRange } from '../../shared/domain/report-period';
import { apiValue, clinicToday, expect, screenshot, signIn, startKeel, stopKeel, test } from './fixtures';

test('the schedule reports open on a period that has appointments, not on weeks of zeros', async ({ page }) => {
  const keel = await startKeel(['--demo']);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(keel.url);
    await signIn(page, 'manager', 'keel-demo-manager');
    await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
    // The demo's history starts a few weeks before its today.
    const span = await apiValue<ReportSpan>(page, 'scheduleReports.get', {});
    const today = await clinicToday(page);
    expect(span.first! > openingRange(today, null).from, 'the demo starts less than 3 months before its today').toBe(true);
    await page.goto(`${keel.url}#/schedule/reports`);
    // Said in words, as the page says it (the date fields' format is the clinic's).
    const long = (date: string) => formatLongDate(new Date(`${date}T12:00:00Z`), 'UTC', 'MDY');
    await expect(page.getByText(`${long(span.first!)} to ${long(today)} · the latest period with appointments`)).toBeVisible();
    const weekly = page.getByRole('table', { name: 'Appointments per provider per week' });
    const total = weekly.getByRole('row', { name: /^All providers/ });
    // The first week shown already has appointments.
    await expect(total.getByRole('cell').first()).not.toHaveText('0');
    await screenshot(page, 'schedule-reports-opening');
  } finally {
    await stopKeel(keel);
  }
});
