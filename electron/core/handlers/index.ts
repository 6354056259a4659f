import type { Contract, DomainName } from '../../../shared/contract/index';
import { appointmentTypesHandlers } from '../appointment-types/handlers';
import { appointmentsHandlers } from '../appointments/handlers';
import { attachmentsHandlers } from '../attachments/handlers';
import { authHandlers } from '../auth/handlers';
import { backupsHandlers } from '../backups/handlers';
import { bookingRisksHandlers } from '../booking-risks/handlers';
import { candidatesHandlers } from '../candidates/handlers';
import { clinicHandlers } from '../clinic/handlers';
import { closuresHandlers } from '../closures/handlers';
import { concernsHandlers } from '../concerns/handlers';
import { coverageHandlers } from '../coverage/handlers';
import { credentialsHandlers } from '../credentials/handlers';
import { equipmentHandlers } from '../equipment/handlers';
import { evaluationsHandlers } from '../evaluations/handlers';
import { patientsHandlers } from '../patients/handlers';
import { positionsHandlers } from '../positions/handlers';
import { remindersHandlers } from '../reminders/handlers';
import { roomsHandlers } from '../rooms/handlers';
import { rosterHandlers } from '../roster/handlers';
import { scheduleReportsHandlers } from '../schedule-reports/handlers';
import { scheduleSettingsHandlers } from '../schedule-settings/handlers';
import { scheduleHandlers } from '../schedule/handlers';
import { setupHandlers } from '../setup/handlers';
import { staffSettingsHandlers } from '../staff-settings/handlers';
import { staffHandlers } from '../staff/handlers';
import { templatesHandlers } from '../templates/handlers';
import { timeoffHandlers } from '../timeoff/handlers';
import { usersHandlers } from '../users/handlers';
import { waitlistHandlers } from '../waitlist/handlers';
import type { HandlersFor } from './types';

export type AllHandlers = HandlersFor<Contract>;

/** Each domain's handlers, from electron/core/<domain>/handlers.ts: one map per domain of the contract. */
export const domainHandlers = {
  auth: authHandlers,
  users: usersHandlers,
  clinic: clinicHandlers,
  setup: setupHandlers,
  staff: staffHandlers,
  staffSettings: staffSettingsHandlers,
  credentials: credentialsHandlers,
  attachments: attachmentsHandlers,
  evaluations: evaluationsHandlers,
  positions: positionsHandlers,
  candidates: candidatesHandlers,
  roster: rosterHandlers,
  templates: templatesHandlers,
  coverage: coverageHandlers,
  timeoff: timeoffHandlers,
  rooms: roomsHandlers,
  equipment: equipmentHandlers,
  patients: patientsHandlers,
  concerns: concernsHandlers,
  appointmentTypes: appointmentTypesHandlers,
  schedule: scheduleHandlers,
  appointments: appointmentsHandlers,
  scheduleSettings: scheduleSettingsHandlers,
  waitlist: waitlistHandlers,
  backups: backupsHandlers,
  bookingRisks: bookingRisksHandlers,
  reminders: remindersHandlers,
  closures: closuresHandlers,
  scheduleReports: scheduleReportsHandlers,
} satisfies Record<DomainName, unknown>;

type Merged = (typeof domainHandlers)[DomainName];
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every channel's handler; a channel without one (or one without a channel) does not compile. */
export const allHandlers: AllHandlers = Object.assign({}, ...Object.values(domainHandlers)) as UnionToIntersection<Merged> & AllHandlers;
