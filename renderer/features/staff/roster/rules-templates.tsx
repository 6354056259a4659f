import { Plus } from 'lucide-react';
import { useId, useState } from 'react';
import type { ShiftTemplate } from '../../../../shared/contract/templates';
import { minutesOfDay } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { useSession } from '../../../app/session-store';
import type { Loaded } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';
import { changeHandlers, CheckboxField, errorUnder, formatDuration, formatTimeRange, formatWeekdays, isTime, runsPastMidnight, spokenWeekdays, timeError, useReturnFocus, WeekdayPicker } from './rules-parts';
import { templatesContract } from '../../../../shared/contract/templates';

type Editing = { template: ShiftTemplate | null } | null;

/** Shift templates: the list, or the inline form that replaces it while editing. */
export function TemplatesPanel({ loaded, onChanged }: { loaded: Loaded<ShiftTemplate[]>; onChanged: () => void }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { container, returnFocusTo } = useReturnFocus();
  const { data: templates, error, reload } = loaded;

  if (editing) {
    return (
      <TemplateForm
        template={editing.template}
        onCancel={() => {
          returnFocusTo(editing.template?.id ?? 'new');
          setEditing(null);
        }}
        onSaved={(saved) => {
          returnFocusTo(saved.id);
          setEditing(null);
          setNotice(`Saved “${saved.name}”.`);
          reload();
          onChanged();
        }}
      />
    );
  }

  const example = `Mon–Fri ${formatTimeRange('08:00', '17:00', order)}`;
  return (
    <div className="stack" ref={container}>
      <div className="section-header">
        <p className="muted">Templates fill a week of the roster for the people you choose with “Apply template…”. Retired templates stay listed but are not offered.</p>
        <Button
          variant="primary"
          icon={<Plus size={16} aria-hidden="true" />}
          data-focus-key="new"
          onClick={() => {
            setNotice(null);
            setEditing({ template: null });
          }}
        >
          New template
        </Button>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      <LoadError error={error} onRetry={reload} />
      {!templates && !error && <Loading label="Loading shift templates…" />}
      {templates && templates.length === 0 && <EmptyState title="No templates yet">A template like {example} fills a week in one go.</EmptyState>}
      {templates && templates.length > 0 && (
        <div className="table-wrap">
          <table className="table rd-table">
            <caption className="sr-only">Shift templates</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Days</th>
                <th scope="col">Time</th>
                <th scope="col">Break</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {templates.map((t) => (
                <tr key={t.id} className={t.active ? undefined : 'row-inactive'}>
                  <td className="rd-name">{t.name}</td>
                  <td className="rd-nowrap">
                    <span aria-hidden="true">{formatWeekdays(t.weekdays)}</span>
                    <span className="sr-only">{spokenWeekdays(t.weekdays)}</span>
                  </td>
                  <td className="rd-nowrap">{formatTimeRange(t.startTime, t.endTime, order)}</td>
                  <td className="rd-nowrap">{t.breakMinutes > 0 ? `${t.breakMinutes} min` : <span className="muted">None</span>}</td>
                  <td>{t.active ? <Badge tone="good">Active</Badge> : <Badge>Retired</Badge>}</td>
                  <td className="cell-actions">
                    <Button
                      variant="ghost"
                      data-focus-key={t.id}
                      aria-label={`Edit ${t.name}`}
                      onClick={() => {
                        setNotice(null);
                        setEditing({ template: t });
                      }}
                    >
                      Edit
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Length of a template's shift in minutes (past midnight when the end is before the start). */
function shiftLength(start: string, end: string): number {
  const s = minutesOfDay(start);
  const e = minutesOfDay(end);
  return e > s ? e - s : e + 1440 - s;
}

/** The errors a change of either time may fix: the break's depends on the shift's length. */
const TIMES = ['startTime', 'endTime', 'breakMinutes'];

function TemplateForm({ template, onCancel, onSaved }: { template: ShiftTemplate | null; onCancel: () => void; onSaved: (saved: ShiftTemplate) => void }) {
  const [name, setName] = useState(template?.name ?? '');
  const [weekdays, setWeekdays] = useState<number[]>(template?.weekdays ?? [1, 2, 3, 4, 5]);
  const [startTime, setStart] = useState(template?.startTime ?? '08:00');
  const [endTime, setEnd] = useState(template?.endTime ?? '17:00');
  const [breakMinutes, setBreak] = useState(String(template?.breakMinutes ?? 30));
  const [active, setActive] = useState(template?.active ?? true);
  const titleId = useId();
  const form = useFormSubmit();
  const edit = changeHandlers(form);

  const breakValue = breakMinutes.trim() === '' ? 0 : Number(breakMinutes);
  const timesValid = isTime(startTime) && isTime(endTime) && startTime !== endTime;
  const length = timesValid ? shiftLength(startTime, endTime) : null;
  const nextDay = timesValid && runsPastMidnight(startTime, endTime);
  const lengthHint =
    length !== null && Number.isInteger(breakValue) && breakValue >= 0 && breakValue < length
      ? `Shift ${formatDuration(length)}, paid ${formatDuration(length - breakValue)}.`
      : 'Leave at 0 for no break.';

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const input = {
      ...(template ? { id: template.id } : {}),
      name,
      weekdays: [...weekdays].sort((a, b) => a - b),
      startTime,
      endTime,
      breakMinutes: breakValue,
      active,
    };
    const saved = await form.submit(templatesContract['templates.save'].input, input, (i) => call('templates.save', i));
    if (saved) onSaved(saved);
  }

  return (
    <form onSubmit={save} noValidate className="stack rd-form" aria-labelledby={titleId}>
      <h3 id={titleId}>{template ? `Edit “${template.name}”` : 'New shift template'}</h3>
      <div className="form-grid rd-grid">
        <TextField label="Name" value={name} onChange={edit(setName, 'name')} error={form.errors.name} maxLength={80} placeholder="e.g. Weekday day shift" className="span-2" autoFocus />
        <div className="span-2">
          <WeekdayPicker value={weekdays} onChange={edit(setWeekdays, 'weekdays*')} error={errorUnder(form.errors, 'weekdays')} />
        </div>
        <TextField label="Starts" type="time" step={300} value={startTime} onChange={edit(setStart, ...TIMES)} error={timeError(startTime, form.errors.startTime)} />
        <TextField
          label="Ends"
          type="time"
          step={300}
          value={endTime}
          onChange={edit(setEnd, ...TIMES)}
          error={timeError(endTime, form.errors.endTime)}
          hint={nextDay ? 'Ends the next day (runs past midnight).' : 'An end before the start runs past midnight.'}
        />
        <TextField
          label="Unpaid break (minutes)"
          type="number"
          inputMode="numeric"
          min={0}
          max={480}
          step={5}
          value={breakMinutes}
          onChange={edit(setBreak, 'breakMinutes')}
          error={form.errors.breakMinutes}
          hint={lengthHint}
        />
        <div className="rd-check-cell">
          <CheckboxField label="Active" checked={active} onChange={setActive} hint="Untick to retire the template: it stays listed but is no longer offered." />
        </div>
      </div>
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {template ? 'Save template' : 'Add template'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
