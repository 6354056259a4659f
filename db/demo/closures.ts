import type { Kysely } from 'kysely';
import { usFederalHolidays, type FederalHolidayKey } from '../../shared/domain/closures';
import type { DB } from '../schema';

/** The federal holidays the demo clinic closes on (it works the others), on the day itself and the weekday observed. */
const CLOSED_ON: readonly FederalHolidayKey[] = ['new_year', 'memorial', 'independence', 'labor', 'thanksgiving', 'christmas'];

/** The demo's closure days from `from` to `to`: nobody is rostered and nothing is booked on them. */
export function demoClosureDays(from: string, to: string): Array<{ date: string; label: string }> {
  const out: Array<{ date: string; label: string }> = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const h of usFederalHolidays(year)) if (CLOSED_ON.includes(h.key) && h.date >= from && h.date <= to) out.push({ date: h.date, label: h.label });
  }
  return out;
}

export async function seedDemoClosures(db: Kysely<DB>, o: { newId: () => string; now: string; from: string; to: string }): Promise<Set<string>> {
  const days = demoClosureDays(o.from, o.to);
  if (days.length) await db.insertInto('clinic_closures').values(days.map((d) => ({ id: o.newId(), date: d.date, label: d.label, active: 1, created_by: 'manager', created_at: o.now, updated_at: o.now }))).execute();
  return new Set(days.map((d) => d.date));
}
