import { apiValue, dayWithSeveralProviders, expect, screenshot, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

interface ReminderRow {
  appointmentId: string;
  patientName: string;
  status: string;
  phone: string;
}

test('reminder calls are kept: outcomes with who and when survive a reload, and “confirmed” confirms the appointment', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const day = await dayWithSeveralProviders(page, { minReminderCalls: 3 });
  // Two patients not yet confirmed, as the data says.
  const calls = (await apiValue<ReminderRow[]>(page, 'appointments.reminders', { date: day })).filter((r) => r.status === 'booked');
  expect(calls.length).toBeGreaterThanOrEqual(2);
  const [first, second] = calls as [ReminderRow, ReminderRow];

  await page.goto(`${demo.url}#/schedule/lists/${day}`);
  const reminders = page.getByRole('region', { name: 'Reminder calls' });
  await reminders.getByRole('textbox', { name: 'Calls for' }).fill(day);
  await expect(reminders.getByRole('button', { name: `Record call: ${first.patientName}` })).toBeVisible();

  // A message left for the first patient, by keyboard: the choice, a note, Enter.
  await reminders.getByRole('button', { name: `Record call: ${first.patientName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Call to ${first.patientName}` });
  await expect(dialog).toBeVisible();
  // Saving without a choice says what is missing, and records nothing.
  await dialog.getByRole('button', { name: 'Save call' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose what came of the call');
  await dialog.getByRole('radio', { name: /Left a message/ }).check();
  await dialog.getByLabel('Note (optional)').fill('Voicemail; call back after 3');
  await dialog.getByLabel('Note (optional)').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(reminders.getByRole('status').filter({ hasText: 'Saved:' })).toHaveText(`Saved: left a message, ${first.patientName}.`);
  // The focus is back on that row's button.
  await expect(reminders.getByRole('button', { name: `Call again: ${first.patientName}` })).toBeFocused();

  // The second patient confirms.
  await reminders.getByRole('button', { name: `Record call: ${second.patientName}` }).click();
  const second_ = page.getByRole('dialog', { name: `Call to ${second.patientName}` });
  await second_.getByRole('radio', { name: /^Confirmed/ }).check();
  await second_.getByRole('button', { name: 'Save call' }).click();
  await expect(second_).toBeHidden();
  await expect(reminders).toContainText('2 called, 1 confirmed');
  await screenshot(page, 'reminder-calls-1366');

  // Reload: the calls are still there, with who made them.
  await page.reload();
  await reminders.getByRole('textbox', { name: 'Calls for' }).fill(day);
  const firstRow = reminders.getByRole('row').filter({ hasText: first.patientName });
  const secondRow = reminders.getByRole('row').filter({ hasText: second.patientName });
  await expect(firstRow).toContainText('Left a message');
  await expect(firstRow).toContainText('Riley Chen');
  await expect(firstRow).toContainText('Voicemail; call back after 3');
  await expect(secondRow).toContainText('Confirmed');
  await expect(secondRow).toContainText('Riley Chen');
  await expect(reminders).toContainText('2 called, 1 confirmed');

  // “Confirmed” confirmed the appointment itself.
  const appointment = await apiValue<{ status: string }>(page, 'appointments.get', { id: second.appointmentId });
  expect(appointment.status).toBe('confirmed');
  expect((await apiValue<{ status: string }>(page, 'appointments.get', { id: first.appointmentId })).status).toBe('booked');

  // Calling again keeps the history: the form lists the earlier call.
  await reminders.getByRole('button', { name: `Call again: ${first.patientName}` }).click();
  const again = page.getByRole('dialog', { name: `Call to ${first.patientName}` });
  await expect(again.getByRole('list')).toContainText('Left a message · Riley Chen');
  await again.getByRole('radio', { name: /Called, no answer/ }).check();
  await again.getByRole('button', { name: 'Save call' }).click();
  await expect(again).toBeHidden();
  await expect(firstRow).toContainText('Called, no answer');
  await expect(firstRow).toContainText('2 calls');

  await page.setViewportSize({ width: 1024, height: 768 });
  await reminders.scrollIntoViewIfNeeded();
  await screenshot(page, 'reminder-calls-1024');
  // The call list does not scroll sideways at the smaller size.
  expect(await reminders.locator('.table-wrap').evaluate((wrap) => wrap.scrollWidth <= wrap.clientWidth)).toBe(true);
});
