import type { CredentialFlag } from '../contract/credentials';
import type { DateOrder } from '../contract/clinic';
import { closedMessage, type ClosureDay } from './closures';
import { formatWallTime } from './format';
import { describeFlag } from './roster';
import { TIME_OFF_LABELS, type TimeOffKind } from './staff';
import { datePart, overlaps, timePart, type WallTime } from './time';

/** Appointments: statuses, the moves between them, and the conflict rules. */

export const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'arrived', 'in_room', 'completed', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  confirmed: 'Confirmed',
  arrived: 'Arrived',
  in_room: 'In room',
  completed: 'Completed',
  no_show: 'No-show',
  cancelled: 'Canceled',
};

/** Status moves a person can make (cancelling has its own channel, with a reason). Going one step back undoes a slip. */
export const STATUS_MOVES: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ['confirmed', 'arrived', 'no_show'],
  confirmed: ['booked', 'arrived', 'no_show'],
  arrived: ['in_room', 'completed', 'confirmed'],
  in_room: ['completed', 'arrived'],
  completed: ['in_room'],
  no_show: ['booked'],
  cancelled: [],
};

/** Statuses that hold their time: a cancelled or no-show appointment frees its slot. */
export const HOLDS_TIME: readonly AppointmentStatus[] = ['booked', 'confirmed', 'arrived', 'in_room', 'completed'];

export const DEFAULT_LATE_CANCEL_HOURS = 24;
export const MAX_SERIES = 300;
/** The longest appointment; conflict checks look back this far for overlaps. */
export const MAX_APPOINTMENT_MINUTES = 8 * 60;

export type ConflictKind = 'provider' | 'room' | 'patient' | 'hours' | 'time_off' | 'flagged' | 'closed';

export interface Conflict {
  kind: ConflictKind;
  /** A manager may book anyway, with a reason. */
  overridable: boolean;
  message: string;
}

/** Provider or working-hours clashes can be overridden by a manager; a room, a patient's double booking, a flagged provider and a closure day never. */
export const OVERRIDABLE: Record<ConflictKind, boolean> = { provider: true, hours: true, time_off: true, room: false, patient: false, flagged: false, closed: false };

export interface BusyAppointment {
  id: string;
  patientId: string;
  patientName: string;
  providerId: string;
  providerName: string;
  roomId: string | null;
  roomName: string | null;
  start: WallTime;
  end: WallTime;
}

/** A booking being checked: the same fields as a busy appointment, without an id unless it is a move. */
export type Proposal = Omit<BusyAppointment, 'id'> & {
  /** The appointment being moved, which does not clash with itself. */
  id?: string | undefined;
};

export interface ConflictContext {
  /** Appointments that hold time and overlap the proposal, for the same provider, room or patient. */
  overlapping: readonly BusyAppointment[];
  /** The provider's working intervals that day (shifts less time off, or opening hours). */
  working: ReadonlyArray<{ start: WallTime; end: WallTime }>;
  /** Where the working time comes from, for the message. */
  workingSource: 'roster' | 'opening_hours';
  approvedTimeOff: ReadonlyArray<{ start: WallTime; end: WallTime; kind: string }>;
  flag: CredentialFlag | null;
  /** The clinic's closure days the proposal touches (a closed clinic books nobody, whatever the roster says). */
  closures?: readonly ClosureDay[] | undefined;
  order: DateOrder;
}

const span = (start: WallTime, end: WallTime, order: DateOrder) => `${formatWallTime(timePart(start), order)}–${formatWallTime(timePart(end), order)}`;

/** Every reason the proposal cannot be booked as it is, each in words a receptionist can repeat on the phone. */
export function findConflicts(p: Proposal, ctx: ConflictContext): Conflict[] {
  const out: Conflict[] = [];
  const add = (kind: ConflictKind, message: string) => out.push({ kind, overridable: OVERRIDABLE[kind], message });
  for (const a of ctx.overlapping) {
    if (a.id === p.id || !overlaps(a.start, a.end, p.start, p.end)) continue;
    if (a.providerId === p.providerId) add('provider', `${p.providerName} already has ${a.patientName} ${span(a.start, a.end, ctx.order)}`);
    if (p.roomId && a.roomId === p.roomId) add('room', `${a.roomName ?? 'The room'} is taken ${span(a.start, a.end, ctx.order)} (${a.providerName} with ${a.patientName})`);
    if (a.patientId === p.patientId && a.providerId !== p.providerId) add('patient', `${p.patientName} is already booked ${span(a.start, a.end, ctx.order)} with ${a.providerName}`);
  }
  for (const off of ctx.approvedTimeOff) {
    if (overlaps(off.start, off.end, p.start, p.end)) {
      const label = TIME_OFF_LABELS[off.kind as TimeOffKind]?.toLowerCase() ?? 'time off';
      add('time_off', `${p.providerName} is on approved ${label} then`);
    }
  }
  for (const closure of ctx.closures ?? []) add('closed', closedMessage(closure, ctx.order));
  const inside = ctx.working.some((w) => w.start <= p.start && p.end <= w.end);
  if (!inside && !out.some((c) => c.kind === 'time_off' || c.kind === 'closed')) {
    const today = ctx.working.filter((w) => datePart(w.start) === datePart(p.start));
    const hours = today.length ? today.map((w) => span(w.start, w.end, ctx.order)).join(', ') : null;
    if (ctx.workingSource === 'opening_hours') add('hours', hours ? `That is outside the clinic’s opening hours (${hours})` : 'The clinic is closed that day');
    else add('hours', hours ? `${p.providerName} is not working then (works ${hours})` : `${p.providerName} is not working that day`);
  }
  if (ctx.flag) add('flagged', `${p.providerName} cannot be booked: ${describeFlag(ctx.flag)}`);
  return out;
}

export type WaitlistUrgency = 'urgent' | 'soon' | 'routine';
export const URGENCY_LABELS: Record<WaitlistUrgency, string> = { urgent: 'Urgent', soon: 'Soon', routine: 'Routine' };
export const URGENCY_ORDER: Record<WaitlistUrgency, number> = { urgent: 0, soon: 1, routine: 2 };
