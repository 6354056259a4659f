import { apiValue, clinicDates, E2E_MANAGER, expect, screenshot, setUpClinic, signIn, test } from './fixtures';

const STAFF = { jobTitle: '', phone: '', email: '', employmentType: 'full_time', startDate: '2024-01-15', contractedHours: 40, payType: 'hourly', payRateCents: 2500, userId: null, bookable: false };

test('the manager builds a week from a template, copies it, sees an overlap warning, and moves a shift by keyboard and by drag', async ({ page, keel }) => {
  const { monday, addDays } = clinicDates();
  await setUpClinic(page, keel.url);
  const jordan = await apiValue<{ id: string }>(page, 'staff.create', { ...STAFF, fullName: 'Jordan Reyes', staffRole: 'nurse_ma', colour: '#2f855a' });
  await apiValue(page, 'staff.create', { ...STAFF, fullName: 'Riley Chen', staffRole: 'receptionist', colour: '#dd6b20' });
  await apiValue(page, 'templates.save', { name: 'Weekday days', weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '16:30', breakMinutes: 30, active: true });

  await page.getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('link', { name: 'Roster' }).click();
  await expect(page.getByRole('heading', { name: /^Week of / })).toBeVisible();
  await page.getByRole('button', { name: 'Apply template…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fill the week from a template' });
  await dialog.getByLabel('Jordan Reyes').check();
  await dialog.getByLabel('Riley Chen').check();
  await dialog.getByRole('button', { name: 'Add the shifts' }).click();
  await expect(page.getByText('Added 10 shifts from “Weekday days”.')).toBeVisible();
  const mondayCell = page.getByRole('gridcell', { name: /^Jordan Reyes, Mon.*shift 8:00 AM–4:30 PM, 30 minute break/ });
  await expect(mondayCell).toBeVisible();
  await expect(page.getByText('80 h', { exact: true })).toBeVisible();
  await screenshot(page, '20-roster-week');

  // Copy the week into the next one.
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page.getByText('0 h', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Copy last week' }).click();
  await expect(page.getByText('Copied 10 shifts from last week.')).toBeVisible();
  await expect(page.getByRole('gridcell', { name: /^Riley Chen, Fri.*shift 8:00 AM–4:30 PM/ })).toBeVisible();

  // An overlapping shift is warned about while editing, and after saving.
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'Add shift' }).click();
  const shiftDialog = page.getByRole('dialog', { name: 'Add a shift' });
  await shiftDialog.getByLabel('Person').selectOption({ label: 'Jordan Reyes' });
  await shiftDialog.getByLabel('Date').fill(addDays(monday, 1));
  await shiftDialog.getByLabel('Starts').fill('15:00');
  await shiftDialog.getByLabel('Ends').fill('19:00');
  await shiftDialog.getByLabel('Unpaid break (minutes)').fill('0');
  await expect(shiftDialog.getByText(/Overlaps Jordan Reyes’s shift Tue 8:00 AM–4:30 PM/)).toBeVisible();
  await screenshot(page, '21-shift-dialog-warning');
  await shiftDialog.getByRole('button', { name: 'Add shift' }).click();
  await expect(page.getByRole('heading', { name: /^Warnings/ })).toBeVisible();
  await expect(page.locator('.roster-problems').getByText(/Overlaps Jordan Reyes’s shift/).first()).toBeVisible();

  // Keyboard: focus Jordan's Wednesday, move the shift to Thursday with Alt+Right… Thursday already has one: use Saturday.
  const wednesday = page.getByRole('gridcell', { name: /^Jordan Reyes, Wed/ });
  await wednesday.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('gridcell', { name: /^Jordan Reyes, Sat.*no shift/ })).toBeFocused();
  await page.keyboard.press('n');
  const added = page.getByRole('dialog', { name: 'Add a shift' });
  await expect(added.getByLabel('Person')).toHaveValue(jordan.id);
  await expect(added.getByLabel('Date')).toHaveValue(addDays(monday, 5));
  await added.getByLabel('Starts').fill('09:00');
  await added.getByLabel('Ends').fill('12:00');
  await added.getByLabel('Unpaid break (minutes)').fill('0');
  await added.getByRole('button', { name: 'Add shift' }).click();
  await expect(page.getByRole('gridcell', { name: /^Jordan Reyes, Sat.*shift 9:00 AM–12:00 PM/ })).toBeVisible();
  await page.getByRole('gridcell', { name: /^Jordan Reyes, Sat/ }).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.getByText(/Moved the shift to Jordan Reyes, Sun/)).toBeVisible();
  await expect(page.getByRole('gridcell', { name: /^Jordan Reyes, Sun.*shift 9:00 AM–12:00 PM/ })).toBeVisible();

  // Drag Riley's Friday shift onto Saturday.
  const chip = page.getByRole('gridcell', { name: /^Riley Chen, Fri/ }).locator('.shift-chip');
  await chip.dragTo(page.getByRole('gridcell', { name: /^Riley Chen, Sat/ }));
  await expect(page.getByText(/Moved the shift to Riley Chen, Sat/)).toBeVisible();
  await expect(page.getByRole('gridcell', { name: /^Riley Chen, Fri.*no shift/ })).toBeVisible();
});

test('a receptionist requests time off, the manager approves it, and it shows on the roster', async ({ page, keel }) => {
  const { monday, addDays } = clinicDates();
  const next = addDays(monday, 7);
  await setUpClinic(page, keel.url);
  const user = await apiValue<{ id: string }>(page, 'users.create', { username: 'riley', fullName: 'Riley Chen', role: 'receptionist', password: 'temporary-pass-1' });
  await apiValue(page, 'staff.create', { ...STAFF, fullName: 'Riley Chen', staffRole: 'receptionist', colour: '#dd6b20', userId: user.id });
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'riley', 'temporary-pass-1');
  await page.getByLabel('Current password').fill('temporary-pass-1');
  await page.getByLabel('New password', { exact: true }).fill('riley-own-password');
  await page.getByLabel('New password again').fill('riley-own-password');
  await page.getByRole('button', { name: 'Save my password' }).click();
  await page.getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('link', { name: 'Time off' }).click();
  await page.getByLabel('Kind').selectOption('vacation');
  await page.getByLabel('First day').fill(addDays(next, 1));
  await page.getByLabel('Last day').fill(addDays(next, 2));
  await page.getByLabel('Note (optional)').fill('Sister’s wedding');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByText(/Requested: vacation for Riley Chen/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Vacation.*Waiting for a decision/ })).toBeVisible();
  await screenshot(page, '22-timeoff-request');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, E2E_MANAGER.username, E2E_MANAGER.password);
  await page.getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('link', { name: 'Time off' }).click();
  const waiting = page.getByRole('region', { name: 'Waiting for your decision' });
  await waiting.getByRole('button', { name: 'Approve Riley Chen’s vacation' }).click();
  await page.getByRole('dialog', { name: 'Approve time off' }).getByLabel('Comment (optional)').fill('Congratulations!');
  await page.getByRole('dialog', { name: 'Approve time off' }).getByRole('button', { name: 'Approve' }).click();
  await expect(waiting.getByText('Nothing waiting for a decision')).toBeVisible();
  await expect(page.getByRole('row', { name: /Riley Chen.*Vacation.*Approved/ })).toBeVisible();

  await page.goto(`${keel.url}#/staff/roster/${next}`);
  await expect(page.getByRole('gridcell', { name: new RegExp(`^Riley Chen, .*Vacation approved`) }).first()).toBeVisible();
});

test('an expiring credential shows on the person page and on Today; the directory flags a missing one', async ({ page, keel }) => {
  const { today, addDays } = clinicDates();
  await setUpClinic(page, keel.url);
  const doc = await apiValue<{ id: string }>(page, 'staff.create', { ...STAFF, fullName: 'Dr Sam Lee', staffRole: 'physician', colour: '#2b6cb0', bookable: true, jobTitle: 'Family physician' });
  await page.getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('row', { name: /Dr Sam Lee.*Flagged: License missing/ })).toBeVisible();
  await screenshot(page, '23-staff-directory');
  await page.getByRole('link', { name: 'Dr Sam Lee' }).click();
  await expect(page.getByRole('heading', { name: 'Dr Sam Lee' })).toBeVisible();

  await page.getByRole('button', { name: 'Add credential' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a credential' });
  await dialog.getByLabel('Kind').selectOption('cpr_bls');
  await dialog.getByLabel('Issued by').fill('American Heart Association');
  await dialog.getByLabel('Issued on').fill(addDays(today, -700));
  await dialog.getByLabel('Expires on').fill(addDays(today, 10));
  await dialog.getByLabel(/^Scan/).setInputFiles({ name: 'bls-card.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% Keel test scan\n%%EOF\n') });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('row', { name: /CPR \/ BLS.*Expires in 10 days.*Open the scan of CPR \/ BLS/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open the scan of CPR / BLS' })).toHaveText('bls-card.pdf');
  await expect(page.getByRole('status').filter({ hasText: 'Required credentials' })).not.toContainText('CPR / BLS');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Open the scan of CPR / BLS' }).click();
  expect((await download).suggestedFilename()).toBe('bls-card.pdf');
  await screenshot(page, '24-person-page');

  await page.getByRole('link', { name: 'Today' }).click();
  const card = page.getByRole('region', { name: /Credentials expiring within 30 days/ });
  const item = card.getByRole('listitem').filter({ hasText: 'CPR / BLS' });
  await expect(item).toContainText('Dr Sam Lee');
  await expect(item).toContainText('Expires in 10 days');
  await expect(card.getByRole('listitem').filter({ hasText: 'License' })).toContainText('Missing');
  await expect(page.getByRole('region', { name: /Under-covered this week/ })).toBeVisible();
  await screenshot(page, '25-today-staff-cards');
  expect(doc.id).toBeTruthy();
});
