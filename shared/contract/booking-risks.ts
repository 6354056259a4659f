import { z } from 'zod';
import type { CredentialKind, TimeOffKind } from '../domain/staff';
import type { WallTime } from '../domain/time';
import { channel, returns } from './channel';
import { date, expected, id, strictObject } from './fields';
import { credentialKind } from './credentials';

/**
 * Booking risks: booked appointments a provider will not be able to keep, because a
 * required credential lapses, they leave (end date), or approved time off covers them.
 */
/** Why a provider cannot be booked from some moment on. */
export type RiskCause =
  | { kind: 'credential'; credential: CredentialKind; state: 'missing' | 'expired' | 'expires'; expiresOn: string | null }
  | { kind: 'left'; endDate: string }
  | { kind: 'timeOff'; timeOffId: string; timeOffKind: TimeOffKind; start: WallTime; end: WallTime };

export interface BookingRisk {
  staffId: string;
  staffName: string;
  cause: RiskCause;
  /** The first moment the person cannot be booked (not before now). */
  from: WallTime;
  /** Until when (time off); null: from then on. */
  to: WallTime | null;
  /** Booked or confirmed appointments in that time. */
  appointments: number;
  firstStart: WallTime;
  lastStart: WallTime;
}

/** One line of a call list to reschedule. */
export interface AffectedAppointment {
  appointmentId: string;
  start: WallTime;
  end: WallTime;
  status: 'booked' | 'confirmed';
  patientId: string;
  patientName: string;
  /** The best number to call (mobile, else home, else work); '' when none is recorded. */
  phone: string;
  /** The patient's other numbers, labelled ("home (555) 010-1234"). */
  otherPhones: string[];
  providerId: string;
  providerName: string;
  typeName: string;
}

/** Which risk's appointments to list. */
const riskCause = () =>
  z.discriminatedUnion(
    'kind',
    [z.strictObject({ kind: z.literal('credential'), credential: credentialKind() }), z.strictObject({ kind: z.literal('left'), endDate: date().optional() }), z.strictObject({ kind: z.literal('timeOff'), timeOffId: id() })],
    { error: expected('a cause: credential, left or timeOff') },
  );

export const bookingRisksContract = {
  'bookingRisks.list': channel({
    input: strictObject({
      staffId: id().optional(),
      withinDays: z.number({ error: expected('a number of days') }).int('Use whole days').min(1, 'At least 1 day').max(365, 'At most 365 days').optional(),
    }),
    output: returns<BookingRisk[]>(),
    access: 'schedule.manage',
    audit: 'none',
    summary:
      'Booked appointments stranded by a provider becoming unbookable: a required credential missing, expired or expiring within the window (default 90 days), an end date, approved time off. Counts per cause, soonest first.',
    example: {},
  }),
  'bookingRisks.appointments': channel({
    input: strictObject({ staffId: id(), cause: riskCause() }),
    output: returns<{ risk: BookingRisk | null; appointments: AffectedAppointment[] }>(),
    access: 'schedule.manage',
    audit: 'read-phi',
    summary: 'The call list for one risk: each booked or confirmed appointment with the patient’s name and phone, by time. `left` with an endDate asks before marking someone as leaving.',
    example: { staffId: '00000000-0000-7000-8000-000000000000', cause: { kind: 'credential', credential: 'dea' } },
  }),
} as const;
