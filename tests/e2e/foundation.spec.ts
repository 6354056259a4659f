import { callApi, expect, screenshot, signIn, test } from './fixtures';

const MANAGER = { name: 'Dana Whitfield', username: 'dana', password: 'harbour-lights-42' };
const RECEPTIONIST = { name: 'Sam Ortiz', username: 'sam.ortiz', temporary: 'temporary-pass-1', own: 'front-desk-rocks-9' };

test('first launch: set up the clinic, add a receptionist, who cannot reach Settings', async ({ page, keel }) => {
  await page.goto(keel.url);
  await expect(page.getByRole('heading', { name: 'Set up your clinic' })).toBeVisible();
  await screenshot(page, '01-setup');

  // A mistake first: the form explains it and nothing is created.
  await page.getByLabel('Clinic name').fill('Harbour View Clinic');
  await page.getByLabel('Time zone').selectOption('America/Chicago');
  await page.getByLabel('Your full name').fill(MANAGER.name);
  await page.getByLabel('Username').fill(MANAGER.username);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Password again').fill('short');
  await page.getByRole('button', { name: 'Create clinic and sign in' }).click();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await screenshot(page, '02-setup-error');

  await page.getByLabel('Saturday').check();
  await page.getByLabel('Saturday closes').fill('12:00');
  await page.getByLabel('Password', { exact: true }).fill(MANAGER.password);
  await page.getByLabel('Password again').fill(MANAGER.password);
  await page.getByRole('button', { name: 'Create clinic and sign in' }).click();

  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await expect(page.getByText(`signed in as ${MANAGER.name} (Office manager)`)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByText('Harbour View Clinic')).toBeVisible();
  await screenshot(page, '03-today-manager');

  // Settings: the clinic profile keeps what setup saved.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Clinic profile and opening hours' })).toBeVisible();
  await expect(page.getByLabel('Time zone')).toHaveValue('America/Chicago');
  await expect(page.getByLabel('Saturday closes')).toHaveValue('12:00');
  await page.getByLabel('Phone').fill('(555) 867-5309');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await screenshot(page, '04-settings-clinic');

  // Add a receptionist.
  await page.getByRole('link', { name: 'User accounts' }).click();
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await dialog.getByLabel('Full name').fill(RECEPTIONIST.name);
  await dialog.getByLabel('Username').fill(RECEPTIONIST.username);
  await dialog.getByLabel('Role').selectOption('receptionist');
  await dialog.getByLabel('Temporary password').fill(RECEPTIONIST.temporary);
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(RECEPTIONIST.name) });
  await expect(row).toContainText('Receptionist');
  await expect(row).toContainText('Must choose a password');
  await screenshot(page, '05-settings-users');

  // The same username twice is refused, naming who has it.
  await page.getByRole('button', { name: 'Add user' }).click();
  await dialog.getByLabel('Full name').fill('Someone Else');
  await dialog.getByLabel('Username').fill(RECEPTIONIST.username);
  await dialog.getByLabel('Temporary password').fill('another-password-1');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog.getByText(`already taken by ${RECEPTIONIST.name}`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You are signed out.')).toBeVisible();

  // A wrong password gets the one message that does not say which half was wrong.
  await signIn(page, RECEPTIONIST.username, 'not-the-password');
  await expect(page.getByText('The username or password is not right')).toBeVisible();
  await screenshot(page, '06-signin-wrong');

  // The receptionist signs in with the temporary password and must choose their own.
  await signIn(page, RECEPTIONIST.username, RECEPTIONIST.temporary);
  await expect(page.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
  await screenshot(page, '07-choose-password');
  await page.getByLabel('Current password').fill(RECEPTIONIST.temporary);
  await page.getByLabel('New password', { exact: true }).fill(RECEPTIONIST.own);
  await page.getByLabel('New password again').fill(RECEPTIONIST.own);
  await page.getByRole('button', { name: 'Save my password' }).click();

  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await expect(page.getByText(`signed in as ${RECEPTIONIST.name} (Receptionist)`)).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const label of ['Today', 'Schedule', 'Patients', 'Staff', 'Budget', 'Billing', 'Compliance']) {
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);
  await screenshot(page, '08-today-receptionist');

  // Typing the address does not help: the page says no, and so does the API.
  await page.goto(`${keel.url}#/settings/users`);
  await expect(page.getByText('Settings are for the office manager')).toBeVisible();
  for (const channel of ['users.list', 'users.create', 'users.update', 'clinic.update']) {
    const result = await callApi(page, channel, channel === 'users.list' ? {} : channel === 'users.create' ? { username: 'sneaky', fullName: 'Sneaky', role: 'manager', password: 'sneaky-password-1' } : channel === 'users.update' ? { id: '01900000-0000-7000-8000-000000000000', role: 'manager' } : {});
    // The permission is checked before the input is read: even an empty clinic.update is "forbidden".
    expect(result.error?.code, channel).toBe('forbidden');
  }

  // A section that is not built says what it will hold.
  await nav.getByRole('link', { name: 'Budget' }).click();
  await expect(page.getByRole('heading', { name: /Budget is not built yet/ })).toBeVisible();
  await screenshot(page, '09-upcoming-budget');

  // Lock the shared PC; only the password gets back in.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Keel is locked' })).toBeVisible();
  expect((await callApi(page, 'clinic.get', {})).error?.code).toBe('locked');
  await screenshot(page, '10-locked');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('That password is not right.')).toBeVisible();
  await page.getByLabel('Password').fill(RECEPTIONIST.own);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Budget', exact: true })).toBeVisible();

  // Everyone can change their own password.
  await page.getByRole('link', { name: /Sam Ortiz/ }).click();
  await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
  await screenshot(page, '11-my-account');
});

test('the manager deactivates an account and that person can no longer sign in', async ({ page, keel }) => {
  await page.goto(keel.url);
  await page.getByLabel('Clinic name').fill('Deactivation Test Clinic');
  await page.getByLabel('Your full name').fill(MANAGER.name);
  await page.getByLabel('Username').fill(MANAGER.username);
  await page.getByLabel('Password', { exact: true }).fill(MANAGER.password);
  await page.getByLabel('Password again').fill(MANAGER.password);
  await page.getByRole('button', { name: 'Create clinic and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();

  const created = await callApi(page, 'users.create', { username: 'leaver', fullName: 'Lee Leaver', role: 'billing', password: 'leaving-soon-1' });
  expect(created.ok).toBe(true);
  await page.goto(`${keel.url}#/settings/users`);
  await page.getByRole('button', { name: 'Edit Lee Leaver' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByText('Lee Leaver: deactivated')).toBeVisible();
  await expect(page.getByRole('row', { name: /Lee Leaver/ })).toContainText('Deactivated');
  await screenshot(page, '12-users-deactivated');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'leaver', 'leaving-soon-1');
  await expect(page.getByText('This account has been deactivated')).toBeVisible();
});

test('first launch: open the demo clinic and sign in with a demo account', async ({ page, keel }) => {
  await page.goto(keel.url);
  await page.getByRole('button', { name: 'Open the demo clinic' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Creating the demo clinic' })).toBeVisible();
  // Generating the demo takes a while on a busy machine: wait as long as a person would.
  await expect(page.getByRole('heading', { name: 'Demo accounts' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('cell', { name: 'keel-demo-reception' })).toBeVisible();
  await screenshot(page, '13-demo-accounts');
  await page.getByRole('button', { name: 'Fill in Office manager account' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await expect(page.getByText('Maple Street Family Practice · signed in as Morgan Avery (Office manager)')).toBeVisible();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('link', { name: 'User accounts' }).click();
  for (const name of ['Morgan Avery', 'Riley Chen', 'Dr. Priya Lee', 'Blake Okafor']) await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
});
