import type { AppointmentStatus, Conflict, WaitlistUrgency } from '../domain/appointments';
import type { RoomKind, StaffRole } from '../domain/staff';
import type { CredentialStanding } from '../domain/roster';
import type { CredentialFlag, Room } from './staff-types';

export interface AppointmentType {
  id: string;
  name: string;
  durationMinutes: number;
  colour: string;
  roomKind: RoomKind | null;
  providerRoles: StaffRole[];
  active: boolean;
}

/** An appointment as the schedule shows it. */
export interface Appointment {
  id: string;
  patient: { id: string; name: string; mrn: string; phone: string; dob: string };
  providerId: string;
  providerName: string;
  roomId: string | null;
  roomName: string | null;
  typeId: string;
  typeName: string;
  colour: string;
  start: string;
  end: string;
  status: AppointmentStatus;
  reason: string;
  note: string;
  seriesId: string | null;
  arrivedAt: string | null;
  inRoomAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelledBy: 'patient' | 'clinic' | null;
  cancelReason: string;
  lateCancel: boolean;
  overrideReason: string;
}

export interface SeriesOccurrence {
  start: string;
  end: string;
  conflicts: Conflict[];
}

export interface SeriesPreview {
  rrule: string;
  occurrences: SeriesOccurrence[];
}

export interface OpenSlot {
  date: string;
  start: string;
  end: string;
  providerId: string;
  providerName: string;
  roomId: string | null;
  roomName: string | null;
}

export interface WaitlistEntry {
  id: string;
  patient: { id: string; name: string; mrn: string; phone: string };
  typeId: string;
  typeName: string;
  providerIds: string[];
  providerNames: string[];
  weekdays: number[];
  timeFrom: string;
  timeTo: string;
  urgency: WaitlistUrgency;
  note: string;
  status: 'waiting' | 'booked' | 'closed';
  appointmentId: string | null;
  addedAt: string;
}

/** A freed slot and the waitlist entries it suits, best first. */
export interface WaitlistOffer {
  slot: { start: string; end: string; providerId: string; providerName: string };
  entries: WaitlistEntry[];
}

export interface ScheduleReport {
  from: string;
  to: string;
  /** Appointments that held their time, per provider per ISO week. */
  perWeek: Array<{ providerId: string; providerName: string; weekStart: string; count: number }>;
  /** Per provider per month: how many were booked, no-shows and late cancellations. */
  perMonth: Array<{ providerId: string; providerName: string; month: string; booked: number; noShows: number; lateCancels: number; noShowRate: number; lateCancelRate: number }>;
  /** Booked minutes over working minutes, per provider, for the range. */
  utilisation: Array<{ providerId: string; providerName: string; bookedMinutes: number; workingMinutes: number; rate: number }>;
}

export interface TodaySchedule {
  date: string;
  byStatus: Record<AppointmentStatus, number>;
  /** Arrived and waiting, longest first, with minutes waited. */
  waiting: Array<{ appointment: Appointment; waitedMinutes: number }>;
  nextFree: OpenSlot[];
  noShowRateThisMonth: number;
}

export interface PatientAppointments {
  /** From now on, soonest first; cancelled ones left out. */
  upcoming: Appointment[];
  /** The last 20 before now, latest first, whatever became of them. */
  recent: Appointment[];
  noShows: number;
  lateCancels: number;
}

/** Everything around the appointments that a calendar draws: who, where, what, and when people work. No patient data. */
export interface ScheduleFrame {
  from: string;
  to: string;
  /** `flag` is as it stands on the first day shown; `standing` tells it for any day (flagOn), since a credential may lapse inside the range. */
  providers: Array<{ id: string; fullName: string; staffRole: StaffRole; colour: string; flag: CredentialFlag | null; standing: CredentialStanding | null }>;
  rooms: Room[];
  types: AppointmentType[];
  /** Each provider's bookable time: shifts minus approved time off (clinic hours until they have shifts). */
  working: Array<{ staffId: string; source: 'roster' | 'opening_hours'; intervals: Array<{ start: string; end: string }> }>;
  /** Approved time off overlapping the range, to shade and label. */
  timeOff: Array<{ staffId: string; start: string; end: string; kind: string }>;
  /** The signed-in person's own staff record, when they are a provider. */
  myStaffId: string | null;
  lateCancelHours: number;
  /** The clinic's closure days in the range: shaded, labelled and not bookable. */
  closures: Array<{ date: string; label: string }>;
}
