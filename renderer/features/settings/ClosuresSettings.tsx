import { CalendarX, ChevronLeft, ChevronRight } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { Closure } from '../../../shared/contract/closures';
import { closuresContract } from '../../../shared/contract/closures';
import type { DateOrder } from '../../../shared/contract/clinic';
import { usFederalHolidays } from '../../../shared/domain/closures';
import { formatDayShort, formatLongDate } from '../../../shared/domain/format';
import { roleHas } from '../../../shared/domain/permissions';
import { dateInZone, isoWeekday, WEEKDAYS } from '../../../shared/domain/time';
import { call, messageOf } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { useSession } from '../../app/session-store';
import { useLoad } from '../../app/useLoad';
import { Button } from '../../ui/Button';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../ui/Feedback';
import { SelectField, TextField } from '../../ui/Field';
import './closures.css';

const longDate = (date: string, order: DateOrder) => formatLongDate(new Date(`${date}T12:00:00Z`), 'UTC', order);

/** What the manager is told after adding days: how many, and which still have appointments to move. */
function addedMessage(added: readonly Closure[], order: DateOrder): string {
  const busy = added.filter((c) => c.booked > 0);
  const first = added.length === 1 ? `${formatDayShort(added[0]!.date, order)} is now a closure day.` : `Added ${added.length} closure days.`;
  if (busy.length === 0) return first;
  return `${first} Still booked, to move to another day: ${busy.map((c) => `${formatDayShort(c.date, order)} (${c.booked} appointment${c.booked === 1 ? '' : 's'})`).join(', ')}.`;
}

/**
 * Settings → Closures: the clinic's holidays and closure days. The calendar
 * shades them, bookings on them are refused, and open-slot searches, the
 * waitlist and "each workday" series skip them.
 */
export function ClosuresSettings() {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const thisYear = Number(dateInZone(new Date(), clinic?.timeZone ?? 'UTC').slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const loaded = useLoad(() => call('closures.list', { from: `${year}-01-01`, to: `${year}-12-31` }), `closures-${year}`);
  if (!me || !clinic || !roleHas(me.user.role, 'schedule.types')) {
    return <Alert title="Closure days are for the office manager">Ask the office manager to add a holiday or closure day.</Alert>;
  }
  const order = clinic.dateOrder;
  const closedWeekdays = clinic.openingHours.filter((h) => !h.opens || !h.closes).map((h) => h.weekday);
  const years = Array.from({ length: 5 }, (_, i) => thisYear - 1 + i);
  const changed = (n: { tone: 'success' | 'error'; text: string }) => {
    setNotice(n);
    loaded.reload();
  };

  async function remove(c: Closure) {
    try {
      await call('closures.remove', { id: c.id });
      changed({ tone: 'success', text: `${longDate(c.date, order)} is an open day again.` });
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error) });
    }
  }

  return (
    <div className="stack closures-settings">
      <section className="card stack" aria-labelledby="closures-title">
        <div className="section-header">
          <div>
            <h2 id="closures-title">Closure days</h2>
            <p className="muted">Whole days the clinic is closed. The calendar shades them, nothing can be booked on them, and open-slot searches, the waitlist and “each workday” series skip them.</p>
          </div>
        </div>
        <div className="closures-year" role="group" aria-label="Which year">
          <Button icon={<ChevronLeft size={16} aria-hidden="true" />} onClick={() => setYear(year - 1)} aria-label="The year before" />
          <SelectField label="Year" value={String(year)} onChange={(v) => setYear(Number(v))} options={[...new Set([...years, year])].sort().map((y) => ({ value: String(y), label: String(y) }))} />
          <Button icon={<ChevronRight size={16} aria-hidden="true" />} onClick={() => setYear(year + 1)} aria-label="The year after" />
        </div>
        {notice && (
          <Alert tone={notice.tone} title={notice.tone === 'error' ? 'Not changed' : undefined}>
            {notice.text}
          </Alert>
        )}
        <AddClosureForm year={year} order={order} onTry={() => setNotice(null)} onAdded={(added) => changed({ tone: 'success', text: addedMessage(added, order) })} />
        <LoadError error={loaded.error} onRetry={loaded.reload} title="The closure days could not be loaded" />
        {!loaded.data && !loaded.error && <Loading label="Loading the closure days…" />}
        {loaded.data && loaded.data.length === 0 && <EmptyState title={`No closure days in ${year} yet`}>Add a day above, or start from the US federal holidays below.</EmptyState>}
        {loaded.data && loaded.data.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Closure days in {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Label</th>
                  <th scope="col">Still booked</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {loaded.data.map((c) => (
                  <tr key={c.id}>
                    <td className="nowrap">{longDate(c.date, order)}</td>
                    <td>{c.label || <span className="muted">No label</span>}</td>
                    <td>{c.booked > 0 ? <Badge tone="warn">{`${c.booked} appointment${c.booked === 1 ? '' : 's'} to move`}</Badge> : <span className="muted">None</span>}</td>
                    <td className="cell-actions">
                      <Button variant="ghost" onClick={() => void remove(c)} aria-label={`Remove ${c.label || 'the closure'}, ${longDate(c.date, order)}`}>
                        Remove
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {loaded.data && (
        <FederalHolidays
          key={`${year}-${loaded.data.map((c) => c.date).join(',')}`}
          year={year}
          order={order}
          closed={new Set(loaded.data.map((c) => c.date))}
          closedWeekdays={closedWeekdays}
          onAdded={(added) => changed({ tone: 'success', text: addedMessage(added, order) })}
        />
      )}
    </div>
  );
}

function AddClosureForm({ year, order, onTry, onAdded }: { year: number; order: DateOrder; onTry: () => void; onAdded: (added: Closure[]) => void }) {
  const [date, setDate] = useState('');
  const [label, setLabel] = useState('');
  const form = useFormSubmit();

  async function add(event: FormEvent) {
    event.preventDefault();
    onTry();
    if (!date) {
      form.setErrors({ 'days.0.date': 'Enter the date the clinic is closed' });
      return;
    }
    const added = await form.submit(closuresContract['closures.add'].input, { days: [{ date, label }] }, (input) => call('closures.add', input));
    if (added) {
      setDate('');
      setLabel('');
      onAdded(added);
    }
  }

  return (
    <form className="closures-add" onSubmit={(e) => void add(e)} noValidate aria-label="Add a closure day">
      <TextField label="Date" type="date" value={date} onChange={setDate} min={`${year - 1}-01-01`} error={form.errors['days.0.date'] ?? form.errors.days} required hint={date ? longDate(date, order) : undefined} />
      <TextField label="Label (optional)" value={label} onChange={setLabel} maxLength={80} placeholder="e.g. Staff training day" error={form.errors['days.0.label']} />
      <Button type="submit" variant="primary" busy={form.busy} icon={<CalendarX size={16} aria-hidden="true" />}>
        Add closure day
      </Button>
      {form.message && !form.errors['days.0.date'] && <p className="field-error closures-add-message" role="alert">{form.message}</p>}
    </form>
  );
}

interface HolidaysProps {
  year: number;
  order: DateOrder;
  closed: ReadonlySet<string>;
  closedWeekdays: readonly number[];
  onAdded: (added: Closure[]) => void;
}

/** The US federal holidays of a year as a starting list: ticked unless already closed, untick what the clinic works. */
function FederalHolidays({ year, order, closed, closedWeekdays, onAdded }: HolidaysProps) {
  const holidays = usFederalHolidays(year).filter((h) => !closed.has(h.date));
  const shutAnyway = (date: string) => closedWeekdays.includes(isoWeekday(date));
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(holidays.filter((h) => !shutAnyway(h.date)).map((h) => h.date)));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const chosen = holidays.filter((h) => ticked.has(h.date));

  async function add() {
    setBusy(true);
    setFailure(null);
    try {
      onAdded(await call('closures.add', { days: chosen.map((h) => ({ date: h.date, label: h.label })) }));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby="holidays-title">
      <div>
        <h2 id="holidays-title">US federal holidays in {year}</h2>
        <p className="muted">A starting list: untick the holidays the clinic works, then add the rest. A holiday on a weekend is also offered on the weekday it is observed.</p>
      </div>
      {holidays.length === 0 ? (
        <EmptyState title="Every federal holiday is already a closure day">Remove one above to open on it again.</EmptyState>
      ) : (
        <>
          <fieldset className="holiday-list">
            <legend className="sr-only">Holidays to close on</legend>
            {holidays.map((h) => {
              const weekday = WEEKDAYS[isoWeekday(h.date) - 1]!.name;
              return (
                <label key={h.date} className="holiday">
                  <input
                    type="checkbox"
                    checked={ticked.has(h.date)}
                    onChange={(e) =>
                      setTicked((t) => {
                        const next = new Set(t);
                        if (e.target.checked) next.add(h.date);
                        else next.delete(h.date);
                        return next;
                      })
                    }
                  />
                  <span className="holiday-date">{longDate(h.date, order)}</span>
                  <span className="holiday-label">
                    {h.label}
                    {shutAnyway(h.date) && <span className="muted small"> · the clinic is closed on {weekday}s anyway</span>}
                  </span>
                </label>
              );
            })}
          </fieldset>
          {failure && <Alert>{failure}</Alert>}
          <div className="form-actions">
            <Button variant="primary" busy={busy} disabled={chosen.length === 0} onClick={() => void add()}>
              {chosen.length === 0 ? 'Tick the days to close on' : `Add ${chosen.length} ticked day${chosen.length === 1 ? '' : 's'} as closure day${chosen.length === 1 ? '' : 's'}`}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
