import { z } from 'zod';
import type { AppointmentStatus } from '../domain/appointments';
import { REMINDER_OUTCOMES, type ReminderOutcome } from '../domain/reminders';
import { channel, returns } from './channel';
import { expected, id, optionalText, strictObject } from './fields';

/** One reminder call as kept: what came of it, who made it and when. */
export interface ReminderCall {
  id: string;
  appointmentId: string;
  outcome: ReminderOutcome;
  note: string;
  /** The caller's full name as it was then. */
  calledBy: string;
  /** UTC instant. */
  calledAt: string;
}

/** A row of the reminder call list. */
export interface ReminderListRow {
  appointmentId: string;
  patientName: string;
  phone: string;
  start: string;
  providerName: string;
  typeName: string;
  status: string;
  /** Every call made about this appointment, latest first. */
  calls: ReminderCall[];
}

export const remindersContract = {
  'reminders.record': channel({
    input: strictObject({
      appointmentId: id(),
      outcome: z.enum(REMINDER_OUTCOMES, { error: expected('called, left_message, confirmed or wrong_number') }),
      note: optionalText(300),
    }),
    output: returns<{ call: ReminderCall; status: AppointmentStatus }>(),
    access: 'schedule.manage',
    audit: 'write',
    summary: 'Record a reminder call and what came of it (kept with who and when); “confirmed” confirms the appointment in the same step.',
    example: { appointmentId: '00000000-0000-7000-8000-000000000000', outcome: 'left_message', note: '' },
  }),
} as const;
