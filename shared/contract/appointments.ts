import { z } from 'zod';
import { type AppointmentStatus, type Conflict, MAX_APPOINTMENT_MINUTES, MAX_SERIES } from '../domain/appointments';
import { daysBetween, wallMinutes } from '../domain/time';
import { channel, returns } from './channel';
import { date, expected, id, list, optionalText, strictObject, text, timeOfDay, wallTime, dateRange } from './fields';
import type { ReminderListRow } from './reminders';
import type { ScheduleReport } from './schedule-reports';
import type { WaitlistOffer } from './waitlist';

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

const override = () => strictObject({ reason: text(300) });

/** What is being booked; without `end`, the type's own duration. */
export const bookingFields = {
  patientId: id(),
  providerId: id(),
  typeId: id(),
  roomId: id().nullable(),
  start: wallTime(),
  end: wallTime().optional(),
};

function checkTimes(b: { start?: string | undefined; end?: string | undefined }, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (!b.start || !b.end) return;
  const minutes = wallMinutes(b.end) - wallMinutes(b.start);
  if (minutes <= 0) ctx.addIssue({ code: 'custom', path: [...path, 'end'], message: 'The appointment ends before it starts' });
  else if (minutes > MAX_APPOINTMENT_MINUTES) ctx.addIssue({ code: 'custom', path: [...path, 'end'], message: 'An appointment can be at most 8 hours' });
}

const booking = () => strictObject({ ...bookingFields, reason: optionalText(300), note: optionalText(1000, { multiline: true }) }).superRefine((b, ctx) => checkTimes(b, ctx));

export const repeatRule = () =>
  strictObject({
    freq: z.enum(['daily', 'weekly', 'monthly', 'workdays'], { error: expected('daily, weekly, monthly or workdays') }),
    interval: z.number({ error: expected('a number') }).int().min(1, 'At least 1').max(52, 'At most 52'),
    weekdays: list(z.number().int().min(1).max(7), 7, { tooMany: 'Choose at most 7 weekdays' }).optional(),
    monthlyBy: z.enum(['date', 'weekday']).optional(),
    count: z.number({ error: expected('a number') }).int().min(1, 'At least 1').max(MAX_SERIES, `At most ${MAX_SERIES} appointments`).optional(),
    until: date().optional(),
  })
    .superRefine((r, ctx) => {
      if (r.count === undefined && !r.until) ctx.addIssue({ code: 'custom', path: ['count'], message: 'Say when the series ends: after a number of times, or on a date' });
      if (r.count !== undefined && r.until) ctx.addIssue({ code: 'custom', path: ['until'], message: 'Choose either a number of times or an end date' });
      if (r.freq === 'workdays' && r.interval !== 1) ctx.addIssue({ code: 'custom', path: ['interval'], message: 'Each workday repeats every day the clinic is open; leave the interval at 1' });
    });

const SAMPLE = { patientId: '00000000-0000-7000-8000-000000000001', providerId: '00000000-0000-7000-8000-000000000002', typeId: '00000000-0000-7000-8000-000000000003', roomId: null, start: '2026-03-02T09:00' };

/** Appointments: booked, moved, checked in, canceled and taken back; a day's, a patient's and a month's; reminders and calendar files. */
export const appointmentsContract = {
  'appointments.list': channel({
    input: strictObject({ from: date(), to: date(), providerIds: list(id(), 100, { tooMany: 'Choose at most 100 providers' }).optional(), roomIds: list(id(), 100, { tooMany: 'Choose at most 100 rooms' }).optional(), patientId: id().optional(), includeCancelled: z.boolean().optional() })
      .superRefine((r, ctx) => {
        if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range ends before it starts' });
        else if (daysBetween(r.from, r.to) > 92) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose at most 3 months' });
      }),
    output: returns<Appointment[]>(),
    access: 'schedule.view',
    audit: 'read-phi',
    summary: 'Appointments between two dates (at most 3 months), for providers, rooms or a patient.',
    example: { from: '2026-03-02', to: '2026-03-02' },
  }),
  'appointments.get': channel({
    input: strictObject({ id: id() }),
    output: returns<Appointment>(),
    access: 'schedule.view',
    audit: 'read-phi',
    summary: 'Open one appointment (counts as a look at the patient’s record).',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
  'appointments.forPatient': channel({
    input: strictObject({ patientId: id() }),
    output: returns<PatientAppointments>(),
    access: 'schedule.view',
    audit: 'read-phi',
    summary: 'A patient’s coming appointments and their last 20, with their no-show and late-cancel counts.',
    example: { patientId: '00000000-0000-7000-8000-000000000001' },
  }),
  'appointments.check': channel({
    input: strictObject({ id: id().optional(), ...bookingFields }).superRefine((b, ctx) => checkTimes(b, ctx)),
    output: returns<Conflict[]>(),
    access: 'schedule.view',
    audit: 'none',
    summary: 'What a booking would clash with, before making it.',
    example: SAMPLE,
  }),
  'appointments.book': channel({
    input: strictObject({ booking: booking(), override: override().optional() }),
    output: returns<Appointment>(),
    access: 'schedule.manage',
    audit: 'write',
    summary: 'Book an appointment. Conflicts are checked in the same transaction; a manager may override provider or hours conflicts with a reason.',
    example: { booking: { ...SAMPLE, reason: '', note: '' } },
  }),
  'appointments.update': channel({
    input: strictObject({
      id: id(),
      changes: strictObject({ patientId: id().optional(), providerId: id().optional(), typeId: id().optional(), roomId: id().nullable().optional(), start: wallTime().optional(), end: wallTime().optional(), reason: optionalText(300).optional(), note: optionalText(1000, { multiline: true }).optional() }),
      scope: z.enum(['this', 'following', 'all']).optional(),
      override: override().optional(),
    })
      .superRefine((u, ctx) => checkTimes(u.changes, ctx, ['changes'])),
    output: returns<Appointment>(),
    access: 'schedule.manage',
    audit: 'write',
    summary: 'Move or change an appointment; for a series, this one, this and following, or all. Same conflict rules as booking.',
    example: { id: '00000000-0000-7000-8000-000000000000', changes: { start: '2026-03-02T10:00' } },
  }),
  'appointments.setStatus': channel({
    input: strictObject({ id: id(), status: z.enum(['booked', 'confirmed', 'arrived', 'in_room', 'completed', 'no_show'], { error: expected('booked, confirmed, arrived, in_room, completed or no_show') }) }),
    output: returns<Appointment>(),
    access: 'schedule.status',
    audit: 'write',
    summary: 'Move an appointment along: confirmed → arrived (time stamped) → in room (time stamped) → completed, or no-show; one step back undoes a slip.',
    example: { id: '00000000-0000-7000-8000-000000000000', status: 'arrived' },
  }),
  'appointments.cancel': channel({
    input: strictObject({ id: id(), by: z.enum(['patient', 'clinic'], { error: expected('patient or clinic') }), reason: text(300), scope: z.enum(['this', 'following', 'all']).optional() }),
    output: returns<{ cancelled: number; lateCancel: boolean; offers: WaitlistOffer[] }>(),
    access: 'schedule.manage',
    audit: 'write',
    summary: 'Cancel by the patient or the clinic, with a reason; under the late-cancel notice it counts as a late cancel. Returns waitlist entries the freed slot suits.',
    example: { id: '00000000-0000-7000-8000-000000000000', by: 'patient', reason: 'Feeling better' },
  }),
  'appointments.previewSeries': channel({
    input: strictObject({ booking: booking(), repeat: repeatRule() }),
    output: returns<SeriesPreview>(),
    access: 'schedule.manage',
    audit: 'none',
    summary: 'Every occurrence of a recurring series with its conflicts, before booking it.',
    example: { booking: { ...SAMPLE, reason: '', note: '' }, repeat: { freq: 'weekly', interval: 1, weekdays: [1], count: 4 } },
  }),
  'appointments.bookSeries': channel({
    input: strictObject({ booking: booking(), repeat: repeatRule(), skipConflicts: z.boolean(), override: override().optional() }),
    output: returns<{ seriesId: string; booked: number; skipped: Array<{ start: string; conflicts: Conflict[] }> }>(),
    access: 'schedule.manage',
    audit: 'write',
    summary: 'Book a recurring series (RFC 5545 RRULE, at most 300): all of it, or skipping the occurrences that clash.',
    example: { booking: { ...SAMPLE, reason: '', note: '' }, repeat: { freq: 'weekly', interval: 1, weekdays: [1], count: 4 }, skipConflicts: true },
  }),
  'appointments.findOpenSlots': channel({
    input: strictObject({
      typeId: id(),
      providerIds: list(id(), 50, { tooMany: 'Choose at most 50 providers' }).optional(),
      from: date(),
      to: date(),
      weekdays: list(z.number().int().min(1).max(7), 7, { tooMany: 'Choose at most 7 weekdays' }).optional(),
      timeFrom: timeOfDay().optional(),
      timeTo: timeOfDay().optional(),
      days: z.number().int().min(1).max(10).optional(),
    })
      .superRefine((r, ctx) => {
        if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range ends before it starts' });
        else if (daysBetween(r.from, r.to) > 92) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Search at most 3 months ahead' });
        if (r.timeFrom && r.timeTo && r.timeTo <= r.timeFrom) ctx.addIssue({ code: 'custom', path: ['timeTo'], message: 'The end of the time window is before its start' });
      }),
    output: returns<OpenSlot[]>(),
    access: 'schedule.view',
    audit: 'none',
    summary: 'The first free slot on each of the next days (up to 10), honoring hours, shifts, time off, bookings and rooms.',
    example: { typeId: '00000000-0000-7000-8000-000000000003', from: '2026-03-02', to: '2026-03-31' },
  }),
  'appointments.reminders': channel({
    input: strictObject({ date: date() }),
    output: returns<ReminderListRow[]>(),
    access: 'schedule.manage',
    audit: 'read-phi',
    summary: 'The reminder call list for a day: patient, phone, time, provider, and the calls made so far (latest first).',
    example: { date: '2026-03-03' },
  }),
  'appointments.ics': channel({
    input: strictObject({ providerId: id(), from: date(), to: date() }).superRefine((r, ctx) => {
      if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range ends before it starts' });
      else if (daysBetween(r.from, r.to) >= 366) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose at most a year' });
    }),
    output: returns<{ fileName: string; ics: string; events: number }>(),
    access: 'schedule.view',
    audit: 'export',
    summary: 'A provider’s appointments as an iCalendar (RFC 5545) file for their own calendar app.',
    example: { providerId: '00000000-0000-7000-8000-000000000002', from: '2026-03-01', to: '2026-03-31' },
  }),
  'appointments.report': channel({
    input: dateRange(366),
    output: returns<ScheduleReport>(),
    access: 'schedule.reports',
    audit: 'none',
    summary: 'Appointments per provider per week, no-show and late-cancel rates per month, utilization.',
    example: { from: '2026-01-01', to: '2026-03-31' },
  }),
  'appointments.today': channel({
    input: strictObject({ date: date().optional() }),
    output: returns<TodaySchedule>(),
    access: 'schedule.view',
    audit: 'read-phi',
    summary: 'Today at a glance: appointments by status, the waiting room, next free slots, this month’s no-show rate.',
    example: {},
  }),
  // Taking back a cancellation, like the other changes on the schedule (Undo, Ctrl+Z).
  'appointments.restore': channel({
    input: strictObject({ id: id(), status: z.enum(['booked', 'confirmed'], { error: expected('booked or confirmed') }).optional() }),
    output: returns<{ restored: number; appointment: Appointment }>(),
    access: 'schedule.manage',
    audit: 'write',
    summary:
      'Undo a cancellation: the appointment (and those of its series cancelled with it) hold their time again, as booked or confirmed. Refused when the time has passed or the slot was taken meanwhile.',
    example: { id: '00000000-0000-7000-8000-000000000000', status: 'booked' },
  }),
} as const;
