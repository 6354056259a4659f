import { findStaff, findStaffByUser, type StaffRow } from '../../../db/staff';
import { KeelError, fieldError } from '../../../shared/contract/index';
import { roleHas, type Permission } from '../../../shared/domain/permissions';
import { dateInZone, wallInZone, type ClinicClock } from '../../../shared/domain/time';
import type { HandlerContext } from './types';

/** The clinic's time zone (UTC before setup). */
export function zoneOf(ctx: Pick<HandlerContext, 'clinic'>): string {
  return ctx.clinic?.timeZone ?? 'UTC';
}

/** Today's date in the clinic. */
export function clinicToday(ctx: Pick<HandlerContext, 'clinic' | 'now'>): string {
  return dateInZone(new Date(ctx.now), zoneOf(ctx));
}

export function can(ctx: Pick<HandlerContext, 'user'>, permission: Permission): boolean {
  return ctx.user !== null && roleHas(ctx.user.role, permission);
}

/** A staff record that must exist; `field` names the input that pointed at it. */
export async function requireStaff(ctx: HandlerContext, id: string, field = 'staffId'): Promise<StaffRow> {
  const row = await findStaff(ctx.db, id);
  if (!row) throw fieldError(field, 'No such person in the staff directory');
  return row;
}

/** The caller's own staff record, or null when the account is not linked to one. */
export async function ownStaff(ctx: HandlerContext): Promise<StaffRow | null> {
  return ctx.user ? ((await findStaffByUser(ctx.db, ctx.user.id)) ?? null) : null;
}

/** Refuses unless the caller holds `permission` or the record is their own. */
export async function requireSelfOr(ctx: HandlerContext, staffId: string, permission: Permission): Promise<void> {
  if (can(ctx, permission)) return;
  const own = await ownStaff(ctx);
  if (own?.id !== staffId) throw new KeelError('forbidden', 'You can only see your own staff record.');
}

/** The clinic's clock for this call: zone, date order, today, the wall-clock now, the slot size. */
export function clinicClock(ctx: Pick<HandlerContext, 'clinic' | 'now'>): ClinicClock {
  const zone = zoneOf(ctx);
  const now = wallInZone(new Date(ctx.now), zone);
  // Today is the date part of the clinic's wall clock now: one time-zone conversion, not two.
  return { zone, dateOrder: ctx.clinic?.dateOrder ?? 'MDY', today: now.slice(0, 10), now, slotMinutes: ctx.clinic?.slotMinutes ?? 15 };
}
