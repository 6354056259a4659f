import { channel, returns } from './channel';
import { empty } from './fields';

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

/** The first and last days with an appointment on the books (`YYYY-MM-DD`), or null when there are none. */
export interface ReportSpan {
  first: string | null;
  last: string | null;
}

export const scheduleReportsContract = {
  'scheduleReports.get': channel({
    input: empty(),
    output: returns<ReportSpan>(),
    access: 'schedule.reports',
    audit: 'none',
    summary: 'The first and last days that have an appointment, so the reports open on a period with data.',
    example: {},
  }),
} as const;
