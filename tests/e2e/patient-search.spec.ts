import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import type { Patient } from '../../shared/contract/patients';
import { apiValue, expect, screenshot, setUpClinic, test } from './fixtures';

const person = (fields: Partial<typeof PATIENT_EXAMPLE>) => ({ details: { ...PATIENT_EXAMPLE, ...fields }, confirmDuplicate: true });

test('patient search answers every keystroke at once, one search at a time, and says why each row matched', async ({ page, keel }) => {
  await setUpClinic(page, keel.url);
  const before = person({ firstName: 'Maria', middleName: 'Luz', lastName: 'Castellanos', dob: '1975-06-01', phones: { mobile: '(555) 777-1212', home: '(555) 404-0000', work: '' } });
  const maria = await apiValue<Patient>(page, 'patients.create', before);
  // She married: the record now says Brennan.
  await apiValue(page, 'patients.update', { id: maria.id, details: { ...before.details, lastName: 'Brennan' } });
  for (const [firstName, lastName] of [['Marco', 'Garcia'], ['Mariana', 'Garcia'], ['Gary', 'Gardner']]) {
    await apiValue(page, 'patients.create', person({ firstName, lastName, dob: '1988-01-02', phones: { mobile: '', home: '', work: '' } }));
  }
  await page.getByRole('link', { name: 'Patients' }).click();
  const box = page.getByRole('combobox', { name: 'Find a patient' });
  const results = page.getByRole('listbox', { name: 'Patients found' });

  // Typed without a pause: the first key's search goes out while the typing goes on (no waiting for a pause),
  // never two at once, and what is shown at the end answers the whole text.
  const sent: string[] = [];
  let underWay = 0;
  let mostAtOnce = 0;
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/patients.search')) return;
    sent.push((request.postDataJSON() as { query: string }).query);
    mostAtOnce = Math.max(mostAtOnce, ++underWay);
  });
  const finished = (request: { url: () => string }) => {
    if (request.url().endsWith('/api/patients.search')) underWay--;
  };
  page.on('requestfinished', finished);
  page.on('requestfailed', finished);
  await box.pressSequentially('garcia mariana');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option')).toContainText('Garcia, Mariana');
  await expect(results).not.toHaveAttribute('aria-busy', 'true');
  expect(sent[0]).toBe('g');
  expect(sent.at(-1)).toBe('garcia mariana');
  expect(mostAtOnce).toBe(1);

  // Why a row matched, when the name on the line does not say it.
  await box.fill('castellanos');
  const row = results.getByRole('option').filter({ hasText: 'Brennan, Maria' });
  await expect(row).toContainText('Found by previous name Castellanos');
  await box.fill('brennan luz');
  await expect(row).toContainText('Found by middle name Luz');
  await box.fill('404-0000');
  await expect(row).toContainText('Found by home phone (555) 404-0000');
  await box.fill('06/01/1975');
  await expect(row).toContainText('Found by date of birth');
  // Found by the name on the line: nothing more to say.
  await box.fill('brennan maria');
  await expect(row).toBeVisible();
  await expect(row).not.toContainText('Found by');
  await box.fill('castel mar');
  await expect(row).toContainText('Found by previous name Castellanos');
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'patient-search-found-by-1366');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'patient-search-found-by-1024');
});
