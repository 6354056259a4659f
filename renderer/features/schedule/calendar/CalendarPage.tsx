import { CalendarPlus, ChevronLeft, ChevronRight, ListFilter, Search, Undo2 } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Appointment } from '../../../../shared/contract/appointments';
import type { WaitlistOffer } from '../../../../shared/contract/waitlist';
import { APPOINTMENT_STATUSES, STATUS_LABELS } from '../../../../shared/domain/appointments';
import { closedMessage } from '../../../../shared/domain/closures';
import { clockOf, minuteOfDay, wallInZone, addDays, addMonths, mondayOf, wallMinutes } from '../../../../shared/domain/time';
import { visibleHours } from '../../../../shared/domain/calendar';
import { formatDayShort, formatLongDate, formatWallTime, localeFor } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { call, messageOf, subscribe } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { DateField } from '../../../ui/DateField';
import { Alert, Loading, LoadError } from '../../../ui/Feedback';
import { AppointmentDialog } from './AppointmentDialog';
import { SeriesMoveDialog, type ChangeOutcome, type MoveChanges, type Scope } from './AppointmentForms';
import { buildColumns, NO_FILTERS, pathOf, placeOf, rangeOf, type Filters, type Place } from './calendar-view';
import { BookingForBanner, stopBookingFor, useBookingFor } from '../booking-for';
import { BookingDialog, type BookingDraft } from './BookingDialog';
import { CalendarLegend } from './Legend';
import { MonthView } from './MonthView';
import { NextSlotDialog } from './NextSlotDialog';
import { TimeGrid, type TimeGridHandle } from './TimeGrid';
import { WaitlistOffers } from './WaitlistOffers';
import './calendar.css';

/**
 * The schedule a front desk keeps open all day: a day per provider or per room,
 * a provider's week, a month's counts. Book by clicking, dragging or keyboard;
 * move by dragging or Alt+arrows; undo the last change.
 */
export function CalendarPage({ route }: { route: string }) {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const zone = clinic?.timeZone ?? 'UTC';
  const order = clinic?.dateOrder ?? 'MDY';
  const [tick, setTick] = useState(() => Date.now());
  const now = wallInZone(new Date(tick), zone);
  const today = now.slice(0, 10);
  const place = placeOf(route, today);
  const { from, to } = rangeOf(place);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [filters.providerId, filters.roomId, filters.typeId, filters.status].filter(Boolean).length;
  const [refresh, setRefresh] = useState(0);
  const frameLoad = useLoad(() => call('schedule.frame', { from, to }), `${from}|${to}|${refresh}`);
  const listLoad = useLoad(() => call('appointments.list', { from, to, includeCancelled: filters.status === 'cancelled' }), `${from}|${to}|${refresh}|${filters.status === 'cancelled'}`);
  const [booking, setBooking] = useState<BookingDraft | null>(null);
  const bookingFor = useBookingFor((s) => s.patient);
  // A freed slot's waitlist matches stay as actions until used, undone or dismissed.
  const [offers, setOffers] = useState<WaitlistOffer[] | null>(null);
  // `?open=ID` (a row of a patient's appointments): that appointment's dialog opens on arrival.
  const [opened, setOpened] = useState<string | null>(() => /[?&]open=([\w-]+)/.exec(route)?.[1] ?? null);
  const [finding, setFinding] = useState(false);
  const [pendingMove, setPendingMove] = useState<{ a: Appointment; changes: MoveChanges } | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error' | 'info'; text: string; undo?: () => Promise<unknown> } | null>(null);
  const focusId = useRef<string | null>(null);
  const grid = useRef<TimeGridHandle>(null);
  // Where the keyboard was when a dialog opened, to go back there when it closes (the grid's slot, or the button).
  const returnTo = useRef<Element | null>(null);
  const dialogOpen = booking !== null || opened !== null || finding;
  useLayoutEffect(() => {
    // A layout effect runs before the dialog's own effect moves the focus into it.
    if (dialogOpen) {
      returnTo.current ??= document.activeElement;
      return;
    }
    const back = returnTo.current;
    returnTo.current = null;
    if (!back) return;
    if (back.classList.contains('cal-body')) grid.current?.focusSlot();
    else if (back instanceof HTMLElement && back.isConnected) back.focus();
  }, [dialogOpen]);
  const canBook = me ? roleHas(me.user.role, 'schedule.manage') : false;
  const canOverride = me ? roleHas(me.user.role, 'schedule.override') : false;
  const reload = useCallback(() => setRefresh((n) => n + 1), []);

  // The clock moves the now line and waiting times; other windows' bookings arrive as events.
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(
    () =>
      subscribe('data.changed', (payload) => {
        if (payload.domains.includes('appointments') || payload.domains.includes('closures')) reload();
      }),
    [reload],
  );

  const undo = notice?.undo;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const typing = event.target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && undo && !typing) {
        event.preventDefault();
        void runUndo(undo);
      } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && event.key.toLowerCase() === 'g' && grid.current) {
        // From anywhere on the calendar to the grid, instead of a long way of Tabs.
        event.preventDefault();
        grid.current.focusSlot();
      } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && event.key.toLowerCase() === 'n' && canBook && frameLoad.data) {
        event.preventDefault();
        setBooking({ providerId: filters.providerId || frameLoad.data.providers[0]?.id || '', roomId: null, date: place.view === 'day' ? place.date : today, start: clockOf(Math.min(1425, Math.ceil((minuteOfDay(now, today) + 1) / 15) * 15)) });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  async function runUndo(fn: () => Promise<unknown>) {
    try {
      await fn();
      setOffers(null);
      setNotice({ tone: 'info', text: 'Undone.' });
      reload();
    } catch (e) {
      setNotice({ tone: 'error', text: `Could not undo: ${messageOf(e)}` });
    }
  }

  async function move(a: Appointment, changes: MoveChanges, scope?: Scope) {
    if (a.seriesId && !scope) {
      setPendingMove({ a, changes });
      return;
    }
    setPendingMove(null);
    setOpened(null);
    try {
      const moved = await call('appointments.update', { id: a.id, changes, ...(scope ? { scope } : {}) });
      const back: MoveChanges = { start: a.start, end: a.end, ...(changes.providerId ? { providerId: a.providerId } : {}), ...(changes.roomId !== undefined ? { roomId: a.roomId } : {}) };
      const where = `${formatDayShort(moved.start.slice(0, 10), order)} ${formatWallTime(moved.start.slice(11), order)} with ${moved.providerName}${moved.roomName ? `, ${moved.roomName}` : ''}`;
      focusId.current = a.id;
      setNotice({ tone: 'success', text: `Moved ${a.patient.name} to ${where}${scope && scope !== 'this' ? ' (and the series with it)' : ''}.`, undo: () => call('appointments.update', { id: a.id, changes: back, ...(scope ? { scope } : {}) }) });
      reload();
    } catch (e) {
      setNotice({ tone: 'error', text: messageOf(e) });
    }
  }

  const frame = frameLoad.data;
  const all = listLoad.data;
  // After a move by keyboard, keep the focus on the appointment that moved.
  useEffect(() => {
    if (!focusId.current || !all) return;
    const element = document.querySelector<HTMLElement>(`[data-appointment="${focusId.current}"]`);
    if (element) {
      element.focus();
      focusId.current = null;
    }
  }, [all]);
  const shown = useMemo(() => {
    if (!all) return [];
    return all.filter(
      (a) => (!filters.providerId || a.providerId === filters.providerId) && (!filters.roomId || a.roomId === filters.roomId) && (!filters.typeId || a.typeId === filters.typeId) && (!filters.status || a.status === filters.status),
    );
  }, [all, filters]);

  const go = (next: Partial<Place>) => navigate(pathOf({ ...place, ...next }));
  const step = (n: number) => go({ date: place.view === 'day' ? addDays(place.date, n) : place.view === 'week' ? addDays(place.date, 7 * n) : addMonths(`${place.date.slice(0, 7)}-01`, n) });
  const title =
    place.view === 'day'
      ? formatLongDate(new Date(`${place.date}T12:00:00Z`), 'UTC', order)
      : place.view === 'week'
        ? `Week of ${formatDayShort(mondayOf(place.date), order)}, ${place.date.slice(0, 4)}`
        : new Intl.DateTimeFormat(localeFor(order), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${place.date.slice(0, 7)}-01T12:00:00Z`));
  // For a narrow window: the date field beside it already says the year.
  const shortTitle =
    place.view === 'day'
      ? formatDayShort(place.date, order)
      : place.view === 'week'
        ? `Week of ${new Intl.DateTimeFormat(localeFor(order), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${mondayOf(place.date)}T12:00:00Z`))}`
        : new Intl.DateTimeFormat(localeFor(order), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${place.date.slice(0, 7)}-01T12:00:00Z`));

  const weekProvider = place.view === 'week' ? (frame?.providers.find((p) => p.id === place.by) ?? frame?.providers.find((p) => p.id === frame.myStaffId) ?? frame?.providers[0]) : undefined;
  const columns = frame && clinic && place.view !== 'month' ? buildColumns(place, frame, shown, clinic.openingHours, filters, weekProvider?.id, order) : [];
  const hours = visibleHours(
    place.view === 'day' ? place.date : from,
    columns.flatMap((c) => [
      ...(c.open ? [{ start: `${c.date}T${c.open.opens}`, end: `${c.date}T${c.open.closes}` }] : []),
      ...(c.working ?? []).map((w) => ({ start: w.start < `${c.date}T00:00` ? `${c.date}T00:00` : w.start, end: w.end })),
      ...c.appointments.map((a) => ({ start: `${c.date}T${a.start.slice(11)}`, end: a.end.slice(0, 10) === a.start.slice(0, 10) ? `${c.date}T${a.end.slice(11)}` : `${c.date}T23:59` })),
    ]),
  );
  // What the counts describe: in a week view, that provider's appointments only.
  const counted = weekProvider ? shown.filter((a) => a.providerId === weekProvider.id) : shown;
  const counts = counted.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});
  const closedWeekdays = (clinic?.openingHours ?? []).filter((h) => !h.opens).map((h) => h.weekday);
  const closures = useMemo(() => new Map((frame?.closures ?? []).map((c) => [c.date, c.label])), [frame]);
  const closedToday = place.view === 'day' ? closures.get(place.date) : undefined;

  return (
    <div className="stack calendar-page">
      <div className="cal-toolbar">
        <div className="cal-nav">
          <Button onClick={() => go({ date: today })} disabled={place.date === today}>
            Today
          </Button>
          <Button variant="ghost" className="icon-only" aria-label={`Previous ${place.view}`} onClick={() => step(-1)} icon={<ChevronLeft size={18} aria-hidden="true" />} />
          <Button variant="ghost" className="icon-only" aria-label={`Next ${place.view}`} onClick={() => step(1)} icon={<ChevronRight size={18} aria-hidden="true" />} />
          <h2 className={`cal-title cal-title-${place.view}`} aria-live="polite">
            <span className="cal-title-long">{title}</span>
            <span className="cal-title-short" aria-hidden="true">
              {shortTitle}
            </span>
          </h2>
          <DateField label="Go to date" hideLabel compact className="cal-date" value={place.date} onChange={(date) => date && go({ date })} required />
        </div>
        <div className="cal-views" role="group" aria-label="View">
          {/* Day by provider, day by room, a provider's week, the month: one choice, so the toolbar keeps to one row. */}
          {(
            [
              ['day', '', 'Day'],
              ['day', 'rooms', 'Rooms'],
              ['week', weekProvider?.id ?? frame?.myStaffId ?? '', 'Week'],
              ['month', '', 'Month'],
            ] as const
          ).map(([v, by, text]) => {
            const on = place.view === v && (v !== 'day' || (by === 'rooms') === (place.by === 'rooms'));
            return (
              <button key={text} type="button" className={on ? 'seg seg-on' : 'seg'} aria-pressed={on} title={text === 'Day' ? 'The day, a column per provider' : text === 'Rooms' ? 'The day, a column per room' : undefined} onClick={() => go({ view: v, by })}>
                {text}
              </button>
            );
          })}
          {place.view === 'week' && frame && (
            <span className="cal-week-provider">
              <FilterSelect label="Provider" value={weekProvider?.id ?? ''} onChange={(v) => go({ by: v })} options={frame.providers.map((p) => [p.id, p.fullName])} />
            </span>
          )}
        </div>
        <Button
          className="cal-filter-toggle"
          aria-expanded={filtersOpen}
          aria-controls="cal-filters"
          aria-label={`Filters${activeFilters > 0 ? `, ${activeFilters} on` : ''}`}
          onClick={() => setFiltersOpen(!filtersOpen)}
          icon={<ListFilter size={16} aria-hidden="true" />}
        >
          <span className="cal-roomy-only">Filters</span>
          {activeFilters > 0 ? ` (${activeFilters})` : ''}
        </Button>
        <div className="cal-actions">
          <Button onClick={() => setFinding(true)} disabled={!frame} icon={<Search size={16} aria-hidden="true" />} aria-label="Next open slot" title="Next open slot">
            <span className="cal-wide-only">Next open slot</span>
          </Button>
          {canBook && (
            <Button
              variant="primary"
              disabled={!frame}
              aria-label="New appointment"
              aria-keyshortcuts="N"
              title="New appointment (N)"
              icon={<CalendarPlus size={16} aria-hidden="true" />}
              onClick={() => frame && setBooking({ providerId: filters.providerId || weekProvider?.id || frame.providers[0]?.id || '', roomId: null, date: place.view === 'month' ? today : place.view === 'week' ? today : place.date, start: clockOf(Math.max(8 * 60, Math.ceil((minuteOfDay(now, today) + 1) / 15) * 15)) })}
            >
              New<span className="cal-wide-only"> appointment</span>
            </Button>
          )}
        </div>
      </div>

      {frame && (
        <div id="cal-filters" className="cal-filters" role="group" aria-label="Filters" hidden={!filtersOpen}>
          {place.view !== 'week' && (
            <FilterSelect label="Provider" value={filters.providerId} onChange={(v) => setFilters({ ...filters, providerId: v })} all="All providers" options={frame.providers.map((p) => [p.id, p.fullName])} />
          )}
          <FilterSelect label="Room" value={filters.roomId} onChange={(v) => setFilters({ ...filters, roomId: v })} all="All rooms" options={frame.rooms.map((r) => [r.id, r.name])} />
          <FilterSelect label="Type" value={filters.typeId} onChange={(v) => setFilters({ ...filters, typeId: v })} all="All types" options={frame.types.map((t) => [t.id, t.name])} />
          <FilterSelect label="Status" value={filters.status} onChange={(v) => setFilters({ ...filters, status: v })} all="All but canceled" options={APPOINTMENT_STATUSES.map((st) => [st, STATUS_LABELS[st]])} />
          {(filters.providerId || filters.roomId || filters.typeId || filters.status) && (
            <Button variant="ghost" onClick={() => setFilters(NO_FILTERS)}>
              Clear filters
            </Button>
          )}
        </div>
      )}

      <BookingForBanner />
      {notice && (
        <div className={`cal-notice cal-notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          {notice.undo && (
            <Button variant="ghost" icon={<Undo2 size={16} aria-hidden="true" />} onClick={() => void runUndo(notice.undo!)}>
              Undo <kbd>Ctrl+Z</kbd>
            </Button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}

      {offers && (
        <WaitlistOffers
          offers={offers}
          order={order}
          onDismiss={() => setOffers(null)}
          onOffer={(entry, slot) =>
            void call('patients.get', { id: entry.patient.id }).then(
              (p) =>
                setBooking({
                  patient: { id: p.id, name: entry.patient.name, mrn: p.mrn, dob: p.dob, phone: entry.patient.phone },
                  providerId: slot.providerId,
                  roomId: null,
                  typeId: entry.typeId,
                  date: slot.start.slice(0, 10),
                  start: slot.start.slice(11),
                  fromOffer: true,
                }),
              (e: unknown) => setNotice({ tone: 'error', text: messageOf(e) }),
            )
          }
        />
      )}
      <LoadError error={frameLoad.error ?? listLoad.error} onRetry={reload} title="The schedule could not be loaded" />
      {(!frame || !all) && !frameLoad.error && !listLoad.error && <Loading label="Loading the schedule…" />}
      {frame && all && frame.providers.length === 0 && (
        <Alert tone="info" title="No bookable providers yet">
          Mark doctors and nurse practitioners as bookable in Staff → Directory, and add appointment types in Settings → Appointments.
        </Alert>
      )}
      {frame && all && closedToday !== undefined && (
        <Alert tone="warning" title={closedMessage({ date: place.date, label: closedToday }, order)}>
          Nothing can be booked on this day{shown.length > 0 ? `; ${shown.length} appointment${shown.length === 1 ? ' is' : 's are'} still booked and need${shown.length === 1 ? 's' : ''} moving to another day` : ''}. Closure days are kept in Settings → Closures.
        </Alert>
      )}
      {frame && all && place.view === 'month' && (
        <MonthView month={place.date.slice(0, 7)} today={today} order={order} appointments={shown} closedWeekdays={closedWeekdays} closures={closures} onDay={(date) => go({ view: 'day', date, by: '' })} />
      )}
      {frame && all && place.view !== 'month' && columns.length > 0 && (
        <TimeGrid
          handle={grid}
          label={place.view === 'day' ? `${title}, ${place.by === 'rooms' ? 'by room' : 'by provider'}` : `${weekProvider?.fullName ?? ''}, ${title}`}
          columns={columns}
          minColumnRem={place.view === 'week' || place.by === 'rooms' ? 5.5 : 9.5}
          hours={hours}
          slotMinutes={clinic?.slotMinutes ?? 15}
          order={order}
          now={now}
          nowInstant={tick}
          canBook={canBook}
          canOverride={canOverride}
          canMove={(a) => canBook && (a.status === 'booked' || a.status === 'confirmed')}
          onOpen={(a) => setOpened(a.id)}
          onSlot={(column, start, end, blocked) => {
            if (!canBook) return;
            setBooking({
              providerId: column.target.providerId ?? (filters.providerId || frame.providers[0]?.id || ''),
              roomId: column.target.roomId ?? null,
              date: column.date,
              start: clockOf(start),
              end: end === null ? null : clockOf(Math.min(end, 1439)),
              ...(blocked ? { overrideNeeded: blocked.reason } : {}),
            });
          }}
          onRefused={(column, start, blocked) => {
            if (blocked.kind === 'closure') {
              setNotice({ tone: 'error', text: `${closedMessage({ date: column.date, label: column.closure ?? '' }, order)}. Choose another day.` });
              return;
            }
            const who = frame.providers.find((p) => p.id === column.target.providerId)?.fullName ?? column.label;
            const when = `${formatDayShort(column.date, order)} ${formatWallTime(clockOf(start), order)}`;
            const overriding = blocked.overridable ? ' Only an office manager can book over it, with a reason.' : '';
            setNotice({ tone: 'info', text: `${who} cannot be booked ${when}: ${blocked.reason}.${overriding}` });
          }}
          onMove={(a, column, start) => {
            const length = wallMinutes(a.end) - wallMinutes(a.start);
            const startWall = `${column.date}T${clockOf(start)}`;
            const endWall = new Date((wallMinutes(startWall) + length) * 60_000).toISOString().slice(0, 16);
            const changes: MoveChanges = { start: startWall, end: endWall };
            if (column.target.providerId && column.target.providerId !== a.providerId) changes.providerId = column.target.providerId;
            if (column.target.roomId && column.target.roomId !== a.roomId) changes.roomId = column.target.roomId;
            if (changes.start === a.start && !changes.providerId && changes.roomId === undefined) return;
            void move(a, changes);
          }}
        />
      )}
      {frame && all && (
        <div className="cal-footer">
          <span className="cal-counts" aria-live="polite">
            {counted.length} appointment{counted.length === 1 ? '' : 's'}
            {counts.arrived ? ` · ${counts.arrived} waiting` : ''}
            {counts.in_room ? ` · ${counts.in_room} in a room` : ''}
          </span>
          {place.view !== 'month' && <CalendarLegend types={frame.types} />}
          {place.view !== 'month' && (
            <p className="small muted cal-help" id="cal-keys">
              <kbd>G</kbd> goes to the grid · arrows choose a slot · <kbd>Enter</kbd> {canBook ? 'books or opens' : 'opens'}
              {canBook && (
                <>
                  {' '}
                  · <kbd>N</kbd> new · <kbd>Alt</kbd>+arrows move · <kbd>Ctrl+Z</kbd> undo
                </>
              )}
            </p>
          )}
        </div>
      )}

      {booking && frame && (
        <BookingDialog
          draft={bookingFor && !booking.patient ? { ...booking, patient: bookingFor } : booking}
          frame={frame}
          order={order}
          onClose={() => setBooking(null)}
          onBooked={({ appointment, series }) => {
            if (booking.fromOffer) setOffers(null);
            setBooking(null);
            stopBookingFor();
            reload();
            if (appointment) {
              setNotice({
                tone: 'success',
                text: `Booked ${appointment.patient.name}, ${formatDayShort(appointment.start.slice(0, 10), order)} ${formatWallTime(appointment.start.slice(11), order)} with ${appointment.providerName}${appointment.roomName ? ` in ${appointment.roomName}` : ''}.`,
                undo: () => call('appointments.cancel', { id: appointment.id, by: 'clinic', reason: 'Booked by mistake (undone)' }),
              });
              if (appointment.start.slice(0, 10) !== place.date && place.view === 'day') go({ date: appointment.start.slice(0, 10) });
            } else if (series) {
              setNotice({ tone: 'success', text: `Booked a series of ${series.booked}${series.skipped ? `, skipping ${series.skipped} that clashed` : ''}.` });
            }
          }}
        />
      )}
      {opened && frame && (
        <AppointmentDialog
          id={opened}
          frame={frame}
          order={order}
          zone={zone}
          onClose={() => setOpened(null)}
          onChanged={(o: ChangeOutcome) => {
            setNotice({ tone: 'success', text: o.text, ...(o.undo ? { undo: o.undo } : {}) });
            if (o.offers?.length) setOffers(o.offers);
            if (o.offers !== undefined) setOpened(null);
            reload();
          }}
          onMove={(a, changes) => void move(a, changes)}
        />
      )}
      {finding && frame && (
        <NextSlotDialog
          frame={frame}
          order={order}
          today={today}
          onClose={() => setFinding(false)}
          onChoose={(draft) => {
            setFinding(false);
            setBooking(draft);
          }}
          onBooked={(a) => {
            setFinding(false);
            stopBookingFor();
            reload();
            setNotice({ tone: 'success', text: `Booked ${a.patient.name}, ${formatDayShort(a.start.slice(0, 10), order)} ${formatWallTime(a.start.slice(11), order)} with ${a.providerName}.`, undo: () => call('appointments.cancel', { id: a.id, by: 'clinic', reason: 'Booked by mistake (undone)' }) });
            go({ view: 'day', date: a.start.slice(0, 10), by: '' });
          }}
        />
      )}
      {pendingMove && <SeriesMoveDialog onCancel={() => setPendingMove(null)} onChoose={(scope) => void move(pendingMove.a, pendingMove.changes, scope)} />}
    </div>
  );
}

function FilterSelect({ label, value, onChange, options, all }: { label: string; value: string; onChange: (value: string) => void; options: Array<[string, string]>; all?: string }) {
  return (
    <label>
      <span className="cal-filter-label">{label}</span>{' '}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {all && <option value="">{all}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
