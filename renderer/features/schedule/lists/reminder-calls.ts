import type { ReminderCall } from '../../../../shared/contract/reminders';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatDayShort, formatWallTime } from '../../../../shared/domain/format';
import { REMINDER_OUTCOME_LABELS } from '../../../../shared/domain/reminders';
import { wallInZone } from '../../../../shared/domain/time';

/** When a call was made, in the clinic's zone: "10:42 AM" today, "Tue, Dec 1, 10:42 AM" before. */
export function callTime(call: ReminderCall, zone: string, order: DateOrder, today: string): string {
  const wall = wallInZone(new Date(call.calledAt), zone);
  const time = formatWallTime(wall.slice(11), order);
  return wall.slice(0, 10) === today ? time : `${formatDayShort(wall.slice(0, 10), order)}, ${time}`;
}

/** One line of a call's history: outcome, who, when, and the note. */
export function describeCall(call: ReminderCall, zone: string, order: DateOrder, today = wallInZone(new Date(), zone).slice(0, 10)): string {
  return `${REMINDER_OUTCOME_LABELS[call.outcome]} · ${call.calledBy}, ${callTime(call, zone, order, today)}${call.note ? ` — “${call.note}”` : ''}`;
}
