import { channel, returns } from './channel';
import { empty } from './fields';

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
