import { expect, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

/**
 * The booking and appointment dialogs by keyboard (issue 13, points 11 and 12):
 * the focus stays in the form after choosing the patient, and Esc on a
 * filled-in form asks before discarding it.
 */

let demo: KeelServer;
test.beforeAll(async () => {
  demo = await startKeel(['--demo']);
});
test.afterAll(async () => {
  await stopKeel(demo);
});

test.use({ viewport: { width: 1366, height: 768 } });

test('after choosing the patient the focus stays in the booking form, and Esc asks before a filled-in form is discarded', async ({ page }) => {
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Schedule', exact: true }).click();

  // Untouched, Esc simply closes.
  await page.getByRole('button', { name: 'New appointment' }).click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await expect(dialog.getByRole('combobox', { name: 'Patient' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Choose a patient by keyboard: the focus moves on to the reason, inside the dialog.
  await page.getByRole('button', { name: 'New appointment' }).click();
  await page.keyboard.type('a');
  await expect(dialog.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: /^Choose another patient instead of / })).toBeVisible();
  const reason = dialog.getByLabel('Reason for visit');
  await expect(reason).toBeFocused();
  await page.keyboard.type('Sore throat');

  // Esc asks; Keep editing (the default) goes back to the field with nothing lost.
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Discard this appointment?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(reason).toBeFocused();
  await expect(reason).toHaveValue('Sore throat');

  // The × asks too; Discard closes.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(ask).toBeHidden();
  await expect(dialog).toBeHidden();
});
