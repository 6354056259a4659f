import type { CredentialStanding } from '../domain/roster';
import type { StaffRole } from '../domain/staff';
import type { AppointmentType } from './appointment-types';
import { channel, returns } from './channel';
import { dateRange } from './fields';
import type { CredentialFlag } from './credentials';
import type { Room } from './rooms';

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

export const scheduleContract = {
  'schedule.frame': channel({
    input: dateRange(93),
    output: returns<ScheduleFrame>(),
    access: 'schedule.view',
    audit: 'none',
    summary: 'What a calendar draws around the appointments: providers, rooms, types, working time and time off for a range (at most 3 months).',
    example: { from: '2026-03-02', to: '2026-03-08' },
  }),
} as const;
