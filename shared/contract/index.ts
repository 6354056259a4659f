import type { z } from 'zod';
import { appointmentTypesContract } from './appointment-types';
import { appointmentsContract } from './appointments';
import { attachmentsContract } from './attachments';
import { authContract } from './auth';
import { backupsContract } from './backups';
import { bookingRisksContract } from './booking-risks';
import { candidatesContract } from './candidates';
import type { ChannelSpec } from './channel';
import { clinicContract } from './clinic';
import { closuresContract } from './closures';
import { concernsContract } from './concerns';
import { coverageContract } from './coverage';
import { credentialsContract } from './credentials';
import { equipmentContract } from './equipment';
import { evaluationsContract } from './evaluations';
import { patientsContract } from './patients';
import { positionsContract } from './positions';
import { remindersContract } from './reminders';
import { roomsContract } from './rooms';
import { rosterContract } from './roster';
import { scheduleContract } from './schedule';
import { scheduleReportsContract } from './schedule-reports';
import { scheduleSettingsContract } from './schedule-settings';
import { setupContract } from './setup';
import { staffContract } from './staff';
import { staffSettingsContract } from './staff-settings';
import { templatesContract } from './templates';
import { timeoffContract } from './timeoff';
import { usersContract } from './users';
import { waitlistContract } from './waitlist';

/**
 * Every domain of the API: a channel prefix and its map, one file each
 * (shared/contract/<domain>.ts, beside the domain's output types). A map may
 * only hold channels named after its domain ("rooms.list" in `rooms`), which
 * the type below checks as it compiles; `mergeDomains` refuses a channel name
 * declared twice, which a spread would let the later map win silently.
 */
export const domains = defineDomains({
  auth: authContract,
  users: usersContract,
  clinic: clinicContract,
  setup: setupContract,
  staff: staffContract,
  staffSettings: staffSettingsContract,
  credentials: credentialsContract,
  attachments: attachmentsContract,
  evaluations: evaluationsContract,
  positions: positionsContract,
  candidates: candidatesContract,
  roster: rosterContract,
  templates: templatesContract,
  coverage: coverageContract,
  timeoff: timeoffContract,
  rooms: roomsContract,
  equipment: equipmentContract,
  patients: patientsContract,
  concerns: concernsContract,
  appointmentTypes: appointmentTypesContract,
  schedule: scheduleContract,
  appointments: appointmentsContract,
  scheduleSettings: scheduleSettingsContract,
  waitlist: waitlistContract,
  backups: backupsContract,
  bookingRisks: bookingRisksContract,
  reminders: remindersContract,
  closures: closuresContract,
  scheduleReports: scheduleReportsContract,
});

/** Checks as it compiles that every channel of a domain's map is named after the domain. */
function defineDomains<D extends { [K in keyof D]: { [N in keyof D[K]]: N extends `${K & string}.${string}` ? ChannelSpec : never } }>(maps: D): D {
  return maps;
}

export type DomainName = keyof typeof domains;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** The channels of all the maps, as one map. */
export type Merged<D extends Record<string, Record<string, ChannelSpec>>> = UnionToIntersection<D[keyof D]>;

/** One map of every channel; throws when a channel is outside its domain or declared twice. */
export function mergeDomains<D extends Record<string, Record<string, ChannelSpec>>>(maps: D): Merged<D> {
  const merged: Record<string, ChannelSpec> = {};
  const owner = new Map<string, string>();
  for (const [domain, map] of Object.entries(maps)) {
    for (const [name, spec] of Object.entries(map)) {
      if (!name.startsWith(`${domain}.`)) throw new Error(`The channel ${name} is declared in the ${domain} domain; it belongs in its own domain’s file.`);
      const first = owner.get(name);
      if (first) throw new Error(`The channel ${name} is declared twice (in ${first} and ${domain}).`);
      owner.set(name, domain);
      merged[name] = spec;
    }
  }
  return Object.freeze(merged) as Merged<D>;
}

/** Every channel of the API. */
export const contract = mergeDomains(domains);

export type Contract = typeof contract;
export type ChannelName = keyof Contract & string;
/** What a caller sends (before trimming and defaults). */
export type InputOf<K extends ChannelName> = z.input<Contract[K]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInputOf<K extends ChannelName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends ChannelName> = Contract[K]['output'];

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './errors';
// The output types, each declared beside its domain's channels.
export type { CredentialFlag, Credential, ExpiringCredential, MissingCredential } from './credentials';
export type { AttachmentInfo, AttachmentFile } from './attachments';
export type { StaffMember } from './staff';
export type { StaffSettings } from './staff-settings';
export type { Evaluation, EvaluationDue } from './evaluations';
export type { PositionStatus, Position } from './positions';
export type { CandidateEvent, Candidate } from './candidates';
export type { Shift, WarningKind, RosterWarning, RosterPerson, PersonHours, RosterWeek, LabourReport, ProviderAvailability, WorkingToday } from './roster';
export type { ShiftChange, TimeOff, TimeOffImpact, TimeOffDecision } from './timeoff';
export type { CoverageRequirement, CoverageRule, CoverageGap } from './coverage';
export type { ShiftTemplate } from './templates';
export type { Room } from './rooms';
export type { Equipment } from './equipment';
export type { PatientPhones, PatientAddress, PatientInsurance, PatientFlags, PatientDetails, Patient, PatientMatch, DuplicateCandidate, PatientChange, ImportPreview, ImportProblem, ImportReport } from './patients';
export type { ConcernEvent, Concern } from './concerns';
export type { AppointmentType } from './appointment-types';
export type { Appointment, SeriesOccurrence, SeriesPreview, OpenSlot, TodaySchedule, PatientAppointments } from './appointments';
export type { WaitlistEntry, WaitlistOffer } from './waitlist';
export type { ScheduleReport } from './schedule-reports';
export type { ScheduleFrame } from './schedule';
export type { UserSummary } from './users';
export type { Me } from './auth';
export type { OpeningHours, DateOrder, Clinic } from './clinic';
export type { SetupStatus, DemoAccount } from './setup';
export type { AuditKind, ChannelSpec } from './channel';
export type { EventName, EventPayload, Events } from './events';
