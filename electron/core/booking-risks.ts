import type { Kysely } from 'kysely';
import { countInWindows, OPEN_END, appointmentsInWindows, type ProviderWindow } from '../../db/booking-risks';
import { lookback } from '../../db/appointments';
import { standingsFor } from '../../db/credentials';
import { timeOffBetween } from '../../db/timeoff';
import type { DB } from '../../db/schema';
import { listStaff } from '../../db/staff';
import type { AffectedAppointment, BookingRisk, RiskCause } from '../../shared/contract/booking-risks';
import { addDays, type WallTime } from '../../shared/domain/time';

/**
 * Booked appointments a provider will not be able to keep: after a required
 * credential lapses (or while one is missing), after their last day, and during
 * approved time off. Each cause is a window of the provider's time; one query
 * counts the appointments in all of them.
 */

export interface RiskClock {
  today: string;
  /** The clinic's wall-clock time now: nothing before it is at risk any more. */
  now: WallTime;
}

interface Candidate {
  staffId: string;
  staffName: string;
  cause: RiskCause;
  window: ProviderWindow;
}

const later = (a: WallTime, b: WallTime) => (a > b ? a : b);
const dayAfter = (date: string): WallTime => `${addDays(date, 1)}T00:00`;

/** Every cause that makes a bookable provider unbookable from now on, with its window. */
async function candidates(db: Kysely<DB>, clock: RiskClock, options: { staffId?: string | undefined; withinDays: number }): Promise<Candidate[]> {
  const providers = (await listStaff(db, { status: 'all', ...(options.staffId ? { ids: [options.staffId] } : {}) })).filter((s) => s.bookable === 1);
  if (providers.length === 0) return [];
  const standings = await standingsFor(db, providers);
  // Time off is at most a year long, so approved time off touching the next 400 days is all there is.
  const offs = await timeOffBetween(db, clock.now, `${addDays(clock.today, 400)}T00:00`, { staffIds: providers.map((p) => p.id), statuses: ['approved'] });
  const horizon = addDays(clock.today, options.withinDays);
  const out: Candidate[] = [];
  const open = (staffId: string, from: WallTime, to: WallTime = OPEN_END): ProviderWindow => ({ providerId: staffId, earliest: later(from, clock.now), from: later(from, clock.now), to });
  for (const p of providers) {
    const base = { staffId: p.id, staffName: p.full_name };
    if (p.active === 1) {
      const standing = standings.get(p.id);
      for (const credential of standing?.missing ?? []) out.push({ ...base, cause: { kind: 'credential', credential, state: 'missing', expiresOn: null }, window: open(p.id, clock.now) });
      for (const { kind, expiresOn } of standing?.expiries ?? []) {
        if (expiresOn === null || expiresOn > horizon) continue;
        out.push({ ...base, cause: { kind: 'credential', credential: kind, state: expiresOn < clock.today ? 'expired' : 'expires', expiresOn }, window: open(p.id, dayAfter(expiresOn)) });
      }
    }
    if (p.end_date !== null) out.push({ ...base, cause: { kind: 'left', endDate: p.end_date }, window: open(p.id, dayAfter(p.end_date)) });
  }
  const names = new Map(providers.map((p) => [p.id, p.full_name]));
  for (const t of offs) {
    if (t.end <= clock.now) continue;
    const from = later(t.start, clock.now);
    // An appointment already running when the time off begins counts too.
    const window: ProviderWindow = { providerId: t.staffId, earliest: later(lookback(from), clock.now), from, to: t.end };
    out.push({ staffId: t.staffId, staffName: names.get(t.staffId) ?? t.staffName, cause: { kind: 'timeOff', timeOffId: t.id, timeOffKind: t.kind, start: t.start, end: t.end }, window });
  }
  return out;
}

function riskOf(c: Candidate, count: { count: number; firstStart: WallTime; lastStart: WallTime }): BookingRisk {
  return { staffId: c.staffId, staffName: c.staffName, cause: c.cause, from: c.window.from, to: c.window.to === OPEN_END ? null : c.window.to, appointments: count.count, firstStart: count.firstStart, lastStart: count.lastStart };
}

/** The causes that strand at least one booked appointment, soonest first. */
export async function bookingRisks(db: Kysely<DB>, clock: RiskClock, options: { staffId?: string | undefined; withinDays?: number | undefined } = {}): Promise<BookingRisk[]> {
  const found = await candidates(db, clock, { staffId: options.staffId, withinDays: options.withinDays ?? 90 });
  const counts = await countInWindows(db, found.map((c) => c.window));
  return found
    .flatMap((c, i) => {
      const count = counts.get(i);
      return count ? [riskOf(c, count)] : [];
    })
    .sort((a, b) => a.from.localeCompare(b.from) || a.staffName.localeCompare(b.staffName));
}

export type CauseKey = { kind: 'credential'; credential: string } | { kind: 'left'; endDate?: string | undefined } | { kind: 'timeOff'; timeOffId: string };

const sameCause = (cause: RiskCause, key: CauseKey) =>
  cause.kind === key.kind && (key.kind === 'credential' ? cause.kind === 'credential' && cause.credential === key.credential : key.kind === 'timeOff' ? cause.kind === 'timeOff' && cause.timeOffId === key.timeOffId : true);

/** One cause's call list; the risk is null when the cause no longer strands anyone (renewed, back, withdrawn). */
export async function riskAppointments(db: Kysely<DB>, clock: RiskClock, staffId: string, key: CauseKey): Promise<{ risk: BookingRisk | null; appointments: AffectedAppointment[] }> {
  // Any expiry date: a call list opened from a warning is listed whatever the look-ahead.
  let found = (await candidates(db, clock, { staffId, withinDays: 3650 })).find((c) => sameCause(c.cause, key));
  // Before someone is marked as leaving: what a last day would strand.
  if (key.kind === 'left' && key.endDate !== undefined) {
    const person = (await listStaff(db, { status: 'all', ids: [staffId] }))[0];
    const from = later(dayAfter(key.endDate), clock.now);
    found = person ? { staffId, staffName: person.full_name, cause: { kind: 'left', endDate: key.endDate }, window: { providerId: staffId, earliest: from, from, to: OPEN_END } } : undefined;
  }
  if (!found) return { risk: null, appointments: [] };
  const appointments = await appointmentsInWindows(db, [found.window]);
  if (appointments.length === 0) return { risk: null, appointments };
  return { risk: riskOf(found, { count: appointments.length, firstStart: appointments[0]!.start, lastStart: appointments.at(-1)!.start }), appointments };
}

/** The appointments of a provider during a stretch of time off (asked for, not yet approved), from now on. */
export async function appointmentsDuring(db: Kysely<DB>, clock: RiskClock, staffId: string, start: WallTime, end: WallTime): Promise<AffectedAppointment[]> {
  if (end <= clock.now) return [];
  const from = later(start, clock.now);
  return appointmentsInWindows(db, [{ providerId: staffId, earliest: later(lookback(from), clock.now), from, to: end }]);
}
