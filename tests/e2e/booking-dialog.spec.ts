import { addDays, apiValue, clinicToday, expect, signIn, startKeel, stopKeel, test, type KeelServer } from './fixtures';

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

interface Appointment {
  id: string;
  start: string;
  end: string;
  status: string;
  providerId: string;
  typeId: string;
  reason: string;
  note: string;
  seriesId: string | null;
  patient: { id: string; name: string };
}
interface Frame {
  providers: Array<{ id: string; staffRole: string; flag: unknown }>;
  types: Array<{ id: string; durationMinutes: number; roomKind: string | null; providerRoles: string[]; active: boolean }>;
}

const spoken = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the appointment dialog edits type, reason and note with undo; a cancellation needs its reason, offers common ones, can be undone, and its waitlist match is an action', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(demo.url);
  await signIn(page, 'reception', 'keel-demo-reception');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  const today = await clinicToday(page);
  // A booked appointment, not in a series, two to three weeks ahead with a provider who can be booked (read from the data).
  const from = addDays(today, 14);
  const to = addDays(today, 21);
  const frame = await apiValue<Frame>(page, 'schedule.frame', { from, to });
  const list = await apiValue<Appointment[]>(page, 'appointments.list', { from, to });
  const a = list.find((x) => x.status === 'booked' && !x.seriesId && frame.providers.find((p) => p.id === x.providerId)?.flag === null && /:(00|15|30|45)$/.test(x.start))!;
  expect(a).toBeDefined();
  const role = frame.providers.find((p) => p.id === a.providerId)!.staffRole;
  const current = frame.types.find((t) => t.id === a.typeId)!;
  // Someone on the waitlist whom that time suits.
  const waiting = (await apiValue<Array<{ id: string; name: string }>>(page, 'patients.search', { query: 'o', limit: 40 })).find((p) => !list.some((x) => x.patient.id === p.id))!;
  await apiValue(page, 'waitlist.add', { patientId: waiting.id, typeId: a.typeId, providerIds: [a.providerId], weekdays: [], timeFrom: '06:00', timeTo: '21:00', urgency: 'urgent', note: '' });

  const day = a.start.slice(0, 10);
  await page.goto(`${demo.url}#/schedule/calendar/day/${day}`);
  const block = page.getByRole('application').getByRole('button', { name: new RegExp(`^${escape(spoken(a.start.slice(11)))} to .*${escape(a.patient.name)}`) });
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${escape(a.patient.name)} ·`) });

  // 1. Edit the type (one of the same length and room), the reason and the note; then undo.
  await block.click();
  await dialog.getByRole('button', { name: 'Edit type, reason or note…' }).click();
  const other = frame.types.find((t) => t.active && t.id !== a.typeId && t.providerRoles.includes(role) && t.durationMinutes === current.durationMinutes && t.roomKind === current.roomKind);
  if (other) await dialog.getByLabel('Type', { exact: true }).selectOption(other.id);
  await dialog.getByLabel('Reason for visit').fill('Knee pain');
  await dialog.getByLabel('Note for the front desk').fill('Bring the X-rays');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  const saved = page.getByRole('status').filter({ hasText: `Saved ${a.patient.name}’s appointment.` });
  await expect(saved).toBeVisible();
  await expect(dialog.getByText('Knee pain')).toBeVisible();
  expect(await apiValue<Appointment>(page, 'appointments.get', { id: a.id })).toMatchObject({ reason: 'Knee pain', note: 'Bring the X-rays', typeId: other?.id ?? a.typeId });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await saved.getByRole('button', { name: /Undo/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone.' })).toBeVisible();
  expect(await apiValue<Appointment>(page, 'appointments.get', { id: a.id })).toMatchObject({ reason: a.reason, note: a.note, typeId: a.typeId, end: a.end });

  // 2. Cancel: the reason is required and marked so; common reasons fill it in.
  await block.click();
  await dialog.getByRole('button', { name: 'Cancel appointment…' }).click();
  const reason = dialog.getByLabel('Reason', { exact: true });
  await expect(reason).toHaveAttribute('required', '');
  await dialog.getByRole('button', { name: 'Cancel the appointment' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Say why, in a few words' })).toBeVisible();
  await expect(reason).toBeFocused();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  expect((await apiValue<Appointment>(page, 'appointments.get', { id: a.id })).status).toBe('booked');
  await dialog.getByRole('group', { name: 'Common reasons' }).getByRole('button', { name: 'Schedule conflict' }).click();
  await expect(reason).toHaveValue('Schedule conflict');
  await dialog.getByRole('button', { name: 'Cancel the appointment' }).click();
  await expect(dialog).toBeHidden();
  const cancelled = page.getByRole('status').filter({ hasText: `Canceled ${a.patient.name}’s appointment.` });
  await expect(cancelled).toBeVisible();
  // The waitlist match is an action that stays, with the focus on it.
  const matches = page.getByRole('group', { name: 'Waitlist matches for the freed time' });
  await expect(matches).toBeFocused();
  await expect(matches.getByRole('button', { name: /^Offer to / }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/cancel-waitlist-offer-1366.png' });

  // 3. Undo the cancellation: booked again, and the freed time is no longer offered.
  await cancelled.getByRole('button', { name: /Undo/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone.' })).toBeVisible();
  await expect(matches).toBeHidden();
  expect(await apiValue<Appointment>(page, 'appointments.get', { id: a.id })).toMatchObject({ status: 'booked', cancelReason: '' } as never);

  // 4. Cancel again and offer the time to the first match: the booking form opens for them in that slot.
  await block.click();
  await dialog.getByRole('button', { name: 'Cancel appointment…' }).click();
  await dialog.getByRole('group', { name: 'Common reasons' }).getByRole('button', { name: 'Feeling better' }).click();
  await dialog.getByRole('button', { name: 'Cancel the appointment' }).click();
  const offer = matches.getByRole('button', { name: /^Offer to / }).first();
  const offeredTo = (await offer.innerText()).replace(/^Offer to /, '').replace(/\s*(urgent|soon|routine)$/, '').trim();
  await offer.click();
  const booking = page.getByRole('dialog', { name: 'New appointment' });
  await expect(booking.getByText(offeredTo)).toBeVisible();
  await expect(booking.getByLabel('Provider')).toHaveValue(a.providerId);
  await expect(booking.getByLabel('Starts')).toHaveValue(a.start.slice(11));
  await booking.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(booking).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Booked ${offeredTo}` })).toBeVisible();
  await expect(matches).toBeHidden();
  const after = await apiValue<Appointment[]>(page, 'appointments.list', { from: day, to: day, providerIds: [a.providerId] });
  expect(after.find((x) => x.start === a.start && x.status === 'booked')?.patient.name).toBe(offeredTo);
});
