import type { Kysely } from 'kysely';
import { DEFAULT_LATE_CANCEL_HOURS } from '../shared/domain/appointments';
import type { DB } from './schema';
import { getSetting, setSetting } from './settings';

const LATE_KEY = 'schedule.lateCancelHours';

/** How many hours' notice a patient gives before a cancellation stops counting as late. */
export function lateCancelHours(db: Kysely<DB>): Promise<number> {
  return getSetting(db, LATE_KEY, DEFAULT_LATE_CANCEL_HOURS);
}

export function setLateCancelHours(db: Kysely<DB>, hours: number, now: string): Promise<void> {
  return setSetting(db, LATE_KEY, hours, now);
}
