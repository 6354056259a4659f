import { bookedOn, closuresBetween, deactivateClosure, findClosureById, saveClosure } from '../../../db/closures';
import type { closuresContract } from '../../../shared/contract/closures';
import { type FieldIssue, KeelError } from '../../../shared/contract/index';
import { formatDayShort } from '../../../shared/domain/format';
import { clinicClock } from '../handlers/clinic-time';
import type { HandlersFor } from '../handlers/types';

/** The clinic's closure days: listed for Settings and the calendar, added and removed by the manager. */
export const closuresHandlers: HandlersFor<typeof closuresContract> = {
  'closures.list': async (input, ctx) => {
    const rows = await closuresBetween(ctx.db, input.from, input.to);
    return Promise.all(rows.map(async (r) => ({ ...r, booked: await bookedOn(ctx.db, r.date) })));
  },

  'closures.add': async (input, ctx) => {
    const order = clinicClock(ctx).dateOrder;
    const dates = input.days.map((d) => d.date).sort();
    const existing = new Map((await closuresBetween(ctx.db, dates[0]!, dates.at(-1)!)).map((c) => [c.date, c]));
    const issues: FieldIssue[] = [];
    input.days.forEach((d, i) => {
      const found = existing.get(d.date);
      if (found) issues.push({ path: `days.${i}.date`, message: `${formatDayShort(d.date, order)} is already a closure day${found.label ? ` (${found.label})` : ''}` });
    });
    if (issues.length) throw new KeelError('conflict', `${issues.map((i) => i.message).join('. ')}. Nothing was added.`, issues);
    const added = [];
    for (const d of input.days) {
      const saved = await saveClosure(ctx.db, { id: ctx.app.newId(), date: d.date, label: d.label, by: ctx.user?.username ?? null }, ctx.now);
      added.push({ ...saved, booked: await bookedOn(ctx.db, d.date) });
    }
    ctx.audit.detail = { days: input.days.map((d) => ({ date: d.date, label: d.label })) };
    if (added.length === 1) ctx.audit.targetId = added[0]!.id;
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['closures'] }));
    return added.sort((a, b) => a.date.localeCompare(b.date));
  },

  'closures.remove': async (input, ctx) => {
    const row = await findClosureById(ctx.db, input.id);
    if (!row || !row.active) throw new KeelError('not_found', 'That closure day does not exist.');
    await deactivateClosure(ctx.db, row.id, ctx.now);
    ctx.audit.targetId = row.id;
    ctx.audit.detail = { date: row.date, label: row.label };
    ctx.afterCommit(() => ctx.app.events.emit('data.changed', { domains: ['closures'] }));
    return { date: row.date };
  },
};
