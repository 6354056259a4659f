import { Plus, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { CoverageRequirement, CoverageRule } from '../../../../shared/contract/coverage';
import { uncheckedOpeningHours } from '../../../../shared/domain/roster';
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../../../shared/domain/staff';
import { WEEKDAYS } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { useSession } from '../../../app/session-store';
import type { Loaded } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { SelectField, TextField } from '../../../ui/Field';
import { changeHandlers, CheckboxField, clearErrors, errorUnder, formatTimeRange, formatWeekdays, spokenWeekdays, timeError, useReturnFocus, WeekdayPicker } from './rules-parts';
import { coverageContract } from '../../../../shared/contract/coverage';

type Editing = { rule: CoverageRule | null } | null;

/** "3 Nurse / medical assistant, 2 Receptionist" */
export function formatRequirements(requirements: readonly CoverageRequirement[]): string {
  return requirements.map((r) => `${r.min} ${STAFF_ROLE_LABELS[r.staffRole]}`).join(', ');
}

/** Coverage rules: the list, or the inline form that replaces it while editing. */
export function CoveragePanel({ loaded, onChanged }: { loaded: Loaded<CoverageRule[]>; onChanged: () => void }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const hours = useSession((s) => s.clinic?.openingHours);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { container, returnFocusTo } = useReturnFocus();
  const { data: rules, error, reload } = loaded;

  if (editing) {
    return (
      <CoverageForm
        rule={editing.rule}
        onCancel={() => {
          returnFocusTo(editing.rule?.id ?? 'new');
          setEditing(null);
        }}
        onSaved={(saved) => {
          returnFocusTo(saved.id);
          setEditing(null);
          setNotice(`Saved “${saved.name}”. The roster now checks it.`);
          reload();
          onChanged();
        }}
      />
    );
  }

  const example = `at least 2 nurses or medical assistants and 1 receptionist, Mon–Fri ${formatTimeRange('08:00', '17:00', order)}`;
  // Opening hours no rule watches: a gap there is never reported.
  const unchecked = rules && rules.length > 0 && hours ? uncheckedOpeningHours(rules, hours) : [];
  return (
    <div className="stack" ref={container}>
      <div className="section-header">
        <p className="muted">The roster highlights the times when fewer people of a role are working than the rule asks for.</p>
        <Button
          variant="primary"
          icon={<Plus size={16} aria-hidden="true" />}
          data-focus-key="new"
          onClick={() => {
            setNotice(null);
            setEditing({ rule: null });
          }}
        >
          New rule
        </Button>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      <LoadError error={error} onRetry={reload} />
      {!rules && !error && <Loading label="Loading coverage rules…" />}
      {unchecked.length > 0 && (
        <Alert tone="warning" title="Open hours no rule checks">
          The clinic is open then, but no active rule counts who is working: {unchecked.map((u) => `${WEEKDAYS[u.weekday - 1]!.short} ${formatTimeRange(u.from, u.to, order)}`).join('; ')}. Widen a rule (it is only checked while the clinic is open) or add one.
        </Alert>
      )}
      {rules && rules.length === 0 && <EmptyState title="No coverage rules yet">A rule like “{example}” shows the gaps on the roster.</EmptyState>}
      {rules && rules.length > 0 && (
        <div className="table-wrap">
          <table className="table rd-table">
            <caption className="sr-only">Coverage rules</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Days</th>
                <th scope="col">Window</th>
                <th scope="col">At least</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id} className={r.active ? undefined : 'row-inactive'}>
                  <td className="rd-name">{r.name}</td>
                  <td className="rd-nowrap">
                    <span aria-hidden="true">{formatWeekdays(r.weekdays)}</span>
                    <span className="sr-only">{spokenWeekdays(r.weekdays)}</span>
                  </td>
                  <td className="rd-nowrap">{formatTimeRange(r.startTime, r.endTime, order)}</td>
                  <td>{formatRequirements(r.requirements)}</td>
                  <td>{r.active ? <Badge tone="good">Active</Badge> : <Badge>Off</Badge>}</td>
                  <td className="cell-actions">
                    <Button
                      variant="ghost"
                      data-focus-key={r.id}
                      aria-label={`Edit ${r.name}`}
                      onClick={() => {
                        setNotice(null);
                        setEditing({ rule: r });
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

interface Row {
  key: number;
  staffRole: StaffRole;
  min: string;
}

function CoverageForm({ rule, onCancel, onSaved }: { rule: CoverageRule | null; onCancel: () => void; onSaved: (saved: CoverageRule) => void }) {
  const [name, setName] = useState(rule?.name ?? '');
  // A new rule covers the whole opening day: every open weekday, from the earliest opening to the latest closing.
  const hours = useSession((s) => s.clinic?.openingHours ?? []);
  const open = hours.filter((h) => h.opens && h.closes);
  const [weekdays, setWeekdays] = useState<number[]>(rule?.weekdays ?? (open.length > 0 ? open.map((h) => h.weekday) : [1, 2, 3, 4, 5]));
  const [startTime, setStart] = useState(rule?.startTime ?? (open.length > 0 ? open.map((h) => h.opens!).sort()[0]! : '08:00'));
  const [endTime, setEnd] = useState(rule?.endTime ?? (open.length > 0 ? open.map((h) => h.closes!).sort().at(-1)! : '17:00'));
  const [rows, setRows] = useState<Row[]>(() => (rule?.requirements ?? [{ staffRole: 'receptionist' as StaffRole, min: 1 }]).map((r, i) => ({ key: i, staffRole: r.staffRole, min: String(r.min) })));
  const [active, setActive] = useState(rule?.active ?? true);
  const nextKey = useRef(rows.length);
  /** After adding a row: its key; after removing one: "add", the "Add a role" button. */
  const focusAfter = useRef<number | 'add' | null>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const ids = useId();
  const form = useFormSubmit();
  const edit = changeHandlers(form);

  // A new row gets focus on its role; after a removal focus goes to "Add a role" (enabled again by now).
  useEffect(() => {
    const target = focusAfter.current;
    if (target === null) return;
    focusAfter.current = null;
    const list = rowsRef.current;
    if (target === 'add') list?.parentElement?.querySelector<HTMLButtonElement>('[data-add-role]')?.focus();
    else list?.querySelector<HTMLSelectElement>(`[data-row="${target}"] select`)?.focus();
  }, [rows]);

  const used = new Set(rows.map((r) => r.staffRole));
  const unused = STAFF_ROLES.filter((r) => !used.has(r));

  function addRow() {
    const role = unused[0];
    if (!role) return;
    const key = nextKey.current++;
    focusAfter.current = key;
    setRows([...rows, { key, staffRole: role, min: '1' }]);
    clearErrors(form, 'requirements');
  }

  function removeRow(key: number) {
    focusAfter.current = 'add';
    setRows(rows.filter((r) => r.key !== key));
    // Rows after this one move up, so their errors no longer point at the right row.
    clearErrors(form, 'requirements*');
  }

  function changeRow(key: number, change: Partial<Row>) {
    setRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const input = {
      ...(rule ? { id: rule.id } : {}),
      name,
      weekdays: [...weekdays].sort((a, b) => a - b),
      startTime,
      endTime,
      // An empty minimum is sent as 0, so it meets the rule's own "At least 1".
      requirements: rows.map((r) => ({ staffRole: r.staffRole, min: r.min.trim() === '' ? 0 : Number(r.min) })),
      active,
    };
    const saved = await form.submit(coverageContract['coverage.save'].input, input, (i) => call('coverage.save', i));
    if (saved) onSaved(saved);
  }

  const requirementsError = form.errors.requirements;
  return (
    <form onSubmit={save} noValidate className="stack rd-form" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{rule ? `Edit “${rule.name}”` : 'New coverage rule'}</h3>
      <p className="muted rd-intro">The roster highlights the times when fewer people of a role are working than the rule asks for.</p>
      <div className="form-grid rd-grid">
        <TextField label="Name" value={name} onChange={edit(setName, 'name')} error={form.errors.name} maxLength={80} placeholder="e.g. Weekday front desk" className="span-2" autoFocus />
        <div className="span-2">
          <WeekdayPicker value={weekdays} onChange={edit(setWeekdays, 'weekdays*')} error={errorUnder(form.errors, 'weekdays')} />
        </div>
        <TextField label="From" type="time" step={300} value={startTime} onChange={edit(setStart, 'startTime', 'endTime')} error={timeError(startTime, form.errors.startTime)} />
        <TextField
          label="Until"
          type="time"
          step={300}
          value={endTime}
          onChange={edit(setEnd, 'startTime', 'endTime')}
          error={timeError(endTime, form.errors.endTime)}
          hint="On the same day, after the start. Checked only while the clinic is open."
        />
        <fieldset className={['span-2', 'rd-reqs', requirementsError ? 'field-invalid' : ''].filter(Boolean).join(' ')} aria-describedby={requirementsError ? `${ids}-reqs-error` : undefined}>
          <legend>Minimum staff working</legend>
          <div className="rd-req-list" ref={rowsRef}>
            {rows.length === 0 && <p className="muted small rd-req-empty">No roles yet. Add the roles this rule checks.</p>}
            {rows.length > 0 && (
              <div className="rd-req-row rd-req-head" aria-hidden="true">
                <span>Role</span>
                <span>At least</span>
              </div>
            )}
            {rows.map((row, i) => {
              const options = STAFF_ROLES.filter((r) => r === row.staffRole || !used.has(r)).map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }));
              const roleLabel = STAFF_ROLE_LABELS[row.staffRole];
              return (
                <div key={row.key} className="rd-req-row" data-row={row.key}>
                  <SelectField
                    label={`Role ${i + 1}`}
                    className="sr-label"
                    value={row.staffRole}
                    onChange={(v) => {
                      changeRow(row.key, { staffRole: v as StaffRole });
                      clearErrors(form, 'requirements', `requirements.${i}.staffRole`);
                    }}
                    options={options}
                    error={form.errors[`requirements.${i}.staffRole`]}
                  />
                  <TextField
                    label={`Minimum number: ${roleLabel}`}
                    className="sr-label"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={50}
                    step={1}
                    value={row.min}
                    onChange={(v) => {
                      changeRow(row.key, { min: v });
                      clearErrors(form, `requirements.${i}.min`);
                    }}
                    error={form.errors[`requirements.${i}.min`]}
                  />
                  <Button variant="ghost" className="rd-req-remove" icon={<X size={16} aria-hidden="true" />} onClick={() => removeRow(row.key)} aria-label={`Remove ${roleLabel}`}>
                    Remove
                  </Button>
                </div>
              );
            })}
          </div>
          <div className="rd-req-actions">
            <Button data-add-role="" icon={<Plus size={16} aria-hidden="true" />} onClick={addRow} disabled={unused.length === 0}>
              Add a role
            </Button>
            {unused.length === 0 && <span className="muted small">Every role is in the rule.</span>}
          </div>
          {requirementsError && (
            <p className="field-error" id={`${ids}-reqs-error`}>
              {requirementsError}
            </p>
          )}
        </fieldset>
        <div className="span-2">
          <CheckboxField label="Active" checked={active} onChange={setActive} hint="Untick to stop checking this rule on the roster without losing it." />
        </div>
      </div>
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {rule ? 'Save rule' : 'Add rule'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
