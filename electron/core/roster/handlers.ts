import { deleteShift, findShift, insertShifts, shiftFromRow, shiftsBetween, updateShift } from '../../../db/roster';
import { listTemplates } from '../../../db/templates';
import { timeOffBetween } from '../../../db/timeoff';
import { findStaff, withFlags } from '../../../db/staff';
import { KeelError, fieldError } from '../../../shared/contract/index';
import type { rosterContract } from '../../../shared/contract/roster';
import { minutesOfDay, addDays, datePart, daysBetween, mondayOf, overlaps } from '../../../shared/domain/time';
import { can, clinicToday, requireStaff, zoneOf, clinicClock } from '../handlers/clinic-time';
import type { HandlerContext, HandlersFor } from '../handlers/types';
import { labourReport, providerAvailability, rosterWeek, warningsForShift } from '../roster-service';

async function activePerson(ctx: HandlerContext, staffId: string) {
  const person = await requireStaff(ctx, staffId);
  if (person.active !== 1) throw fieldError('staffId', `${person.full_name} has left the practice`);
  return person;
}

/** Shifts a template puts on the chosen week: on each of its weekdays, ending next day when it runs past midnight. */
function templateShifts(template: { weekdays: number[]; startTime: string; endTime: string; breakMinutes: number }, weekStart: string, staffId: string) {
  return template.weekdays.map((weekday) => {
    const day = addDays(weekStart, weekday - 1);
    const endDay = minutesOfDay(template.endTime) <= minutesOfDay(template.startTime) ? addDays(day, 1) : day;
    return { staffId, start: `${day}T${template.startTime}`, end: `${endDay}T${template.endTime}`, breakMinutes: template.breakMinutes, note: '' };
  });
}

/**
 * Adds shifts unless the person already works then or has approved time off
 * then (approved time off blocks new shifts made in bulk); returns how many.
 */
async function addShiftsWhereFree(ctx: HandlerContext, wanted: Array<{ staffId: string; start: string; end: string; breakMinutes: number; note: string }>) {
  if (wanted.length === 0) return { created: 0, skipped: 0 };
  const from = wanted.reduce((m, s) => (s.start < m ? s.start : m), wanted[0]!.start);
  const to = wanted.reduce((m, s) => (s.end > m ? s.end : m), wanted[0]!.end);
  const staffIds = [...new Set(wanted.map((w) => w.staffId))];
  const existing = await shiftsBetween(ctx.db, from, to, staffIds);
  const offs = await timeOffBetween(ctx.db, from, to, { staffIds, statuses: ['approved'] });
  const toCreate = wanted.filter(
    (w) =>
      !existing.some((e) => e.staff_id === w.staffId && overlaps(e.starts_at, e.ends_at, w.start, w.end)) &&
      !offs.some((t) => t.staffId === w.staffId && overlaps(t.start, t.end, w.start, w.end)),
  );
  await insertShifts(ctx.db, toCreate.map((s) => ({ ...s, id: ctx.app.newId() })), ctx.now);
  return { created: toCreate.length, skipped: wanted.length - toCreate.length };
}

export const rosterHandlers: HandlersFor<typeof rosterContract> = {
  'roster.week': async (input, ctx) => rosterWeek(ctx.db, input.weekStart, clinicClock(ctx), can(ctx, 'labour.view')),

  'roster.checkShift': async (input, ctx) => {
    const person = await requireStaff(ctx, input.staffId);
    return warningsForShift(ctx.db, person, { ...input, id: input.id ?? 'proposed' }, clinicClock(ctx));
  },

  'roster.saveShift': async (input, ctx) => {
    const person = await activePerson(ctx, input.staffId);
    const exists = input.id !== undefined;
    if (exists && !(await findShift(ctx.db, input.id!))) throw new KeelError('not_found', 'That shift no longer exists; someone may have removed it.');
    const id = input.id ?? ctx.app.newId();
    if (exists) await updateShift(ctx.db, id, input, ctx.now);
    else await insertShifts(ctx.db, [{ ...input, id }], ctx.now);
    const clock = clinicClock(ctx);
    const warnings = await warningsForShift(ctx.db, person, { ...input, id }, clock);
    ctx.audit.targetId = id;
    ctx.audit.detail = { staffId: input.staffId, start: input.start, end: input.end, warnings: warnings.map((w) => w.kind) };
    const row = (await findShift(ctx.db, id))!;
    return { shift: shiftFromRow(row, clock.zone), warnings };
  },

  'roster.deleteShift': async (input, ctx) => {
    const row = await findShift(ctx.db, input.id);
    if (!row) throw new KeelError('not_found', 'That shift no longer exists.');
    await deleteShift(ctx.db, input.id, ctx.now);
    ctx.audit.targetId = input.id;
    ctx.audit.detail = { staffId: row.staff_id, start: row.starts_at, end: row.ends_at };
    return null;
  },

  'roster.applyTemplate': async (input, ctx) => {
    const template = (await listTemplates(ctx.db)).find((t) => t.id === input.templateId);
    if (!template) throw fieldError('templateId', 'No such template');
    if (!template.active) throw fieldError('templateId', 'That template is retired');
    const weekStart = mondayOf(input.weekStart);
    const staffIds = [...new Set(input.staffIds)];
    for (const [index, id] of staffIds.entries()) {
      const person = await findStaff(ctx.db, id);
      if (person?.active !== 1) throw fieldError(`staffIds.${index}`, person ? `${person.full_name} has left the practice` : 'No such person in the staff directory');
    }
    const result = await addShiftsWhereFree(ctx, staffIds.flatMap((id) => templateShifts(template, weekStart, id)));
    const clock = clinicClock(ctx);
    const week = await rosterWeek(ctx.db, weekStart, clock, false);
    ctx.audit.detail = { template: template.name, weekStart, people: staffIds.length, ...result };
    return { ...result, warnings: week.warnings.filter((w) => staffIds.includes(w.staffId)) };
  },

  'roster.copyWeek': async (input, ctx) => {
    const from = mondayOf(input.fromWeekStart);
    const to = mondayOf(input.toWeekStart);
    if (from === to) throw fieldError('toWeekStart', 'Choose another week to copy to');
    const shift = (wall: string, days: number) => `${addDays(datePart(wall), days)}${wall.slice(10)}`;
    const days = daysBetween(from, to);
    const source = (await shiftsBetween(ctx.db, `${from}T00:00`, `${addDays(from, 7)}T00:00`)).filter((s) => s.starts_at >= `${from}T00:00`);
    const active = new Set((await Promise.all([...new Set(source.map((s) => s.staff_id))].map((id) => findStaff(ctx.db, id)))).filter((s) => s?.active === 1).map((s) => s!.id));
    const wanted = source.filter((s) => active.has(s.staff_id)).map((s) => ({ staffId: s.staff_id, start: shift(s.starts_at, days), end: shift(s.ends_at, days), breakMinutes: s.break_minutes, note: s.note }));
    const result = await addShiftsWhereFree(ctx, wanted);
    const skipped = result.skipped + (source.length - wanted.length);
    ctx.audit.detail = { fromWeekStart: from, toWeekStart: to, copied: result.created, skipped };
    return { copied: result.created, skipped };
  },

  'roster.availability': async (input, ctx) => providerAvailability(ctx.db, input.from, input.to, input.staffIds),

  'roster.labour': async (input, ctx) => labourReport(ctx.db, input.from, input.to, zoneOf(ctx)),

  'roster.today': async (input, ctx) => {
    const date = input.date ?? clinicToday(ctx);
    const rows = (await shiftsBetween(ctx.db, `${date}T00:00`, `${addDays(date, 1)}T00:00`)).filter((s) => datePart(s.starts_at) === date);
    const staff = await Promise.all([...new Set(rows.map((r) => r.staff_id))].map((id) => findStaff(ctx.db, id)));
    const members = await withFlags(ctx.db, staff.filter((s) => s !== undefined), date, false);
    const byId = new Map(members.map((m) => [m.id, m]));
    return rows.map((r) => {
      const m = byId.get(r.staff_id)!;
      return { staffId: r.staff_id, fullName: m.fullName, staffRole: m.staffRole, start: r.starts_at, end: r.ends_at, flag: m.flag };
    });
  },

};
