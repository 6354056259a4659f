import type { Kysely } from 'kysely';
import type { PatientDetails } from '../../shared/contract/patients';
import { CONCERN_CATEGORIES, SEVERITIES } from '../../shared/domain/patients';
import { PATIENT_EXAMPLE_BLANK } from '../../shared/domain/patient-import';
import { addDays } from '../../shared/domain/time';
import { addConcernEvent, insertConcern, updateConcern } from '../concerns';
import { detailsToColumns, insertPatients, nextMrns } from '../patients';
import type { DB } from '../schema';
import type { DemoRandom } from './random';

/** Names from many of the communities a US practice serves, with the accents, hyphens and apostrophes that come with them. */
const GIVEN_F = ['Ann', 'Maria', 'José', 'Aaliyah', 'Siobhán', 'Thị', 'Mei', 'Priya', 'Fatima', 'Olga', 'Chloé', 'Ngozi', 'Yuki', 'Sofía', 'Amara', 'Zoë', 'Hannah', 'Leilani', 'Ingrid', 'Aisha', 'Camila', 'Emily', 'Grace', 'Nour', 'Ji-woo', 'Renée', 'Dolores', 'Bích', 'Sarah', 'Lucía'];
const GIVEN_M = ['John', 'Luis', 'Mohammed', 'Wei', 'Dmitri', 'Kwame', 'Seán', 'Hiroshi', 'Rahul', 'Andrés', 'Tomás', 'Minh', 'Jean-Luc', 'Ahmed', 'Oluwaseun', 'Björn', 'Mateo', 'David', 'James', 'Carlos', 'Jae-hyun', 'Ibrahim', 'Noah', 'Elijah', 'Giorgos', 'Kofi', 'Raúl', 'Liam', 'Ethan', 'Ayaan'];
/** Names people go by, for the few demo patients who have one. */
const NICKNAMES: Record<string, string> = { Maria: 'Mia', Dolores: 'Lola', Elijah: 'Eli', Dmitri: 'Dima', James: 'Jim', David: 'Dave', Oluwaseun: 'Seun', 'Jean-Luc': 'JL', Mohammed: 'Mo', Ibrahim: 'Ibby', Hannah: 'Annie', Andrés: 'Andy', Lucía: 'Lucy', Ingrid: 'Inga' };
const FAMILY = [
  'Smith', 'Johnson', 'García', 'Nguyễn', 'O’Brien', 'Smith-Jones', 'Martínez', 'Kim', 'Patel', 'Williams', 'Brown', 'Rodríguez', 'Chen', 'Wang', 'Müller', 'Kowalski', 'Okafor', 'Mensah',
  'Haddad', 'Al-Sayed', 'Yamamoto', 'Sato', 'Ivanova', 'Dubois', 'Rossi', 'Lopez-Garcia', 'D’Angelo', 'MacDonald', 'Fitzgerald', 'Tran', 'Pham', 'Le', 'Singh', 'Kaur', 'Hernández',
  'González', 'Pérez', 'Sánchez', 'Davis', 'Miller', 'Wilson', 'Moore', 'Taylor', 'Anderson', 'Thomas', 'Jackson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young', 'Allen',
  'Wright', 'Scott', 'Baker', 'Adams', 'Nelson', 'Hill', 'Ramírez', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Torres', 'Parker', 'Collins', 'Edwards',
  'Stewart', 'Flores', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Peterson', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Gómez', 'Kelly', 'Howard', 'Ward', 'Cox', 'Díaz', 'Richardson',
  'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'James', 'Reyes', 'Cruz', 'Hughes', 'Price', 'Myers', 'Long', 'Foster', 'Sanders', 'Ross', 'Morales', 'Powell', 'Sullivan', 'Russell',
  'Ortiz', 'Jenkins', 'Gutiérrez', 'Perry', 'Butler', 'Barnes', 'Fisher', 'Henderson', 'Coleman', 'Simmons', 'Patterson', 'Jordan', 'Reynolds', 'Hamilton', 'Graham', 'Kimura', 'Abadi',
  'Bianchi', 'Novak', 'Horváth', 'Søren', 'Łukasik', 'Øberg', 'Ferreira', 'Silva', 'Santos', 'Costa', 'Oliveira', 'Begum', 'Rahman', 'Hossain', 'Chowdhury', 'Ali', 'Khan', 'Hussain',
];
const PAYERS = ['Blue Cross Blue Shield', 'Aetna', 'UnitedHealthcare', 'Cigna', 'Humana', 'Medicare', 'Medicaid', 'Kaiser Permanente', ''];
const LANGUAGES = ['Spanish', 'Vietnamese', 'Mandarin', 'Arabic', 'Haitian Creole', 'Korean', 'Russian'];
const CONCERN_TEXT: Record<string, string[]> = {
  wait_time: ['Waited 50 minutes past the appointment time without an update.', 'The waiting room was full and nobody explained the delay.'],
  billing: ['Charged twice for the same visit.', 'The statement shows a copay that was already paid at the desk.'],
  staff_conduct: ['Felt rushed and not listened to at check-in.', 'A staff member discussed another patient within earshot.'],
  clinical_care: ['Prescription refill took a week to be sent.', 'Lab results were not explained.'],
  facility: ['The ramp at the side entrance was icy.', 'No parking spaces for disabled drivers were free.'],
  privacy: ['A voicemail with results was left on a shared family phone.', 'Paper forms were left on the front counter.'],
  scheduling: ['The appointment was moved without a call.', 'Could not get through on the phone to reschedule.'],
  other: ['Asked for a Spanish-speaking interpreter, none available.', 'Forms were hard to read.'],
};

function phone(random: DemoRandom): string {
  return `(555) ${random.int(200, 989)}-${String(random.int(0, 9999)).padStart(4, '0')}`;
}

/**
 * The demo's patients (600 small, 40,000 large) with a few near-duplicates for
 * the merge screen, and concerns old and new. `userIds` has the manager first.
 * Calls `progress` as it goes.
 */
export async function seedDemoPatients(
  db: Kysely<DB>,
  options: { random: DemoRandom; newId: () => string; today: string; now: string; count: number; userIds: string[]; progress: (done: number, total: number) => void },
): Promise<string[]> {
  const { random, newId, today, now, count } = options;
  const year = Number(today.slice(0, 4));
  const people: Array<{ id: string; details: PatientDetails }> = [];
  for (let i = 0; i < count; i++) {
    const female = random.chance(0.52);
    const first = random.pick(female ? GIVEN_F : GIVEN_M);
    const last = random.chance(0.08) ? `${random.pick(FAMILY).split('-')[0]}-${random.pick(FAMILY).split('-')[0]}` : random.pick(FAMILY);
    const dob = `${random.int(year - 95, year - 1)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    const payer = random.pick(PAYERS);
    const details: PatientDetails = {
      ...PATIENT_EXAMPLE_BLANK,
      firstName: first,
      middleName: random.chance(0.3) ? random.pick(female ? GIVEN_F : GIVEN_M) : '',
      lastName: last,
      preferredName: random.chance(0.05) ? (NICKNAMES[first] ?? '') : '',
      dob,
      sex: random.chance(0.01) ? 'X' : female ? 'F' : 'M',
      phones: { mobile: random.chance(0.9) ? phone(random) : '', home: random.chance(0.25) ? phone(random) : '', work: '' },
      email: random.chance(0.6) ? `${first}.${last}${random.int(1, 99)}@example.org`.toLowerCase().normalize('NFD').replace(/[^\x20-\x7e]|[’' ]/g, '') : '',
      address: { line1: `${random.int(1, 9999)} ${random.pick(['Maple', 'Oak', 'Elm', 'Cedar', 'Pine', 'Main', 'Lake'])} ${random.pick(['St', 'Ave', 'Rd', 'Ln'])}`, line2: '', city: 'Springfield', region: 'IL', postalCode: `627${random.int(10, 99)}` },
      preferredContact: random.pick(['mobile', 'sms', 'email', 'home'] as const),
      emergency: random.chance(0.6) ? { name: `${random.pick(GIVEN_F)} ${last}`, phone: phone(random), relation: random.pick(['Spouse', 'Daughter', 'Son', 'Partner', 'Parent']) } : { name: '', phone: '', relation: '' },
      insurance: { ...PATIENT_EXAMPLE_BLANK.insurance, payer, memberId: payer ? `${payer.slice(0, 3).toUpperCase()}${random.int(100000, 999999)}` : '', group: payer && random.chance(0.6) ? `G${random.int(1000, 9999)}` : '' },
      flags: { interpreterLanguage: random.chance(0.06) ? random.pick(LANGUAGES) : '', mobilityAssistance: random.chance(0.04), other: '' },
    };
    people.push({ id: newId(), details });
    // About one in a hundred was registered twice, with a slip in the first name.
    if (random.chance(0.01)) {
      const twin = { ...details, firstName: details.firstName.endsWith('e') ? details.firstName.slice(0, -1) : `${details.firstName}e`, phones: { ...details.phones } };
      people.push({ id: newId(), details: twin });
    }
  }
  const mrns = await nextMrns(db, people.length, now);
  const chunk = 1000;
  for (let i = 0; i < people.length; i += chunk) {
    options.progress(i, people.length);
    await insertPatients(
      db,
      people.slice(i, i + chunk).map((p, k) => ({ id: p.id, mrn: mrns[i + k]!, columns: detailsToColumns(p.details) })),
      now,
    );
  }
  options.progress(people.length, people.length);

  // Concerns: mostly closed history, a few still open, one or two overdue.
  const concerns = Math.max(12, Math.round(count / 60));
  for (let i = 0; i < concerns; i++) {
    const id = newId();
    // The first open one is always a staff-conduct complaint, so the manager-only handling shows on every demo clinic
    // (drawn anyway, so the rest of the demo stays as the seed makes it).
    const drawn = random.pick(CONCERN_CATEGORIES);
    const category = i === 0 ? 'staff_conduct' : drawn;
    const age = i < 4 ? random.int(1, 45) : random.int(20, 365 * 3);
    const opened = addDays(today, -age);
    const patient = random.chance(0.85) ? random.pick(people).id : null;
    const drawnOwner = random.chance(0.7) ? random.pick(options.userIds) : null;
    // A complaint about staff is the office manager's (the first account), never the front desk's.
    const owner = category === 'staff_conduct' && drawnOwner ? options.userIds[0]! : drawnOwner;
    await insertConcern(db, { id, patientId: patient, category, description: random.pick(CONCERN_TEXT[category]!), severity: random.pick(SEVERITIES), ownerId: owner, openedOn: opened, createdBy: 'reception' }, now);
    await addConcernEvent(db, { id: newId(), concernId: id, username: 'reception', status: 'open', note: 'Logged' }, now);
    if (i >= 4) {
      const resolvedOn = addDays(opened, random.int(1, 20));
      await updateConcern(db, id, { status: 'closed', resolution: 'Apologized and explained; process reviewed with the team.', resolved_on: resolvedOn, closed_on: addDays(resolvedOn, 2) }, now);
      await addConcernEvent(db, { id: newId(), concernId: id, username: 'manager', status: 'resolved', note: '' }, now);
      await addConcernEvent(db, { id: newId(), concernId: id, username: 'manager', status: 'closed', note: 'Confirmed with the patient' }, now);
    } else if (i === 1) {
      await updateConcern(db, id, { status: 'in_progress' }, now);
      await addConcernEvent(db, { id: newId(), concernId: id, username: 'manager', status: 'in_progress', note: 'Called the patient back' }, now);
    }
  }
  return people.map((p) => p.id);
}
