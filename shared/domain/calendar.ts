import { minuteOfDay, type WallTime } from './time';

/**
 * Laying out a calendar day: which hours to show, and side-by-side lanes for
 * appointments that overlap in one column (a manager's override, a room view).
 * Pure, so it is tested without a browser.
 */

/**
 * The hours a day view shows: the clinic's opening hours and everyone's working
 * time, widened to any appointment outside them, in whole hours; 08:00–18:00
 * when the day has nothing at all.
 */
export function visibleHours(date: string, spans: ReadonlyArray<{ start: WallTime; end: WallTime }>, fallback: [number, number] = [8, 18]): [number, number] {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    const s = Math.max(0, minuteOfDay(span.start, date));
    const e = Math.min(1440, minuteOfDay(span.end, date));
    if (e <= 0 || s >= 1440 || e <= s) continue;
    first = Math.min(first, s);
    last = Math.max(last, e);
  }
  if (!Number.isFinite(first)) return fallback;
  return [Math.floor(first / 60), Math.min(24, Math.ceil(last / 60))];
}

export interface Laned<T> {
  item: T;
  lane: number;
  lanes: number;
}

/**
 * Puts overlapping items side by side: each gets the first free lane, and every
 * item in a cluster of mutual overlaps shares the cluster's lane count.
 */
export function lanes<T extends { start: WallTime; end: WallTime }>(items: readonly T[]): Array<Laned<T>> {
  const sorted = [...items].sort((a, b) => (a.start === b.start ? (a.end < b.end ? 1 : -1) : a.start < b.start ? -1 : 1));
  const out: Array<Laned<T>> = [];
  let cluster: Array<Laned<T>> = [];
  let clusterEnd = '';
  let laneEnds: string[] = [];
  const close = () => {
    for (const placed of cluster) placed.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    if (cluster.length > 0 && item.start >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.end);
    } else laneEnds[lane] = item.end;
    const placed = { item, lane, lanes: 1 };
    cluster.push(placed);
    out.push(placed);
    clusterEnd = cluster.length === 1 || item.end > clusterEnd ? item.end : clusterEnd;
  }
  close();
  return out;
}

/** A minute of the day rounded down to the slot grid. */
export function snapToSlot(minute: number, slotMinutes: number): number {
  return Math.floor(minute / slotMinutes) * slotMinutes;
}
