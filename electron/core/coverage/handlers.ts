import { getOpeningHours } from '../../../db/clinic';
import { listCoverageRules, saveCoverageRule } from '../../../db/coverage';
import { shiftsBetween } from '../../../db/roster';
import { timeOffBetween } from '../../../db/timeoff';
import { findStaff } from '../../../db/staff';
import type { coverageContract } from '../../../shared/contract/coverage';
import { KeelError } from '../../../shared/contract/index';
import { type ShiftLike, coverageGaps } from '../../../shared/domain/roster';
import type { StaffRole } from '../../../shared/domain/staff';
import { addDays, datesFrom, mondayOf } from '../../../shared/domain/time';
import type { HandlersFor } from '../handlers/types';

export const coverageHandlers: HandlersFor<typeof coverageContract> = {
  'coverage.list': async (_input, ctx) => listCoverageRules(ctx.db),

  'coverage.save': async (input, ctx) => {
    const exists = input.id !== undefined;
    if (exists && !(await listCoverageRules(ctx.db)).some((r) => r.id === input.id)) throw new KeelError('not_found', 'That coverage rule does not exist.');
    const rule = { ...input, id: input.id ?? ctx.app.newId(), weekdays: [...input.weekdays].sort(), requirements: input.requirements.map((r) => ({ staffRole: r.staffRole as StaffRole, min: r.min })) };
    await saveCoverageRule(ctx.db, rule, exists, ctx.now);
    ctx.audit.targetId = rule.id;
    ctx.audit.detail = { name: rule.name };
    return rule;
  },

  'coverage.gaps': async (input, ctx) => {
    const weekStart = mondayOf(input.weekStart);
    const end = addDays(weekStart, 7);
    const shifts: ShiftLike[] = (await shiftsBetween(ctx.db, `${weekStart}T00:00`, `${end}T00:00`)).map((r) => ({ id: r.id, staffId: r.staff_id, start: r.starts_at, end: r.ends_at, breakMinutes: r.break_minutes }));
    const staff = await Promise.all([...new Set(shifts.map((s) => s.staffId))].map((id) => findStaff(ctx.db, id)));
    const approved = await timeOffBetween(ctx.db, `${weekStart}T00:00`, `${end}T00:00`, { statuses: ['approved'] });
    return coverageGaps({
      days: datesFrom(weekStart, addDays(weekStart, 6)),
      rules: await listCoverageRules(ctx.db),
      roleOf: new Map(staff.filter((s) => s !== undefined).map((s) => [s.id, s.staff_role as StaffRole])),
      shifts,
      approvedTimeOff: approved,
      openingHours: await getOpeningHours(ctx.db),
    });
  },
};
