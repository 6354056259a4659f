import type { z } from 'zod';
import { authContract } from './auth';
import type { ChannelSpec } from './channel';
import { clinicContract } from './clinic';
import { setupContract } from './setup';
import { usersContract } from './users';
import { credentialsContract } from './credentials';
import { evaluationsContract } from './evaluations';
import { facilitiesContract } from './facilities';
import { hiringContract } from './hiring';
import { rosterContract } from './roster';
import { staffContract } from './staff';
import { concernsContract } from './concerns';
import { patientsContract } from './patients';
import { appointmentsContract } from './appointments';
import { appointmentUndoContract } from './appointment-undo';
import { backupsContract } from './backups';
import { bookingRisksContract } from './booking-risks';
import { remindersContract } from './reminders';
import { closuresContract } from './closures';
import { scheduleReportsContract } from './schedule-reports';

/** Every channel of the API, merged from one map per domain. */
export const contract = {
  ...authContract,
  ...usersContract,
  ...clinicContract,
  ...setupContract,
  ...staffContract,
  ...credentialsContract,
  ...evaluationsContract,
  ...hiringContract,
  ...rosterContract,
  ...facilitiesContract,
  ...patientsContract,
  ...concernsContract,
  ...appointmentsContract,
  ...appointmentUndoContract,
  ...backupsContract,
  ...bookingRisksContract,
  ...remindersContract,
  ...closuresContract,
  ...scheduleReportsContract,
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
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
export type * from './types';
export type * from './staff-types';
export type * from './patient-types';
export type * from './appointment-types';
export type { AuditKind, ChannelSpec } from './channel';
export type { EventName, EventPayload, Events } from './events';
