import type { Contract, DomainName, domains } from '../../../shared/contract/index';
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

/**
 * Each domain's handlers, from electron/core/<domain>/handlers.ts: one map per
 * domain, each checked as it compiles to answer exactly its domain's channels.
 */
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
} satisfies { [D in DomainName]: HandlersFor<(typeof domains)[D]> };

/** Every channel's handler, merged from the maps above (which the contract's merge keeps free of clashes). */
export const allHandlers: AllHandlers = Object.assign({}, ...Object.values(domainHandlers)) as AllHandlers;
