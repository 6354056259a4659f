import { AlertTriangle, ChevronLeft, ChevronRight, Copy, LayoutTemplate, Plus, Printer, Settings2 } from 'lucide-react';
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { CoverageGap } from '../../../../shared/contract/coverage';
import type { RosterPerson, RosterWarning, RosterWeek, Shift } from '../../../../shared/contract/roster';
import type { TimeOff } from '../../../../shared/contract/timeoff';
import { formatCents, formatCompactTime, formatDayShort, formatHoursDecimal, formatLongDate, formatWallTime } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { roleCount, STAFF_ROLE_LABELS, STAFF_ROLES, TIME_OFF_LABELS } from '../../../../shared/domain/staff';
import { dateInZone, addDays, daysBetween, mondayOf } from '../../../../shared/domain/time';
import { call, messageOf } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, Badge, Loading, LoadError } from '../../../ui/Feedback';
import { FlagBadge } from '../FlagBadge';
import { ApplyTemplateDialog } from './ApplyTemplateDialog';
import { RulesDialog } from './RulesDialog';
import { ShiftDialog, type ShiftDraft } from './ShiftDialog';

const DRAG_TYPE = 'application/x-keel-shift';

/** The week roster: people by role × days, shifts with their warnings, time off, coverage gaps and hours. */
export function RosterPage({ route }: { route: string }) {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : new Date().toISOString().slice(0, 10);
  const requested = /^\/staff\/roster\/(\d{4}-\d{2}-\d{2})/.exec(route)?.[1];
  const weekStart = mondayOf(requested ?? today);
  const [refresh, setRefresh] = useState(0);
  const { data: week, error, loading, reload } = useLoad(() => call('roster.week', { weekStart }), `${weekStart}|${refresh}`);
  const canManage = me ? roleHas(me.user.role, 'roster.manage') : false;
  const [draft, setDraft] = useState<ShiftDraft | null>(null);
  const [applying, setApplying] = useState(false);
  const [rules, setRules] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'warning' | 'error'; text: string; details?: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const order = clinic?.dateOrder ?? 'MDY';
  const weekLabel = formatLongDate(new Date(`${weekStart}T12:00:00Z`), 'UTC', order);
  const goTo = (date: string) => navigate(`/staff/roster/${date}`);
  const changed = () => setRefresh((n) => n + 1);

  async function copyLastWeek() {
    setBusy(true);
    setNotice(null);
    try {
      const result = await call('roster.copyWeek', { fromWeekStart: addDays(weekStart, -7), toWeekStart: weekStart });
      setNotice({
        tone: 'success',
        text:
          `Copied ${result.copied} shift${result.copied === 1 ? '' : 's'} from last week.` +
          (result.skipped > 0 ? ` Skipped ${result.skipped} (already rostered, on approved time off, or left the practice).` : ''),
      });
      changed();
    } catch (e) {
      setNotice({ tone: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  async function moveShift(shift: Shift, staffId: string, date: string) {
    const days = daysBetween(shift.start.slice(0, 10), date);
    if (days === 0 && staffId === shift.staffId) return;
    const move = (wall: string) => `${addDays(wall.slice(0, 10), days)}${wall.slice(10)}`;
    try {
      const saved = await call('roster.saveShift', { id: shift.id, staffId, start: move(shift.start), end: move(shift.end), breakMinutes: shift.breakMinutes, note: shift.note });
      const person = week?.people.find((p) => p.id === staffId)?.fullName ?? '';
      setNotice({
        tone: saved.warnings.length > 0 ? 'warning' : 'success',
        text: `Moved the shift to ${person}, ${formatDayShort(date, order)}.`,
        details: saved.warnings.map((w) => w.message),
      });
      changed();
    } catch (e) {
      setNotice({ tone: 'error', text: messageOf(e) });
    }
  }

  return (
    <div className="stack roster-page">
      <div className="roster-toolbar">
        <div className="week-nav" role="group" aria-label="Week">
          <Button icon={<ChevronLeft size={16} aria-hidden="true" />} onClick={() => goTo(addDays(weekStart, -7))} aria-label="Previous week">
            Previous
          </Button>
          <Button onClick={() => goTo(today)} disabled={weekStart === mondayOf(today)}>
            This week
          </Button>
          <Button onClick={() => goTo(addDays(weekStart, 7))} aria-label="Next week">
            Next <ChevronRight size={16} aria-hidden="true" />
          </Button>
          <h2 className="week-title">Week of {weekLabel}</h2>
        </div>
        <div className="roster-actions">
          {canManage && (
            <>
              <Button variant="primary" icon={<Plus size={16} aria-hidden="true" />} onClick={() => week?.people[0] && setDraft({ shift: null, staffId: week.people[0].id, date: today >= weekStart && today < addDays(weekStart, 7) ? today : weekStart })}>
                Add shift
              </Button>
              <Button icon={<LayoutTemplate size={16} aria-hidden="true" />} onClick={() => setApplying(true)}>
                Apply template…
              </Button>
              <Button icon={<Copy size={16} aria-hidden="true" />} onClick={() => void copyLastWeek()} busy={busy}>
                Copy last week
              </Button>
              <Button icon={<Settings2 size={16} aria-hidden="true" />} onClick={() => setRules(true)}>
                Templates and coverage…
              </Button>
            </>
          )}
          <Button icon={<Printer size={16} aria-hidden="true" />} onClick={() => window.print()}>
            Print
          </Button>
        </div>
      </div>

      {notice && (
        <Alert tone={notice.tone === 'error' ? 'error' : notice.tone === 'warning' ? 'warning' : 'success'}>
          {notice.text}
          {notice.details && notice.details.length > 0 && (
            <ul className="plain-list">
              {notice.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <LoadError error={error} onRetry={reload} />
      {!week && loading && <Loading label="Loading the roster…" />}
      {week && (
        <>
          <RosterSummary week={week} />
          <RosterGrid
            week={week}
            canManage={canManage}
            today={today}
            onOpen={(d) => setDraft(d)}
            onMove={(shift, staffId, date) => void moveShift(shift, staffId, date)}
            onDelete={async (shift) => {
              try {
                await call('roster.deleteShift', { id: shift.id });
                setNotice({ tone: 'success', text: 'Shift removed.' });
                changed();
              } catch (e) {
                setNotice({ tone: 'error', text: messageOf(e) });
              }
            }}
          />
          <RosterProblems week={week} />
        </>
      )}
      <ShiftDialog
        draft={draft}
        people={week?.people ?? []}
        onClose={() => setDraft(null)}
        onSaved={(message, warnings) => {
          setDraft(null);
          setNotice({ tone: warnings.length > 0 ? 'warning' : 'success', text: message, details: warnings.map((w) => w.message) });
          changed();
        }}
      />
      <ApplyTemplateDialog
        open={applying}
        weekStart={weekStart}
        weekLabel={weekLabel}
        people={week?.people ?? []}
        onClose={() => setApplying(false)}
        onApplied={(message) => {
          setApplying(false);
          setNotice({ tone: 'success', text: message });
          changed();
        }}
      />
      <RulesDialog open={rules} onClose={() => setRules(false)} onChanged={changed} />
    </div>
  );
}

function RosterSummary({ week }: { week: RosterWeek }) {
  const pending = week.timeOff.filter((t) => t.status === 'pending').length;
  return (
    <div className="roster-summary" role="status">
      <span>
        <strong>{formatHoursDecimal(week.totals.paidMinutes)}</strong> rostered
      </span>
      {week.totals.costCents !== null && (
        <span>
          <strong>{formatCents(week.totals.costCents)}</strong> labor cost
        </span>
      )}
      <span className={week.warnings.length > 0 ? 'summary-warn' : undefined}>
        <strong>{week.warnings.length}</strong> warning{week.warnings.length === 1 ? '' : 's'}
      </span>
      <span className={week.gaps.length > 0 ? 'summary-warn' : undefined}>
        <strong>{week.gaps.length}</strong> under-covered block{week.gaps.length === 1 ? '' : 's'}
      </span>
      {pending > 0 && (
        <span>
          <strong>{pending}</strong> time-off request{pending === 1 ? '' : 's'} waiting
        </span>
      )}
    </div>
  );
}

interface GridProps {
  week: RosterWeek;
  canManage: boolean;
  today: string;
  onOpen: (draft: ShiftDraft) => void;
  onMove: (shift: Shift, staffId: string, date: string) => void;
  onDelete: (shift: Shift) => Promise<void>;
}

function shiftLabel(shift: Shift, order: 'MDY' | 'DMY' | 'YMD', compact = false): string {
  const format = compact ? formatCompactTime : formatWallTime;
  const start = format(shift.start.slice(11), order);
  const end = format(shift.end.slice(11), order);
  return shift.end.slice(0, 10) !== shift.start.slice(0, 10) ? `${start}–${end} (+1)` : `${start}–${end}`;
}

/** The grid: arrow keys move between cells; Enter opens, N adds, Delete removes, Alt+arrows move a shift; drag and drop moves too. */
function RosterGrid({ week, canManage, today, onOpen, onMove, onDelete }: GridProps) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const people = week.people;
  const warningsOf = new Map<string, RosterWarning[]>();
  for (const w of week.warnings) if (w.shiftId) warningsOf.set(w.shiftId, [...(warningsOf.get(w.shiftId) ?? []), w]);
  const hoursOf = new Map(week.hours.map((h) => [h.staffId, h]));
  const weekWarnings = new Map<string, RosterWarning[]>();
  for (const w of week.warnings) if (!w.shiftId) weekWarnings.set(w.staffId, [...(weekWarnings.get(w.staffId) ?? []), w]);
  const cellShifts = (staffId: string, date: string) => week.shifts.filter((s) => s.staffId === staffId && s.start.slice(0, 10) === date);
  const cellTimeOff = (staffId: string, date: string) => week.timeOff.filter((t) => t.staffId === staffId && t.start < `${addDays(date, 1)}T00:00` && t.end > `${date}T00:00`);
  const gapsOn = (date: string) => week.gaps.filter((g) => g.date === date);

  function focusCell(row: number, col: number) {
    const r = Math.max(0, Math.min(people.length - 1, row));
    const c = Math.max(0, Math.min(6, col));
    setActive({ row: r, col: c });
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${r}-${c}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>, row: number, col: number) {
    const person = people[row];
    const date = week.days[col];
    if (!person || !date) return;
    const shifts = cellShifts(person.id, date);
    const step = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }[event.key as 'ArrowLeft'];
    if (step && event.altKey && canManage && shifts[0]) {
      event.preventDefault();
      const target = people[row + step[0]!];
      const targetDate = week.days[col + step[1]!];
      if (target && targetDate) {
        onMove(shifts[0], target.id, targetDate);
        focusCell(row + step[0]!, col + step[1]!);
      }
      return;
    }
    if (step) {
      event.preventDefault();
      focusCell(row + step[0]!, col + step[1]!);
      return;
    }
    if (event.key === 'Home') return (event.preventDefault(), focusCell(row, 0));
    if (event.key === 'End') return (event.preventDefault(), focusCell(row, 6));
    if (!canManage) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen({ shift: shifts[0] ?? null, staffId: person.id, date });
    } else if (event.key === 'n' || event.key === 'N') {
      event.preventDefault();
      onOpen({ shift: null, staffId: person.id, date });
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && shifts[0]) {
      event.preventDefault();
      void onDelete(shifts[0]);
    }
  }

  function onDrop(event: DragEvent<HTMLElement>, staffId: string, date: string) {
    event.preventDefault();
    setDropTarget(null);
    const id = event.dataTransfer.getData(DRAG_TYPE);
    const shift = week.shifts.find((s) => s.id === id);
    if (shift) onMove(shift, staffId, date);
  }

  return (
    <div className="roster-wrap">
      <table className="roster" role="grid" ref={gridRef} aria-label={`Roster, week of ${week.weekStart}`} aria-describedby="roster-help">
        <thead>
          <tr>
            <th scope="col" className="roster-person-col">
              Person
            </th>
            {week.days.map((d) => {
              const gaps = gapsOn(d);
              return (
                <th scope="col" key={d} className={d === today ? 'roster-today' : undefined}>
                  <div>{formatDayShort(d, order)}</div>
                  {gaps.length > 0 && (
                    <div className="gap-marker" title={gaps.map((g) => gapText(g, order)).join('\n')}>
                      <AlertTriangle size={13} aria-hidden="true" /> {gaps.length === 1 ? 'Under-covered' : `${gaps.length} gaps`}
                    </div>
                  )}
                </th>
              );
            })}
            <th scope="col">Hours</th>
          </tr>
        </thead>
        {STAFF_ROLES.map((role) => {
          const group = people.filter((p) => p.staffRole === role);
          if (group.length === 0) return null;
          return (
            <tbody key={role}>
              <tr className="roster-group">
                <th scope="rowgroup" colSpan={9}>
                  {STAFF_ROLE_LABELS[role]}
                </th>
              </tr>
              {group.map((person) => {
                const row = people.indexOf(person);
                const hours = hoursOf.get(person.id);
                const over = weekWarnings.get(person.id) ?? [];
                return (
                  <tr key={person.id}>
                    <th scope="row" className="roster-person">
                      <span className="person-cell">
                        <span className="swatch" style={{ background: person.colour }} aria-hidden="true" />
                        <a
                          href={`#/staff/person/${person.id}`}
                          tabIndex={-1}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate(`/staff/person/${person.id}`);
                          }}
                        >
                          {person.fullName}
                        </a>
                      </span>
                      <FlagBadge flag={person.flag} />
                    </th>
                    {week.days.map((date, col) => {
                      const shifts = cellShifts(person.id, date);
                      const offs = cellTimeOff(person.id, date);
                      const key = `${person.id}|${date}`;
                      const description = describeCell(person, date, shifts, offs, warningsOf, order);
                      return (
                        <td
                          key={date}
                          role="gridcell"
                          data-cell={`${row}-${col}`}
                          tabIndex={active.row === row && active.col === col ? 0 : -1}
                          className={['roster-cell', date === today ? 'roster-today' : '', dropTarget === key ? 'drop-target' : ''].filter(Boolean).join(' ')}
                          onFocus={() => setActive({ row, col })}
                          onKeyDown={(e) => onKeyDown(e, row, col)}
                          onClick={(e) => {
                            if (e.target === e.currentTarget && canManage) onOpen({ shift: null, staffId: person.id, date });
                          }}
                          onDragOver={(e) => {
                            if (!canManage || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
                            e.preventDefault();
                            setDropTarget(key);
                          }}
                          onDragLeave={() => setDropTarget((t) => (t === key ? null : t))}
                          onDrop={(e) => onDrop(e, person.id, date)}
                        >
                          {/* The cell is named by this sentence; what it shows in short is hidden from screen readers (no label that differs from the text seen). */}
                          <span className="sr-only">{description}</span>
                          {offs.map((t) => (
                            <div key={t.id} className={`timeoff-band timeoff-${t.status}`} aria-hidden="true">
                              {TIME_OFF_LABELS[t.kind]}
                              {t.status === 'pending' ? ' (requested)' : ''}
                            </div>
                          ))}
                          {shifts.map((shift) => {
                            const warnings = warningsOf.get(shift.id) ?? [];
                            return (
                              <button
                                type="button"
                                key={shift.id}
                                tabIndex={-1}
                                className={warnings.length > 0 ? 'shift-chip shift-warn' : 'shift-chip'}
                                style={{ borderLeftColor: person.colour }}
                                draggable={canManage}
                                onDragStart={(e) => {
                                  e.dataTransfer.setData(DRAG_TYPE, shift.id);
                                  e.dataTransfer.effectAllowed = 'move';
                                }}
                                onClick={() => canManage && onOpen({ shift, staffId: person.id, date })}
                                title={warnings.map((w) => w.message).join('\n') || shift.note || undefined}
                                aria-hidden="true"
                              >
                                {warnings.length > 0 && <AlertTriangle size={12} aria-hidden="true" />}
                                {shiftLabel(shift, order, true)}
                              </button>
                            );
                          })}
                        </td>
                      );
                    })}
                    <td className={over.length > 0 ? 'roster-hours hours-over' : 'roster-hours'} title={over.map((w) => w.message).join('\n') || undefined}>
                      {formatHoursDecimal(hours?.paidMinutes ?? 0)}
                      {person.contractedHours > 0 && <span className="muted small"> / {person.contractedHours} h</span>}
                      {hours?.costCents !== null && hours?.costCents !== undefined && <div className="muted small">{formatCents(hours.costCents)}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          );
        })}
      </table>
      <p id="roster-help" className="muted small roster-help">
        {canManage
          ? 'Keyboard: arrow keys move between days and people; Enter opens a shift (or adds one on an empty day), N adds another, Delete removes, Alt + arrow keys move a shift. Or drag a shift to another day or person.'
          : 'Arrow keys move between days and people.'}
      </p>
    </div>
  );
}

function describeCell(person: RosterPerson, date: string, shifts: Shift[], offs: TimeOff[], warningsOf: Map<string, RosterWarning[]>, order: 'MDY' | 'DMY' | 'YMD'): string {
  const parts = [`${person.fullName}, ${formatDayShort(date, order)}`];
  if (shifts.length === 0 && offs.length === 0) parts.push('no shift');
  for (const t of offs) parts.push(`${TIME_OFF_LABELS[t.kind]} ${t.status === 'pending' ? 'requested' : t.status}`);
  for (const s of shifts) {
    const warnings = warningsOf.get(s.id) ?? [];
    parts.push(`shift ${shiftLabel(s, order)}${s.breakMinutes ? `, ${s.breakMinutes} minute break` : ''}${warnings.length ? `; warning: ${warnings.map((w) => w.message).join('; ')}` : ''}`);
  }
  return parts.join('. ');
}

function gapText(g: CoverageGap, order: 'MDY' | 'DMY' | 'YMD'): string {
  return `${g.ruleName}: ${formatWallTime(g.from, order)}–${formatWallTime(g.to, order)}, ${g.actual} of ${roleCount(g.required, g.staffRole)}`;
}

/** Everything the week asks attention for, in words. */
function RosterProblems({ week }: { week: RosterWeek }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  if (week.warnings.length === 0 && week.gaps.length === 0) {
    return <Alert tone="success">No warnings and no under-covered blocks this week.</Alert>;
  }
  const nameOf = new Map(week.people.map((p) => [p.id, p.fullName]));
  const shiftOf = new Map(week.shifts.map((s) => [s.id, s]));
  return (
    <div className="roster-problems">
      {week.warnings.length > 0 && (
        <section className="card" aria-labelledby="warnings-title">
          <h3 id="warnings-title">
            Warnings <Badge tone="warn">{week.warnings.length}</Badge>
          </h3>
          <ul className="problem-list">
            {week.warnings.map((w, i) => {
              const shift = w.shiftId ? shiftOf.get(w.shiftId) : undefined;
              const name = nameOf.get(w.staffId) ?? '';
              // Week-level messages name the person already.
              const message = w.message.startsWith(`${name}: `) ? w.message.slice(name.length + 2) : w.message;
              return (
                <li key={i}>
                  <strong>{name}</strong>
                  {shift && <span className="muted"> · {formatDayShort(shift.start.slice(0, 10), order)} {shiftLabel(shift, order)}</span>}
                  <div>{message.charAt(0).toUpperCase() + message.slice(1)}</div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {week.gaps.length > 0 && (
        <section className="card" aria-labelledby="gaps-title">
          <h3 id="gaps-title">
            Under-covered <Badge tone="bad">{week.gaps.length}</Badge>
          </h3>
          <ul className="problem-list">
            {week.gaps.map((g, i) => (
              <li key={i}>
                <strong>{formatDayShort(g.date, order)}</strong> · {gapText(g, order)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
