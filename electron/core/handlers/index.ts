import type { Contract } from '../../../shared/contract/index';
import { authHandlers } from './auth';
import { clinicHandlers } from './clinic';
import { setupHandlers } from './setup';
import type { HandlersFor } from './types';
import { usersHandlers } from './users';
import { credentialsHandlers } from './credentials';
import { evaluationsHandlers } from './evaluations';
import { facilitiesHandlers } from './facilities';
import { hiringHandlers } from './hiring';
import { rosterHandlers } from './roster';
import { staffHandlers } from './staff';
import { concernsHandlers } from './concerns';
import { patientsHandlers } from './patients';
import { appointmentsHandlers } from './appointments';
import { appointmentUndoHandlers } from './appointment-undo';
import { backupsHandlers } from './backups';
import { bookingRisksHandlers } from './booking-risks';
import { remindersHandlers } from './reminders';
import { closuresHandlers } from './closures';
import { scheduleReportsHandlers } from './schedule-reports';

export type AllHandlers = HandlersFor<Contract>;

const merged = {
  ...authHandlers,
  ...usersHandlers,
  ...clinicHandlers,
  ...setupHandlers,
  ...staffHandlers,
  ...credentialsHandlers,
  ...evaluationsHandlers,
  ...hiringHandlers,
  ...rosterHandlers,
  ...facilitiesHandlers,
  ...patientsHandlers,
  ...concernsHandlers,
  ...appointmentsHandlers,
  ...appointmentUndoHandlers,
  ...backupsHandlers,
  ...bookingRisksHandlers,
  ...remindersHandlers,
  ...closuresHandlers,
  ...scheduleReportsHandlers,
};

/** Resolves to `never` (a type error below) when a handler has no channel in the contract. */
type OnlyContractChannels<T> = Exclude<keyof T, keyof Contract> extends never ? T : never;

/** Every channel's handler; a channel without one (or one without a channel) does not compile. */
export const allHandlers: AllHandlers = merged satisfies OnlyContractChannels<typeof merged>;
