import { apiValue, expect, screenshot, setUpClinic, signIn, test } from './fixtures';

const BASE = {
  middleName: '',
  preferredName: '',
  sex: 'F',
  pronouns: '',
  email: '',
  address: { line1: '', line2: '', city: '', region: '', postalCode: '' },
  preferredContact: 'mobile',
  emergency: { name: '', phone: '', relation: '' },
  insurance: { payer: '', memberId: '', group: '', subscriberRelation: 'self', subscriberName: '', subscriberDob: '' },
  notes: '',
  flags: { interpreterLanguage: '', mobilityAssistance: false, other: '' },
};
const patient = (firstName: string, lastName: string, dob: string, mobile = '', extra: object = {}) => ({ details: { ...BASE, firstName, lastName, dob, phones: { mobile, home: '', work: '' }, ...extra }, confirmDuplicate: true });

test('a receptionist finds a patient three ways, registers a new one, and is warned of a duplicate', async ({ page, keel }) => {
  await setUpClinic(page, keel.url);
  await apiValue(page, 'patients.create', patient('Siobhán', 'O’Brien', '1980-03-07', '(555) 123-4567', { flags: { interpreterLanguage: 'Irish', mobilityAssistance: false, other: '' } }));
  await apiValue(page, 'patients.create', patient('Ann', 'Smith', '1975-06-01', '555-222-3333'));
  await apiValue(page, 'patients.create', patient('Ann', 'Smith', '1992-11-30', '555-444-5555'));
  await apiValue(page, 'patients.create', patient('José', 'Álvarez', '1966-02-14', '555-666-7777'));
  await apiValue(page, 'users.create', { username: 'riley', fullName: 'Riley Chen', role: 'receptionist', password: 'temporary-pass-1' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'riley', 'temporary-pass-1');
  await page.getByLabel('Current password').fill('temporary-pass-1');
  await page.getByLabel('New password', { exact: true }).fill('riley-own-password');
  await page.getByLabel('New password again').fill('riley-own-password');
  await page.getByRole('button', { name: 'Save my password' }).click();

  await page.getByRole('link', { name: 'Patients' }).click();
  const box = page.getByRole('combobox', { name: 'Find a patient' });
  const results = page.getByRole('listbox', { name: 'Patients found' });
  // By part of the surname and first name, in any order, without the accent or apostrophe.
  await box.fill('obri sio');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('O’Brien, Siobhán');
  await expect(results.getByRole('option').first()).toContainText('Interpreter: Irish');
  // By the last four digits of the phone.
  await box.fill('4567');
  await expect(results.getByRole('option').first()).toContainText('O’Brien, Siobhán');
  // By date of birth, as written in the US.
  await box.fill('03/07/1980');
  await expect(results.getByRole('option')).toHaveCount(1);
  await screenshot(page, '30-patient-search');
  // Two people with the same name are told apart by birth date; arrows and Enter open the second.
  await box.fill('smith ann');
  await expect(results.getByRole('option')).toHaveCount(2);
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: /Ann\s+Smith/ })).toBeVisible();
  await expect(page.getByText(/born 11\/30\/1992/)).toBeVisible();
  await screenshot(page, '31-patient-record');

  // Register someone new.
  await page.getByRole('button', { name: 'Find another patient' }).click();
  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('First name').fill('Thị');
  await page.getByLabel('Last name').fill('Nguyễn');
  await page.getByLabel('Date of birth').fill('1979-04-30');
  await page.getByLabel('Sex').selectOption('F');
  await page.getByLabel('Mobile phone').fill('555 888 9999');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { name: /Thị\s+Nguyễn/ })).toBeVisible();
  await expect(page.getByText(/Record 100005/)).toBeVisible();

  // The same person again: the form warns before saving.
  await page.getByRole('button', { name: 'Find another patient' }).click();
  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('First name').fill('Thi');
  await page.getByLabel('Last name').fill('Nguyen');
  await page.getByLabel('Date of birth').fill('1979-04-30');
  await page.getByRole('button', { name: 'Register patient' }).click();
  const warning = page.getByRole('status').filter({ hasText: 'This may be someone already registered' });
  await expect(warning).toContainText('Nguyễn, Thị');
  await expect(warning).toContainText('same name and date of birth');
  await screenshot(page, '32-duplicate-warning');
  await page.getByRole('button', { name: 'Go back and check' }).click();
  await expect(page.getByRole('button', { name: 'Register patient' })).toBeVisible();
});

test('a receptionist logs a concern on a patient’s record, works it and resolves it; the manager imports patients from CSV', async ({ page, keel }) => {
  await setUpClinic(page, keel.url);
  const ann = await apiValue<{ id: string }>(page, 'patients.create', patient('Ann', 'Smith', '1975-06-01', '555-222-3333'));
  await apiValue(page, 'users.create', { username: 'riley', fullName: 'Riley Chen', role: 'receptionist', password: 'temporary-pass-1' });

  // The manager imports two patients: preview, column matching, check, import.
  await page.getByRole('link', { name: 'Patients' }).click();
  await page.getByRole('link', { name: 'Import and export' }).click();
  const csv = 'First name,Last name,Date of birth,Phone,Notes\nJosé,Álvarez,02/14/1966,(555) 666-7777,"Prefers mornings, not Fridays"\nMei,Chen,1990-08-08,,\n';
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'old-system.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByLabel('Keel field for the column “Date of birth”')).toHaveValue('dob');
  await screenshot(page, '33-import-preview');
  await page.getByRole('button', { name: 'Check 2 rows' }).click();
  await expect(page.getByText(/2 ready to import/)).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: /^Import 2 patients/ }).click();
  await expect(page.getByText('Imported 2 patients.')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'riley', 'temporary-pass-1');
  await page.getByLabel('Current password').fill('temporary-pass-1');
  await page.getByLabel('New password', { exact: true }).fill('riley-own-password');
  await page.getByLabel('New password again').fill('riley-own-password');
  await page.getByRole('button', { name: 'Save my password' }).click();
  await page.goto(`${keel.url}#/patients/record/${ann.id}`);
  await page.getByRole('button', { name: 'Log a concern' }).click();
  const log = page.getByRole('dialog', { name: 'Log a concern: Ann Smith' });
  await log.getByLabel('Category').selectOption('wait_time');
  await log.getByLabel('Severity').selectOption('high');
  await log.getByLabel('What happened').fill('Waited 50 minutes past the appointment time.');
  await log.getByRole('button', { name: 'Log concern' }).click();
  await expect(log).toBeHidden();

  await page.getByRole('link', { name: 'Concerns' }).click();
  await expect(page.getByRole('row', { name: /Smith, Ann.*Wait time.*High.*Open/ })).toBeVisible();
  await screenshot(page, '34-concerns-list');
  await page.getByRole('button', { name: 'Open the wait time concern from Smith, Ann' }).click();
  const detail = page.getByRole('dialog');
  await detail.getByLabel('Note for the history (optional)').fill('Phoned Ann; she accepted an apology.');
  await detail.getByRole('button', { name: 'Mark in progress' }).click();
  await expect(detail.getByText('Phoned Ann; she accepted an apology.')).toBeVisible();
  await detail.getByRole('button', { name: 'Mark resolved' }).click();
  await expect(detail.getByText('Say how it was resolved')).toBeVisible();
  await detail.getByLabel('Resolution notes').fill('Apologised; the front desk now tells patients about delays.');
  await detail.getByRole('button', { name: 'Mark resolved' }).click();
  await expect(detail.getByText(/Resolved/).first()).toBeVisible();
  await detail.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('No unresolved concerns — good.')).toBeVisible();
});
