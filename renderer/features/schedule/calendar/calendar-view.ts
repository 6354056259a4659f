import type { Appointment } from '../../../../shared/contract/appointments';
import type { ScheduleFrame } from '../../../../shared/contract/schedule';
import { credentialReason, type Unbookable } from '../../../../shared/domain/bookability';
import { formatDayShort, formatWeekdayAndDay } from '../../../../shared/domain/format';
import { STAFF_ROLE_LABELS } from '../../../../shared/domain/staff';
import { isoWeekday, addDays, addMonths, mondayOf } from '../../../../shared/domain/time';
import type { GridColumn } from './TimeGrid';

/* What the calendar shows: its place in time (the route), its filters, and the grid's columns. */

export type View = 'day' | 'week' | 'month';

export interface Place {
  view: View;
  date: string;
  /** Day view: by provider or by room. Week view: the provider. */
  by: string;
}

/** `#/schedule/calendar/day/2026-11-30/rooms`, `…/week/2026-11-30/<provider>`, `…/month/2026-11-01`. */
export function placeOf(route: string, today: string): Place {
  const [, view, date, by] = /^\/schedule\/calendar(?:\/(day|week|month))?(?:\/(\d{4}-\d{2}-\d{2}))?(?:\/([\w-]+))?/.exec(route) ?? [];
  return { view: (view as View | undefined) ?? 'day', date: date ?? today, by: by ?? '' };
}

export function pathOf(place: Place): string {
  return `/schedule/calendar/${place.view}/${place.date}${place.by ? `/${place.by}` : ''}`;
}

export function rangeOf(place: Place): { from: string; to: string } {
  if (place.view === 'week') {
    const monday = mondayOf(place.date);
    return { from: monday, to: addDays(monday, 6) };
  }
  if (place.view === 'month') {
    const first = `${place.date.slice(0, 7)}-01`;
    return { from: first, to: addDays(addMonths(first, 1), -1) };
  }
  return { from: place.date, to: place.date };
}

export interface Filters {
  providerId: string;
  roomId: string;
  typeId: string;
  status: string;
}

export const NO_FILTERS: Filters = { providerId: '', roomId: '', typeId: '', status: '' };

/** The grid's columns for a day (per provider or per room) or a provider's week. */
export function buildColumns(
  place: Place,
  frame: ScheduleFrame,
  appointments: readonly Appointment[],
  openingHours: ReadonlyArray<{ weekday: number; opens: string | null; closes: string | null }>,
  filters: Filters,
  weekProviderId: string | undefined,
  order: 'MDY' | 'DMY' | 'YMD',
): GridColumn[] {
  const closures = new Map(frame.closures.map((c) => [c.date, c.label]));
  const openOn = (date: string) => {
    const h = openingHours.find((x) => x.weekday === isoWeekday(date));
    return h?.opens && h.closes && !closures.has(date) ? { opens: h.opens, closes: h.closes } : null;
  };
  const onDay = (date: string) => (a: Appointment) => a.start.slice(0, 10) === date;
  // Whole-day reasons a provider cannot be booked on a date; a clinic closure is the column's `closure`, for rooms too.
  const unbookableOn = (p: ScheduleFrame['providers'][number], date: string): Unbookable[] => [credentialReason(p.standing, date, order)].filter((u): u is Unbookable => u !== null);
  const providerColumn = (p: ScheduleFrame['providers'][number], date: string, label: string, sublabel: string): GridColumn => ({
    key: `${p.id}|${date}`,
    label,
    sublabel,
    colour: p.colour,
    unbookable: unbookableOn(p, date),
    date,
    target: { providerId: p.id },
    working: (frame.working.find((w) => w.staffId === p.id)?.intervals ?? []).filter((w) => w.start < `${addDays(date, 1)}T00:00` && w.end > `${date}T00:00`),
    timeOff: frame.timeOff.filter((t) => t.staffId === p.id && t.start < `${addDays(date, 1)}T00:00` && t.end > `${date}T00:00`),
    open: openOn(date),
    closure: closures.get(date),
    appointments: appointments.filter((a) => a.providerId === p.id && onDay(date)(a)),
  });

  if (place.view === 'week') {
    const provider = frame.providers.find((p) => p.id === weekProviderId);
    if (!provider) return [];
    const monday = mondayOf(place.date);
    return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
      .filter((date) => openOn(date) || closures.has(date) || appointments.some((a) => a.providerId === provider.id && onDay(date)(a)))
      .map((date) => ({
        ...providerColumn(provider, date, formatDayShort(date, order), closures.has(date) ? `Closed${closures.get(date) ? `: ${closures.get(date)}` : ''}` : ''),
        shortLabel: formatWeekdayAndDay(date, order),
      }));
  }
  if (place.by === 'rooms') {
    const rooms = frame.rooms.filter((r) => !filters.roomId || r.id === filters.roomId);
    const columns: GridColumn[] = rooms.map((r) => ({
      key: r.id,
      label: r.name,
      sublabel: r.kind === 'exam' ? 'Exam room' : r.kind === 'procedure' ? 'Procedure room' : r.kind === 'lab' ? 'Lab' : 'Room',
      date: place.date,
      target: { roomId: r.id },
      working: null,
      timeOff: [],
      open: openOn(place.date),
      closure: closures.get(place.date),
      appointments: appointments.filter((a) => a.roomId === r.id && onDay(place.date)(a)),
    }));
    const roomless = appointments.filter((a) => !a.roomId && onDay(place.date)(a));
    if (roomless.length > 0 && !filters.roomId) {
      columns.push({ key: 'no-room', label: 'No room', sublabel: 'Telehealth and calls', date: place.date, target: {}, working: null, timeOff: [], open: openOn(place.date), closure: closures.get(place.date), appointments: roomless });
    }
    return columns;
  }
  const providers = frame.providers.filter((p) => !filters.providerId || p.id === filters.providerId);
  // A provider sees their own column first.
  const ordered = frame.myStaffId ? [...providers.filter((p) => p.id === frame.myStaffId), ...providers.filter((p) => p.id !== frame.myStaffId)] : providers;
  return ordered.map((p) => providerColumn(p, place.date, p.fullName, STAFF_ROLE_LABELS[p.staffRole]));
}

/** One quick filter: a labelled select, with an "all" choice unless it always names one. */
