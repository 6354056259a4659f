import { memo, useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type RefObject, type DragEvent, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import type { Appointment } from '../../../../shared/contract/appointments';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { STATUS_LABELS } from '../../../../shared/domain/appointments';
import { capitalised, CLOSURE_REASON, columnReason, whyNotBookable, type ColumnDay, type Unbookable } from '../../../../shared/domain/bookability';
import { clockOf, minuteOfDay, wallMinutes, type WallTime } from '../../../../shared/domain/time';
import { lanes, snapToSlot } from '../../../../shared/domain/calendar';
import { formatWallTime } from '../../../../shared/domain/format';
import { TIME_OFF_LABELS } from '../../../../shared/domain/staff';

/** Pixels per minute: a 15-minute slot is 24 px, tall enough for one line of text. */
export const PX_PER_MINUTE = 1.6;
const DRAG_TYPE = 'application/x-keel-appointment';

export interface GridColumn {
  key: string;
  label: string;
  /** A shorter name for a half-width column ("Sat 12"); the whole label is still read out. */
  shortLabel?: string | undefined;
  sublabel?: string | undefined;
  colour?: string | undefined;
  /**
   * Reasons the whole column cannot be booked that day, before its hours: a
   * lapsed credential. A closure day joins them from `closure`; the slots' own
   * reasons (not working, time off, closed hours) come from the fields below.
   */
  unbookable?: readonly Unbookable[] | undefined;
  date: string;
  /** Who or where a booking or a move into this column goes. */
  target: { providerId?: string; roomId?: string };
  /** Bookable time; null when the column is not a person (a room). */
  working: ReadonlyArray<{ start: WallTime; end: WallTime }> | null;
  timeOff: ReadonlyArray<{ start: WallTime; end: WallTime; kind: string }>;
  /** The clinic's opening hours that day, or null when closed. */
  open: { opens: string; closes: string } | null;
  /** A closure day (holiday): its label, '' when it has none. Not bookable. */
  closure?: string | undefined;
  appointments: readonly Appointment[];
}

/** What the calendar asks of the grid: take the keyboard focus, on the slot last chosen. */
export interface TimeGridHandle {
  focusSlot: () => void;
}

export interface TimeGridProps {
  /** Filled with the grid's handle (the G shortcut, and focus back after a dialog). */
  handle?: RefObject<TimeGridHandle | null>;
  label: string;
  /** The narrowest a column may get before the grid scrolls sideways, in rem: rooms and a week fit the window; many providers scroll. */
  minColumnRem?: number;
  columns: readonly GridColumn[];
  hours: [number, number];
  slotMinutes: number;
  order: DateOrder;
  /** The clinic's wall-clock time now, for the now line. */
  now: WallTime;
  /** The same moment in milliseconds since the epoch, for waiting times. */
  nowInstant: number;
  canBook: boolean;
  /** A manager: may book over time that is not bookable when the reason allows it (not working, time off). */
  canOverride: boolean;
  canMove: (a: Appointment) => boolean;
  /** Book [start, end) (end null: the type's length); `blocked` is set when the booking is a manager's override and why. */
  onSlot: (column: GridColumn, start: number, end: number | null, blocked: Unbookable | null) => void;
  /** A slot that cannot be booked was chosen: say why instead of opening a form that can only fail. */
  onRefused: (column: GridColumn, start: number, blocked: Unbookable) => void;
  onOpen: (a: Appointment) => void;
  onMove: (a: Appointment, column: GridColumn, start: number) => void;
}

interface Cursor {
  column: number;
  minute: number;
}

/**
 * The calendar's time grid: one column per provider, room or day; opening
 * hours, working time and time off shaded; the current time marked. Book by
 * clicking or dragging over free time, or by keyboard (arrows, Enter); move an
 * appointment by dragging it or with Alt+arrows.
 */
export function TimeGrid(props: TimeGridProps) {
  const { columns, hours, slotMinutes, order, now, canBook } = props;
  const [dayStart, dayEnd] = [hours[0] * 60, hours[1] * 60];
  const height = (dayEnd - dayStart) * PX_PER_MINUTE;
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const [preview, setPreview] = useState<{ column: number; start: number; end: number } | null>(null);
  const [selecting, setSelecting] = useState<{ column: number; from: number; to: number } | null>(null);
  const grab = useRef<{ id: string; offset: number; minutes: number } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  // The slot last chosen, kept while a dialog has the focus, to come back to.
  const lastCursor = useRef<Cursor | null>(null);
  useEffect(() => {
    if (cursor) lastCursor.current = cursor;
  }, [cursor]);
  const gridId = useId();
  const nowMinute = (date: string) => minuteOfDay(now, date);
  const days = useMemo(() => columns.map((c) => columnDay(c, order)), [columns, order]);
  const minColumn = `${props.minColumnRem ?? 9.5}rem`;
  // A day no one works and nothing is booked gets half a column: the working days get the width.
  const slim = columns.map((c, i) => Boolean(c.working && c.working.length === 0 && c.appointments.length === 0 && days[i]?.timeOff.length === 0));
  const template = slim.map((thin) => (thin ? 'minmax(4.5rem, 0.5fr)' : `minmax(${minColumn}, 1fr)`)).join(' ');
  // How wide a full column is, so one-line blocks in narrow columns drop the time (the row says it) and shorten the first name rather
  // than cut the surname. Worked out from the grid's width (kept from the last grid shown, or the page's), not measured column by
  // column: a second render of a thousand blocks before the first paint is what a busy day cannot afford.
  const [gridWidth, setGridWidth] = useState(() => knownGridWidth || roundWidth((document.getElementById('main') ?? document.body).clientWidth - 60));
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      knownGridWidth = roundWidth(el.clientWidth);
      // Near enough is kept: a scroll bar or the first guess a little off does not lay out a thousand blocks again.
      setGridWidth((before) => (Math.abs(before - knownGridWidth) < 32 ? before : knownGridWidth));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const fullColumns = slim.reduce((n, thin) => n + (thin ? 0.5 : 1), 0);
  const columnWidth = Math.max((props.minColumnRem ?? 9.5) * 16, (gridWidth - 72) / Math.max(1, fullColumns));
  const narrow = columnWidth < NARROW_COLUMN_PX;
  // Characters of a bold 0.8rem name that fit a one-line block of a given width beside the status mark (and the time, in a wide column): up to 8.6 px each.
  const nameChars = useCallback((blockWidth: number) => Math.max(6, Math.floor((blockWidth - 34 - (narrow ? 0 : 64)) / 8.6)), [narrow]);

  /** Book a stretch, or say why it cannot be booked (a manager books over what allows an override). */
  function choose(index: number, from: number, to: number | null) {
    const column = columns[index];
    const day = days[index];
    if (!column || !day || !canBook) return;
    const blocked = whyNotBookable(day, from, to ?? from + slotMinutes);
    if (blocked && !(blocked.overridable && props.canOverride)) props.onRefused(column, from, blocked);
    else props.onSlot(column, from, to, blocked);
  }

  // Start scrolled to the current time (or the first hour) so the morning is in view.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const today = columns.find((c) => c.date === now.slice(0, 10));
    const minute = today ? nowMinute(today.date) - 60 : dayStart;
    el.scrollTop = Math.max(0, (minute - dayStart) * PX_PER_MINUTE);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the day or view changes
  }, [columns.length, columns[0]?.date, dayStart]);

  // The grid takes the rest of the window, so the page itself does not scroll and what is below it (the legend) stays in view.
  const [windowHeight, setWindowHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setWindowHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const box = el.getBoundingClientRect();
    const page = el.closest('main');
    // What sits under the grid on the page: the legend, the gaps, the page's bottom padding.
    const below = page ? page.getBoundingClientRect().bottom - box.bottom : 0;
    el.style.maxHeight = `${Math.max(256, windowHeight - (box.top + window.scrollY) - below)}px`;
  });

  // Keep the keyboard cursor in view, clear of the sticky column names and times.
  useEffect(() => {
    const el = scroller.current;
    const mark = cursor ? document.getElementById(`${gridId}-cursor`) : null;
    if (!el || !mark) return;
    const box = el.getBoundingClientRect();
    const at = mark.getBoundingClientRect();
    const head = el.querySelector('.cal-head')?.getBoundingClientRect().height ?? 0;
    const times = el.querySelector('.cal-times')?.getBoundingClientRect().width ?? 0;
    if (at.top < box.top + head) el.scrollTop -= box.top + head - at.top;
    else if (at.bottom > box.bottom) el.scrollTop += at.bottom - box.bottom;
    if (at.left < box.left + times) el.scrollLeft -= box.left + times - at.left;
    else if (at.right > box.right) el.scrollLeft += at.right - box.right;
  }, [cursor, gridId]);

  const minuteAt = (event: { clientY: number }, element: HTMLElement) => {
    const rect = element.getBoundingClientRect();
    return dayStart + (event.clientY - rect.top) / PX_PER_MINUTE;
  };

  /** Where the cursor starts: the slot last chosen (within the columns shown), or now in the first column. */
  const startCursor = (): Cursor => {
    const last = lastCursor.current;
    if (last) return { column: Math.min(last.column, columns.length - 1), minute: Math.max(dayStart, Math.min(dayEnd - slotMinutes, last.minute)) };
    return { column: 0, minute: snapToSlot(Math.max(dayStart, Math.min(dayEnd - slotMinutes, columns[0] ? nowMinute(columns[0].date) : dayStart)), slotMinutes) };
  };
  useImperativeHandle(props.handle, () => ({
    focusSlot: () => {
      body.current?.focus();
      setCursor(startCursor());
    },
  }));

  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return;
    const c = cursor ?? startCursor();
    const move = (next: Cursor) => {
      event.preventDefault();
      setCursor({ column: Math.max(0, Math.min(columns.length - 1, next.column)), minute: Math.max(dayStart, Math.min(dayEnd - slotMinutes, next.minute)) });
    };
    if (event.key === 'ArrowDown') move({ ...c, minute: c.minute + slotMinutes });
    else if (event.key === 'ArrowUp') move({ ...c, minute: c.minute - slotMinutes });
    else if (event.key === 'ArrowRight') move({ ...c, column: c.column + 1 });
    else if (event.key === 'ArrowLeft') move({ ...c, column: c.column - 1 });
    else if (event.key === 'PageDown') move({ ...c, minute: c.minute + 60 });
    else if (event.key === 'PageUp') move({ ...c, minute: c.minute - 60 });
    else if (event.key === 'Home') move({ ...c, minute: dayStart });
    else if (event.key === 'End') move({ ...c, minute: dayEnd - slotMinutes });
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const column = columns[c.column];
      if (!column) return;
      const here = column.appointments.find((a) => minuteOfDay(a.start, column.date) <= c.minute && minuteOfDay(a.end, column.date) > c.minute);
      if (here) props.onOpen(here);
      else choose(c.column, c.minute, null);
      setCursor(c);
    }
  }

  const cursorColumn = cursor ? columns[cursor.column] : undefined;
  const cursorDay = cursor ? days[cursor.column] : undefined;
  const cursorLabel = cursor && cursorColumn && cursorDay ? describeSlot(cursorColumn, cursorDay, cursor.minute, slotMinutes, order, canBook, props.canOverride) : '';

  return (
    <div className="cal-scroller" ref={scroller}>
      <div className={narrow ? 'cal-grid cal-grid-narrow' : 'cal-grid'} style={{ gridTemplateColumns: `4.5rem ${template}` }}>
        {/* The column names, a row of a table of their own (the grid below is one keyboard widget, not a table). */}
        <div className="cal-head-table" role="table" aria-label={`Columns of ${props.label}`}>
          <div className="cal-head-row" role="row">
            <div className="cal-corner" aria-hidden="true" />
            {columns.map((column, index) => {
              const reason = days[index] ? columnReason(days[index]) : null;
              return (
                <div key={column.key} className={['cal-head', reason && !reason.overridable && 'cal-head-blocked', slim[index] && 'cal-head-slim'].filter(Boolean).join(' ')} role="columnheader">
                  <span className="cal-head-name">
                    {column.colour && <span className="swatch cal-person-ring" style={{ borderColor: column.colour }} aria-hidden="true" />}
                    {/* A half-width column (a day off in a week) shows its short name on one line, and is read by its whole name. */}
                    {slim[index] && column.shortLabel ? (
                      <>
                        <span className="sr-only">{column.label}</span>
                        <span aria-hidden="true">{column.shortLabel}</span>
                      </>
                    ) : (
                      column.label
                    )}
                  </span>
                  {column.sublabel && <span className="cal-head-sub">{column.sublabel}</span>}
                  {/* A closure day names itself on the day (its note, and "Closed: …" in a week); the header need not say it again. */}
                  {reason && column.closure === undefined && <span className={`cal-head-reason cal-head-reason-${reason.kind}`}>{reason.overridable ? capitalised(reason.short) : `Not bookable: ${reason.short}`}</span>}
                </div>
              );
            })}
          </div>
        </div>
        <div className="cal-times" style={{ height }} aria-hidden="true">
          {Array.from({ length: hours[1] - hours[0] }, (_, i) => (
            <span key={i} className="cal-time" style={{ top: i * 60 * PX_PER_MINUTE }}>
              {formatWallTime(clockOf((hours[0] + i) * 60), order)}
            </span>
          ))}
        </div>
        <div
          ref={body}
          className="cal-body"
          style={{ gridColumn: `2 / span ${columns.length}`, gridTemplateColumns: template, height }}
          tabIndex={0}
          role="application"
          aria-roledescription="schedule grid"
          aria-label={`${props.label}. Arrow keys choose a time and column, Enter books it or opens the appointment there.`}
          aria-keyshortcuts="G"
          aria-activedescendant={cursor ? `${gridId}-cursor` : undefined}
          aria-describedby={`${gridId}-cursor-text`}
          onKeyDown={keyDown}
          onBlur={() => setCursor(null)}
          onFocus={(event) => {
            // From the keyboard (Tab, the G shortcut), the cursor shows and says where it is; a click chooses its own slot.
            if (event.target === event.currentTarget && !cursor && event.currentTarget.matches(':focus-visible')) setCursor(startCursor());
          }}
        >
          {columns.map((column, index) => (
            <Column
              key={column.key}
              column={column}
              index={index}
              dayStart={dayStart}
              dayEnd={dayEnd}
              slotMinutes={slotMinutes}
              order={order}
              now={now}
              nowInstant={props.nowInstant}
              nameChars={nameChars}
              columnWidth={columnWidth}
              canMove={props.canMove}
              onOpen={props.onOpen}
              onNudge={(a, minutes, columns_) => {
                const target = columns[index + columns_];
                if (!target) return;
                const start = minuteOfDay(a.start, column.date) + minutes;
                if (start < 0 || start >= 1440) return;
                props.onMove(a, target, start);
              }}
              onDragStartAppointment={(a, offset) => {
                grab.current = { id: a.id, offset, minutes: wallMinutes(a.end) - wallMinutes(a.start) };
              }}
              onDragOverColumn={(event: DragEvent<HTMLDivElement>) => {
                if (!grab.current || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                const start = snapToSlot(Math.round(minuteAt(event, event.currentTarget) - grab.current.offset), slotMinutes);
                setPreview({ column: index, start, end: start + grab.current.minutes });
              }}
              onDragLeaveColumn={() => setPreview((p) => (p?.column === index ? null : p))}
              onDropColumn={(event: DragEvent<HTMLDivElement>) => {
                event.preventDefault();
                const id = event.dataTransfer.getData(DRAG_TYPE);
                const held = grab.current;
                setPreview(null);
                grab.current = null;
                const a = columns.flatMap((c) => c.appointments).find((x) => x.id === id);
                if (!a || !held) return;
                const start = snapToSlot(Math.round(minuteAt(event, event.currentTarget) - held.offset), slotMinutes);
                props.onMove(a, column, start);
              }}
              blockedAllDay={Boolean(days[index]?.wholeDay.some((u) => !u.overridable))}
              onMouseDownColumn={(event: ReactMouseEvent<HTMLDivElement>) => {
                if (!canBook || event.button !== 0 || (event.target as HTMLElement).closest('.cal-appt')) return;
                const element = event.currentTarget;
                const from = snapToSlot(minuteAt(event, element), slotMinutes);
                setSelecting({ column: index, from, to: from + slotMinutes });
                const onMove = (e: MouseEvent) => {
                  const to = snapToSlot(minuteAt(e, element), slotMinutes) + slotMinutes;
                  setSelecting({ column: index, from, to: Math.max(from + slotMinutes, to) });
                };
                const onUp = (e: MouseEvent) => {
                  window.removeEventListener('mousemove', onMove);
                  window.removeEventListener('mouseup', onUp);
                  setSelecting(null);
                  const to = Math.max(from + slotMinutes, snapToSlot(minuteAt(e, element), slotMinutes) + slotMinutes);
                  choose(index, from, to - from > slotMinutes ? to : null);
                };
                window.addEventListener('mousemove', onMove);
                window.addEventListener('mouseup', onUp);
              }}
              selection={selecting?.column === index ? selecting : preview?.column === index ? { from: preview.start, to: preview.end } : null}
              selectionKind={selecting?.column === index ? 'new' : 'move'}
              cursorMinute={cursor?.column === index ? cursor.minute : null}
              cursorBlocked={cursor?.column === index && days[index] ? whyNotBookable(days[index], cursor.minute, cursor.minute + slotMinutes) !== null : false}
              cursorId={`${gridId}-cursor`}
            />
          ))}
        </div>
      </div>
      <p id={`${gridId}-cursor-text`} className="sr-only" aria-live="polite">
        {cursorLabel}
      </p>
    </div>
  );
}

/** What a column knows of its day as minutes: the input of the bookability rules. */
function columnDay(column: GridColumn, order: DateOrder): ColumnDay {
  const span = (start: WallTime, end: WallTime): [number, number] => [Math.max(0, minuteOfDay(start, column.date)), Math.min(1440, minuteOfDay(end, column.date))];
  const opens = column.open ? minuteOfDay(`${column.date}T${column.open.opens}`, column.date) : 0;
  const closes = column.open ? minuteOfDay(`${column.date}T${column.open.closes}`, column.date) : 0;
  return {
    // A closure day is closed for everyone, before any credential of the person.
    wholeDay: [...(column.closure !== undefined ? [CLOSURE_REASON] : []), ...(column.unbookable ?? [])],
    working: column.working ? column.working.map((w) => span(w.start, w.end)).filter(([s, e]) => e > s) : null,
    timeOff: column.timeOff.map((t) => ({ span: span(t.start, t.end), kind: t.kind })),
    open: column.open ? [opens, closes] : null,
    order,
  };
}

/** What the keyboard cursor says: the appointment there, or whether and why the slot can be booked, and what Enter does. */
function describeSlot(column: GridColumn, day: ColumnDay, minute: number, slotMinutes: number, order: DateOrder, canBook: boolean, canOverride: boolean): string {
  const here = column.appointments.find((a) => minuteOfDay(a.start, column.date) <= minute && minuteOfDay(a.end, column.date) > minute);
  const time = formatWallTime(clockOf(minute), order);
  if (here) return `${column.label}, ${time}: ${here.patient.name}, ${here.typeName}, ${STATUS_LABELS[here.status]}. Enter opens it.`;
  const blocked = whyNotBookable(day, minute, minute + slotMinutes);
  if (!blocked) return `${column.label}, ${time}, free.${canBook ? ' Enter books it.' : ''}`;
  const override = canBook && canOverride && blocked.overridable ? ' Enter books it as a manager’s override, with a reason.' : '';
  return `${column.label}, ${time}, not bookable: ${blocked.reason}.${override}`;
}

interface ColumnProps {
  column: GridColumn;
  index: number;
  dayStart: number;
  dayEnd: number;
  slotMinutes: number;
  order: DateOrder;
  now: WallTime;
  nowInstant: number;
  /** How many characters of a name a one-line block can show; a longer name shows the first name's initial. */
  nameChars: (blockWidth: number) => number;
  /** The column's width in pixels, once measured. */
  columnWidth: number;
  canMove: (a: Appointment) => boolean;
  onOpen: (a: Appointment) => void;
  /** Alt+arrows on an appointment: move it by minutes and columns. */
  onNudge: (a: Appointment, minutes: number, columns: number) => void;
  onDragStartAppointment: (a: Appointment, offsetMinutes: number) => void;
  onDragOverColumn: (event: DragEvent<HTMLDivElement>) => void;
  onDragLeaveColumn: () => void;
  onDropColumn: (event: DragEvent<HTMLDivElement>) => void;
  onMouseDownColumn: (event: ReactMouseEvent<HTMLDivElement>) => void;
  selection: { from: number; to: number } | null;
  selectionKind: 'new' | 'move';
  cursorMinute: number | null;
  /** The cursor is on a slot that cannot be booked. */
  cursorBlocked: boolean;
  cursorId: string;
  /** A whole-day reason no one may book over (a lapsed credential): the column is hatched. */
  blockedAllDay: boolean;
}

/** The width of the last grid shown, so the next one starts right (switching day or view keeps the window's width). */
let knownGridWidth = 0;
/** Widths in steps of 8 px. */
const roundWidth = (px: number) => Math.floor(px / 8) * 8;

/** Below this a column is narrow: one-line blocks leave out the time and may shorten the first name. */
const NARROW_COLUMN_PX = 200;

/** "Hernández-Søren, C." for "Hernández-Søren, Carlos" when the whole name does not fit: the surname is what the desk looks for. */
function shortName(name: string, chars: number): string {
  if (name.length <= chars) return name;
  const comma = name.indexOf(', ');
  if (comma < 0) return name;
  const first = name.slice(comma + 2).trim();
  const initial = `${name.slice(0, comma)}, ${first.charAt(0)}.`;
  return initial.length <= chars ? initial : name.slice(0, comma);
}

/** Gaps in [from, to) not covered by the given spans, as minutes of the day. */
function complement(spans: ReadonlyArray<[number, number]>, from: number, to: number): Array<[number, number]> {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  let at = from;
  for (const [s, e] of sorted) {
    if (s > at) out.push([at, Math.min(s, to)]);
    at = Math.max(at, e);
    if (at >= to) break;
  }
  if (at < to) out.push([at, to]);
  return out.filter(([s, e]) => e > s);
}

const Column = memo(function Column(p: ColumnProps) {
  const { column, dayStart, dayEnd, order, now } = p;
  const top = (minute: number) => (minute - dayStart) * PX_PER_MINUTE;
  const clip = (start: WallTime, end: WallTime): [number, number] => [Math.max(dayStart, minuteOfDay(start, column.date)), Math.min(dayEnd, minuteOfDay(end, column.date))];
  const closed = column.open ? complement([[wallMinutes(`${column.date}T${column.open.opens}`) - wallMinutes(`${column.date}T00:00`), wallMinutes(`${column.date}T${column.open.closes}`) - wallMinutes(`${column.date}T00:00`)]], dayStart, dayEnd) : [[dayStart, dayEnd] as [number, number]];
  const notWorking = column.working ? complement(column.working.map((w) => clip(w.start, w.end)), dayStart, dayEnd) : [];
  const placed = useMemo(() => lanes(column.appointments), [column.appointments]);
  const byId = useMemo(() => new Map(column.appointments.map((a) => [a.id, a])), [column.appointments]);
  const nowMinute = minuteOfDay(now, column.date);
  /** The appointment an event happened on: one set of handlers for the column, not three per appointment. */
  const target = (event: { target: EventTarget }): [Appointment, HTMLElement] | null => {
    const element = (event.target as HTMLElement).closest<HTMLElement>('[data-appointment]');
    const a = element ? byId.get(element.dataset.appointment!) : undefined;
    return a && element ? [a, element] : null;
  };

  return (
    <div
      className={`cal-col${column.open ? '' : ' cal-col-closed'}${column.closure !== undefined ? ' cal-col-closure' : ''}${p.blockedAllDay ? ' cal-col-blocked' : ''}`}
      data-column={column.key}
      onDragOver={p.onDragOverColumn}
      onDragLeave={p.onDragLeaveColumn}
      onDrop={p.onDropColumn}
      onMouseDown={p.onMouseDownColumn}
      onClick={(event) => {
        const hit = target(event);
        if (hit) p.onOpen(hit[0]);
      }}
      onDragStart={(event) => {
        const hit = target(event);
        if (!hit) return;
        event.dataTransfer.setData(DRAG_TYPE, hit[0].id);
        event.dataTransfer.effectAllowed = 'move';
        const rect = hit[1].getBoundingClientRect();
        p.onDragStartAppointment(hit[0], (event.clientY - rect.top) / PX_PER_MINUTE);
      }}
      onKeyDown={(event) => {
        const hit = target(event);
        if (!hit) return;
        const [a] = hit;
        if (!event.altKey && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          p.onOpen(a);
          return;
        }
        if (!event.altKey || !p.canMove(a)) return;
        const moves: Record<string, [number, number]> = { ArrowUp: [-p.slotMinutes, 0], ArrowDown: [p.slotMinutes, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
        const delta = moves[event.key];
        if (!delta) return;
        event.preventDefault();
        p.onNudge(a, delta[0], delta[1]);
      }}
    >
      {closed.map(([s, e]) => (
        <div key={`c${s}`} className="cal-shade cal-shade-closed" style={{ top: top(s), height: (e - s) * PX_PER_MINUTE }} />
      ))}
      {column.closure !== undefined && <div className="cal-closure-note">{`Clinic closed${column.closure ? `: ${column.closure}` : ''}`}</div>}
      {notWorking.map(([s, e]) => (
        <div key={`w${s}`} className="cal-shade cal-shade-off" style={{ top: top(s), height: (e - s) * PX_PER_MINUTE }}>
          {(e - s) * PX_PER_MINUTE >= 20 && <span>Not working</span>}
        </div>
      ))}
      {column.timeOff.map((t) => {
        const [s, e] = clip(t.start, t.end);
        return e > s ? (
          <div key={`t${t.start}`} className="cal-timeoff" style={{ top: top(s), height: (e - s) * PX_PER_MINUTE }}>
            <span>{TIME_OFF_LABELS[t.kind as keyof typeof TIME_OFF_LABELS] ?? 'Time off'}</span>
          </div>
        ) : null;
      })}
      {nowMinute >= dayStart && nowMinute <= dayEnd && <div className="cal-now" style={{ top: top(nowMinute) }} aria-hidden="true" />}
      {p.selection && <div className={`cal-selection cal-selection-${p.selectionKind}`} style={{ top: top(p.selection.from), height: (p.selection.to - p.selection.from) * PX_PER_MINUTE }} aria-hidden="true" />}
      {p.cursorMinute !== null && <div id={p.cursorId} className={p.cursorBlocked ? 'cal-cursor cal-cursor-blocked' : 'cal-cursor'} style={{ top: top(p.cursorMinute), height: p.slotMinutes * PX_PER_MINUTE }} aria-hidden="true" />}
      {placed.map(({ item: a, lane, lanes: count }) => {
        const [s, e] = clip(a.start, a.end);
        const movable = p.canMove(a);
        const waited = a.status === 'arrived' && a.arrivedAt ? Math.max(0, Math.round((p.nowInstant - Date.parse(a.arrivedAt)) / 60_000)) : null;
        const startTime = formatWallTime(a.start.slice(11), order);
        const short = e - s < 25;
        // Side by side with others, a block has its share of the column.
        const shownName = short ? shortName(a.patient.name, p.nameChars(p.columnWidth / count)) : a.patient.name;
        // Each part carries its own trailing space: no separate text nodes between them (a thousand blocks' worth).
        return (
          // A focusable block rather than a <button>: a button centres its content and lays out as a flex box, which a thousand of cost.
          <div
            key={a.id}
            role="button"
            tabIndex={0}
            className={`cal-appt cal-status-${a.status}${short ? ' cal-appt-short' : ''}`}
            style={{ top: top(s), height: Math.max(14, (e - s) * PX_PER_MINUTE - 2), left: `${(lane / count) * 100}%`, right: `${((count - lane - 1) / count) * 100}%`, borderLeftColor: a.colour }}
            draggable={movable}
            aria-keyshortcuts={movable ? 'Alt+ArrowUp Alt+ArrowDown Alt+ArrowLeft Alt+ArrowRight' : undefined}
            data-appointment={a.id}
          >
            {/* Named by its own text (what is seen is what is said), the end time and room for screen readers only; the status mark is drawn by CSS. */}
            <span className="cal-appt-time">{startTime}</span>
            <span className="cal-said">{` to ${formatWallTime(a.end.slice(11), order)},`}</span>
            {shownName === a.patient.name ? (
              <span className="cal-appt-name">{` ${a.patient.name} `}</span>
            ) : (
              <>
                <span className="cal-appt-name" aria-hidden="true">{` ${shownName} `}</span>
                <span className="cal-said">{` ${a.patient.name} `}</span>
              </>
            )}
            <span className="cal-appt-type">{a.typeName}</span>
            <span className="cal-appt-status">{` ${STATUS_LABELS[a.status]}`}</span>
            {waited !== null && <span className={waited > 30 ? 'cal-wait cal-wait-long' : 'cal-wait'}>{` waiting ${waited} min`}</span>}
            {a.roomName && <span className="cal-said">{`, ${a.roomName}`}</span>}
          </div>
        );
      })}
    </div>
  );
});
