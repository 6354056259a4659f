import type { Kysely } from 'kysely';
import type { CredentialKind, StaffRole } from '../../shared/domain/staff';
import { DEFAULT_EVALUATION_CRITERIA, DEFAULT_REQUIREMENTS } from '../../shared/domain/staff';
import { addDays, addMonths, datesFrom, mondayOf, isoWeekday } from '../../shared/domain/time';
import { saveCoverageRule } from '../coverage';
import { saveTemplate } from '../templates';
import { insertShifts } from '../roster';
import { insertTimeOff, setTimeOffStatus } from '../timeoff';
import type { DB } from '../schema';
import { insertStaff } from '../staff';
import { saveEquipment } from '../equipment';
import { saveRoom } from '../rooms';
import { insertEvaluation } from '../evaluations';
import { addCandidateEvent, insertCandidate, updateCandidate } from '../candidates';
import { savePosition } from '../positions';
import type { DemoRandom } from './random';

const FIRST = ['Amara', 'Ben', 'Carmen', 'Dmitri', 'Elif', 'Farah', 'Gabriel', 'Hana', 'Ifeoma', 'Jae-won', 'Kai', 'Leila', 'Mateo', 'Nadia', 'Omar', 'Priyanka', 'Quinn', 'Rosa', 'Siddharth', 'Thi', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zara', 'Aoife', 'Bongani', 'Chloé', 'Diego'];
const LAST = ['Abara', 'Bergström', 'Castillo', 'Dubois', 'Eriksen', 'Fernández', 'Goldberg', 'Haddad', 'Ito', 'Jovanović', 'Kowalski', 'Lindqvist', 'Mensah', 'Nguyễn', 'O’Connor', 'Patel', 'Quispe', 'Rossi', 'Sato', 'Tanaka', 'Umarov', 'Varga', 'Wójcik', 'Xu', 'Yilmaz', 'Zhou'];
/** Staff colours kept clear of the appointment types' (appointments.ts): on the calendar a colour means a type, never a person. */
const COLOURS = ['#d53f8c', '#744210', '#1e90ff', '#6b7a1f', '#9f7aea', '#006400', '#ff8c00', '#8b008b', '#000080', '#822727'];

/** What the appointment seeder needs to know about a bookable provider. */
export interface DemoProvider {
  id: string;
  staffRole: StaffRole;
  startDate: string;
  /** Weekdays worked and the day's hours, for the years before the roster was kept. */
  days: number[];
  start: string;
  end: string;
  breakMinutes: number;
}

export interface DemoStaffResult {
  providers: DemoProvider[];
  rooms: Array<{ id: string; name: string; kind: 'exam' | 'procedure' | 'lab' }>;
  /** The first day of the roster's shifts; before it, providers work their usual pattern. */
  rosterFrom: string;
}

interface DemoPerson {
  id: string;
  fullName: string;
  staffRole: StaffRole;
  jobTitle: string;
  employment: 'full_time' | 'part_time' | 'contractor';
  startDate: string;
  userId: string | null;
  /** Weekdays worked and the day's hours. */
  days: number[];
  start: string;
  end: string;
  breakMinutes: number;
}

/** The roles of a demo clinic of `count` people, busiest roles first. */
function roleMix(count: number): StaffRole[] {
  const base: StaffRole[] = ['manager', 'physician', 'physician', 'np_pa', 'nurse_ma', 'nurse_ma', 'nurse_ma', 'nurse_ma', 'receptionist', 'receptionist', 'biller', 'other'];
  if (count <= base.length) return base.slice(0, count);
  const extra: StaffRole[] = ['physician', 'nurse_ma', 'nurse_ma', 'receptionist', 'np_pa', 'nurse_ma', 'physician', 'biller', 'nurse_ma', 'receptionist'];
  const out = [...base];
  for (let i = 0; out.length < count; i++) out.push(extra[i % extra.length]!);
  return out;
}

const TITLES: Record<StaffRole, string> = {
  physician: 'Family physician',
  np_pa: 'Nurse practitioner',
  nurse_ma: 'Medical assistant',
  receptionist: 'Front desk',
  biller: 'Billing specialist',
  manager: 'Office manager',
  other: 'Practice assistant',
};

/**
 * Staff with credentials (a few expiring soon, one expired), evaluations, shifts
 * for the past two years and the coming month, time off, candidates, rooms and
 * equipment. Demo accounts are linked to their staff records.
 */
export async function seedDemoStaff(
  db: Kysely<DB>,
  options: { random: DemoRandom; newId: () => string; today: string; now: string; count: number; accounts: Record<string, { id: string; fullName: string }>; historyDays: number; closedDays?: ReadonlySet<string> },
): Promise<DemoStaffResult> {
  const { random, newId, today, now } = options;
  const roles = roleMix(options.count);
  const linked: Partial<Record<StaffRole, { id: string; fullName: string }>> = {
    manager: options.accounts.manager,
    receptionist: options.accounts.reception,
    physician: options.accounts.provider,
    biller: options.accounts.billing,
  };
  const usedNames = new Set<string>();
  const people: DemoPerson[] = roles.map((staffRole, index) => {
    const account = linked[staffRole];
    if (account) delete linked[staffRole];
    let fullName = account?.fullName ?? '';
    while (!fullName || usedNames.has(fullName)) fullName = `${random.pick(FIRST)} ${random.pick(LAST)}`;
    if (staffRole === 'physician' && !fullName.startsWith('Dr')) fullName = `Dr. ${fullName}`;
    usedNames.add(fullName);
    const partTime = staffRole !== 'manager' && random.chance(0.2);
    const front = staffRole === 'receptionist';
    return {
      id: newId(),
      fullName,
      staffRole,
      jobTitle: TITLES[staffRole],
      employment: staffRole === 'other' ? 'contractor' : partTime ? 'part_time' : 'full_time',
      // Most providers of a clinic with a long history have been there from its start.
      startDate: addDays(today, -(options.historyDays > 3200 && bookableRole(staffRole) && index % 7 !== 0 ? random.int(options.historyDays, options.historyDays + 400) : random.int(200, 3200))),
      userId: account?.id ?? null,
      days: partTime ? [1, 3, 5] : index % 5 === 3 ? [1, 2, 3, 4, 6] : [1, 2, 3, 4, 5],
      // Eight paid hours a day; the front desk is staggered so someone opens and someone closes.
      start: front ? (index % 2 === 0 ? '07:45' : '08:45') : staffRole === 'physician' ? '08:30' : '08:00',
      end: front ? (index % 2 === 0 ? '16:15' : '17:15') : staffRole === 'physician' ? '17:30' : '16:30',
      breakMinutes: staffRole === 'physician' ? 60 : 30,
    };
  });

  for (const [i, p] of people.entries()) {
    await insertStaff(
      db,
      p.id,
      {
        fullName: p.fullName,
        jobTitle: p.jobTitle,
        staffRole: p.staffRole,
        phone: `(555) ${String(200 + i).padStart(3, '0')}-${String(random.int(1000, 9999))}`,
        email: `${p.fullName.toLowerCase().replace(/^dr\. /, '').normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '.')}@maplestreet.example`,
        employmentType: p.employment,
        startDate: p.startDate,
        contractedHours: p.days.length * 8,
        payType: p.staffRole === 'physician' || p.staffRole === 'manager' ? 'salary' : 'hourly',
        payRateCents: p.staffRole === 'physician' ? random.int(220, 290) * 1000_00 : p.staffRole === 'manager' ? 78_000_00 : random.int(1900, 3400),
        colour: COLOURS[i % COLOURS.length]!,
        userId: p.userId,
        bookable: bookableRole(p.staffRole),
      },
      now,
    );
  }

  // Credentials: renewals over the years; a few expire soon, one has lapsed.
  const credentials = [];
  for (const [i, p] of people.entries()) {
    for (const kind of DEFAULT_REQUIREMENTS[p.staffRole] as CredentialKind[]) {
      const years = kind === 'hipaa' || kind === 'osha_bbp' ? 1 : 2;
      let expires = addDays(today, random.int(40, years * 365 - 10));
      if (i === 4 && kind === 'cpr_bls') expires = addDays(today, -12);
      if ((i === 1 && kind === 'dea') || (i === 5 && kind === 'hipaa') || (i === 8 && kind === 'hipaa')) expires = addDays(today, random.int(3, 28));
      // Dr. Lee's DEA registration lapses three days after the demo's day, whatever the draw: the stranded-appointments story (issue 13) reads from it.
      if (i === 1 && kind === 'dea') expires = addDays(today, 3);
      for (let k = 0; k < 3; k++) {
        const expiresOn = addMonths(expires, -12 * years * k);
        const issuedOn = addMonths(expiresOn, -12 * years);
        if (expiresOn < p.startDate) break;
        credentials.push({
          id: newId(),
          staff_id: p.id,
          kind,
          number: kind === 'licence' ? `MD-${random.int(100000, 999999)}` : kind === 'dea' ? `B${random.pick(['L', 'P', 'R'])}${random.int(1000000, 9999999)}` : '',
          issuer: kind === 'licence' ? 'State Medical Board' : kind === 'dea' ? 'DEA' : kind === 'board_cert' ? 'ABFM' : kind === 'cpr_bls' ? 'American Heart Association' : 'In-house training',
          issued_on: issuedOn,
          expires_on: expiresOn,
          note: '',
          attachment_id: null,
          archived_at: null,
          created_at: now,
          updated_at: now,
        });
      }
    }
  }
  for (let i = 0; i < credentials.length; i += 200) await db.insertInto('credentials').values(credentials.slice(i, i + 200)).execute();

  // Yearly evaluations; the last one of a few people is overdue.
  for (const [i, p] of people.entries()) {
    for (let review = addMonths(p.startDate, 12); review <= today; review = addMonths(review, 12)) {
      if (i % 4 === 2 && addMonths(review, 12) > today) break;
      await insertEvaluation(
        db,
        {
          id: newId(),
          staffId: p.id,
          reviewDate: review,
          reviewer: 'Morgan Avery',
          ratings: Object.fromEntries(DEFAULT_EVALUATION_CRITERIA.map((c) => [c, random.int(3, 5)])),
          comments: random.pick(['Dependable and kind with patients.', 'Strong year; keep mentoring new starters.', 'Good progress on documentation.', 'Reliable, calm under pressure.']),
          goals: random.pick(['Lead the fridge-log audit.', 'Complete the phlebotomy course.', 'Cross-train on the front desk.', 'Shorten check-in times.']),
        },
        now,
      );
    }
  }

  // Shifts: two years back and three months ahead (the schedule books that far), each person on their usual days.
  const first = mondayOf(addDays(today, -730));
  const last = addDays(mondayOf(addDays(today, 91)), 6);
  const shifts = [];
  for (const day of datesFrom(first, last)) {
    const weekday = isoWeekday(day);
    for (const p of people) {
      if (day < p.startDate || !p.days.includes(weekday)) continue;
      // The odd day off (drawn first, so the demo's other data does not depend on which days are holidays), and the clinic's closure days.
      if (random.chance(0.03) || options.closedDays?.has(day)) continue;
      const saturday = weekday === 6;
      shifts.push({ id: newId(), staffId: p.id, start: `${day}T${saturday ? '09:00' : p.start}`, end: `${day}T${saturday ? '12:00' : p.end}`, breakMinutes: saturday ? 0 : p.breakMinutes, note: '' });
    }
  }
  await insertShifts(db, shifts, now);

  // Time off: past vacations (approved), and a pending request or two coming up.
  for (const [i, p] of people.entries()) {
    if (i % 3 !== 0) continue;
    const start = addDays(today, -random.int(20, 300));
    await insertTimeOff(db, { id: newId(), staffId: p.id, kind: 'vacation', start: `${start}T00:00`, end: `${addDays(start, 5)}T00:00`, note: 'Family trip', requestedBy: null, status: 'approved' }, now);
  }
  const pendingFor = people.filter((p) => p.staffRole === 'nurse_ma' || p.staffRole === 'receptionist').slice(0, 2);
  for (const [i, p] of pendingFor.entries()) {
    const start = addDays(mondayOf(addDays(today, 7 + i * 7)), 2);
    await insertTimeOff(db, { id: newId(), staffId: p.id, kind: i === 0 ? 'vacation' : 'training', start: `${start}T00:00`, end: `${addDays(start, i === 0 ? 2 : 1)}T00:00`, note: i === 0 ? 'Long weekend' : 'CPR instructor course', requestedBy: null, status: 'pending' }, now);
  }
  const approvedSoon = people.find((p) => p.staffRole === 'nurse_ma');
  if (approvedSoon) {
    const id = newId();
    const day = addDays(mondayOf(today), 3);
    await insertTimeOff(db, { id, staffId: approvedSoon.id, kind: 'other', start: `${day}T12:00`, end: `${day}T15:00`, note: 'Appointment', requestedBy: null, status: 'pending' }, now);
    await setTimeOffStatus(db, id, 'approved', { note: 'Fine', by: 'manager', at: now }, now);
  }

  await saveTemplate(db, { id: newId(), name: 'Weekday day shift', weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '16:30', breakMinutes: 30, active: true }, false, now);
  await saveTemplate(db, { id: newId(), name: 'Front desk early', weekdays: [1, 2, 3, 4, 5], startTime: '07:45', endTime: '16:15', breakMinutes: 30, active: true }, false, now);
  await saveTemplate(db, { id: newId(), name: 'Saturday morning', weekdays: [6], startTime: '09:00', endTime: '12:00', breakMinutes: 0, active: true }, false, now);
  await saveCoverageRule(db, { id: newId(), name: 'Clinical floor', weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '16:30', requirements: [{ staffRole: 'nurse_ma', min: 3 }], active: true }, false, now);
  // The front desk is watched the whole opening day, late Wednesday and Saturday morning included (checked only while open).
  await saveCoverageRule(db, { id: newId(), name: 'Front desk', weekdays: [1, 2, 3, 4, 5, 6], startTime: '08:00', endTime: '19:00', requirements: [{ staffRole: 'receptionist', min: 1 }], active: true }, false, now);

  // Hiring: one open position with candidates at several stages.
  const positionId = newId();
  await savePosition(db, { id: positionId, title: 'Medical assistant', staffRole: 'nurse_ma', employmentType: 'full_time', status: 'open', openedOn: addDays(today, -30), note: 'Replacing a leaver; bilingual Spanish a plus.' }, false, now);
  const stages = ['applied', 'phone_screen', 'interview', 'offer', 'rejected'] as const;
  for (const [i, stage] of stages.entries()) {
    const id = newId();
    const applied = addDays(today, -28 + i);
    await insertCandidate(db, { id, positionId, fullName: `${random.pick(FIRST)} ${random.pick(LAST)}`, phone: `(555) 0${i}1-${random.int(1000, 9999)}`, email: '', appliedOn: applied, note: '' }, now);
    await addCandidateEvent(db, { id: newId(), candidateId: id, stage: 'applied', onDate: applied, note: '', by: 'manager' }, now);
    const path = stage === 'rejected' ? (['phone_screen', 'rejected'] as const) : stages.slice(1, stages.indexOf(stage) + 1);
    let on = applied;
    for (const step of path) {
      on = addDays(on, 3);
      await addCandidateEvent(db, { id: newId(), candidateId: id, stage: step, onDate: on, note: step === 'rejected' ? 'Not available on Saturdays' : '', by: 'manager' }, now);
    }
    await updateCandidate(db, id, { stage, stage_on: on }, now);
  }

  // Rooms and equipment; the vaccine fridge's calibration is overdue.
  // About three exam rooms for every two providers, as most practices run.
  const roomIds: string[] = [];
  const providers = people.filter((p) => bookableRole(p.staffRole));
  const examRooms = Math.max(4, Math.round(providers.length * 1.5));
  for (let n = 1; n <= examRooms; n++) roomIds.push(await room(db, newId(), `Exam ${n}`, 'exam', now));
  const procedure = await room(db, newId(), 'Procedure room', 'procedure', now);
  const lab = await room(db, newId(), 'Lab', 'lab', now);
  const equipment: Array<[string, string, string | null, number, number]> = [
    ['Autoclave', 'AC-2231', procedure, 12, 200],
    ['Vaccine refrigerator', 'VR-5530', lab, 12, 400],
    ['ECG machine', 'ECG-0912', procedure, 12, 100],
    ['Spirometer', 'SP-4410', roomIds[0]!, 12, 300],
    ['AED defibrillator', 'AED-7781', null, 24, 500],
    ['Centrifuge', 'CF-1204', lab, 12, 150],
    ['Digital scale', 'SC-3321', roomIds[1]!, 12, 90],
  ];
  for (const [name, serial, roomId, interval, daysAgo] of equipment) {
    await saveEquipment(db, newId(), { name, serialNumber: serial, roomId, serviceIntervalMonths: interval, lastServiceOn: addDays(today, -daysAgo), nextServiceOn: null, outOfService: false, note: '', active: true }, false, now);
  }
  return {
    providers: providers.map((p) => ({ id: p.id, staffRole: p.staffRole, startDate: p.startDate, days: p.days, start: p.start, end: p.end, breakMinutes: p.breakMinutes })),
    rooms: [...roomIds.map((id, n) => ({ id, name: `Exam ${n + 1}`, kind: 'exam' as const })), { id: procedure, name: 'Procedure room', kind: 'procedure' }, { id: lab, name: 'Lab', kind: 'lab' }],
    rosterFrom: first,
  };
}

function bookableRole(role: StaffRole): boolean {
  return role === 'physician' || role === 'np_pa';
}

async function room(db: Kysely<DB>, id: string, name: string, kind: 'exam' | 'procedure' | 'lab', now: string): Promise<string> {
  await saveRoom(db, { id, name, kind, note: '', active: true }, false, now);
  return id;
}
