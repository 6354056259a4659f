/** Reminder calls: what came of a call about an appointment. */

export const REMINDER_OUTCOMES = ['called', 'left_message', 'confirmed', 'wrong_number'] as const;
export type ReminderOutcome = (typeof REMINDER_OUTCOMES)[number];

/** How the list says each outcome. */
export const REMINDER_OUTCOME_LABELS: Record<ReminderOutcome, string> = {
  called: 'Called, no answer',
  left_message: 'Left a message',
  confirmed: 'Confirmed',
  wrong_number: 'Wrong number',
};

/** The longer wording the call form offers. */
export const REMINDER_OUTCOME_CHOICES: Record<ReminderOutcome, string> = {
  called: 'Called — no answer, no message left',
  left_message: 'Left a message',
  confirmed: 'Spoke to the patient — they confirmed (the appointment becomes confirmed)',
  wrong_number: 'Wrong number — the phone on file needs checking',
};
