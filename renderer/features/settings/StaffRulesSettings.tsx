import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react';
import { useRef, useState } from 'react';
import type { StaffSettings } from '../../../shared/contract/staff-settings';
import { CREDENTIAL_KINDS, CREDENTIAL_LABELS, STAFF_ROLE_LABELS, STAFF_ROLES, type CredentialKind, type StaffRole } from '../../../shared/domain/staff';
import { call } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { useLoad } from '../../app/useLoad';
import { Button } from '../../ui/Button';
import { SaveUndo } from '../../ui/SaveUndo';
import { Alert, Loading } from '../../ui/Feedback';
import { TextField } from '../../ui/Field';
import './staff-rules.css';
import { staffSettingsContract } from '../../../shared/contract/staff-settings';

const MAX_CRITERIA = 15;

/** One criterion being edited; `key` keeps its row (and focus) steady while it is renamed or moved. */
interface CriterionRow {
  key: number;
  name: string;
}

interface Draft {
  requirements: Record<StaffRole, CredentialKind[]>;
  interval: string;
  criteria: CriterionRow[];
}

let nextKey = 1;

/** Kinds in the table's column order, so comparing drafts ignores the order they were ticked in. */
function ordered(kinds: readonly CredentialKind[]): CredentialKind[] {
  return CREDENTIAL_KINDS.filter((k) => kinds.includes(k));
}

function draftOf(settings: StaffSettings): Draft {
  const requirements = {} as Record<StaffRole, CredentialKind[]>;
  for (const role of STAFF_ROLES) requirements[role] = ordered(settings.requirements[role] ?? []);
  return {
    requirements,
    interval: String(settings.evaluationIntervalMonths),
    criteria: settings.evaluationCriteria.map((name) => ({ key: nextKey++, name })),
  };
}

/** What is compared for "unsaved changes": row keys do not count. */
function comparable(draft: Draft): string {
  return JSON.stringify({ requirements: draft.requirements, interval: draft.interval.trim(), criteria: draft.criteria.map((c) => c.name) });
}

/** After a refused save, take the person to the first highlighted field (the sticky Save bar may hide it). */
function focusFirstProblem(formElement: HTMLFormElement) {
  requestAnimationFrame(() => {
    const field = formElement.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  });
}

/** The manager's rules for staff: required credentials per job role, and how evaluations are done. */
export function StaffRulesSettings() {
  const { data, error, reload } = useLoad(() => call('staffSettings.get', {}), 'staff-settings');
  if (error && !data) {
    return (
      <Alert title="The staff rules could not be loaded">
        {error}{' '}
        <Button variant="ghost" onClick={reload}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (!data) return <Loading label="Loading the staff rules…" />;
  return <StaffRulesForm loaded={data} />;
}

function StaffRulesForm({ loaded }: { loaded: StaffSettings }) {
  const [initial, setInitial] = useState(() => draftOf(loaded));
  const [value, setValue] = useState(initial);
  const [saved, setSaved] = useState(false);
  const form = useFormSubmit();
  const criteriaList = useRef<HTMLOListElement>(null);
  const dirty = comparable(value) !== comparable(initial);

  function change(next: Draft) {
    setSaved(false);
    setValue(next);
  }

  function toggle(role: StaffRole, kind: CredentialKind, required: boolean) {
    const current = value.requirements[role];
    const kinds = required ? ordered([...current, kind]) : current.filter((k) => k !== kind);
    change({ ...value, requirements: { ...value.requirements, [role]: kinds } });
  }

  function setCriteria(criteria: CriterionRow[]) {
    change({ ...value, criteria });
  }

  function addCriterion() {
    setCriteria([...value.criteria, { key: nextKey++, name: '' }]);
    // Focus the new, empty name once it is on screen.
    requestAnimationFrame(() => {
      const inputs = criteriaList.current?.querySelectorAll('input');
      inputs?.[inputs.length - 1]?.focus();
    });
  }

  function move(index: number, by: -1 | 1) {
    const criteria = [...value.criteria];
    const [row] = criteria.splice(index, 1);
    if (!row) return;
    criteria.splice(index + by, 0, row);
    setCriteria(criteria);
  }

  function remove(index: number) {
    setCriteria(value.criteria.filter((_, i) => i !== index));
    form.setErrors({});
  }

  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const names = value.criteria.map((c) => c.name.trim());
    const interval = value.interval.trim();
    const problems: Record<string, string> = {};
    if (interval === '') problems.evaluationIntervalMonths = 'Required';
    else if (!/^\d+$/.test(interval)) problems.evaluationIntervalMonths = 'Use a whole number of months';
    // The main process quietly merges duplicates; say so instead.
    names.forEach((name, i) => {
      if (name !== '' && names.findIndex((n) => n.toLowerCase() === name.toLowerCase()) !== i) problems[`evaluationCriteria.${i}`] = 'This criterion is already in the list';
    });
    if (Object.keys(problems).length > 0) {
      form.setErrors(problems);
      form.setMessage('Please correct the highlighted fields.');
      focusFirstProblem(event.currentTarget);
      return;
    }
    const formElement = event.currentTarget;
    const input = { requirements: value.requirements, evaluationIntervalMonths: Number(interval), evaluationCriteria: names };
    const settings = await form.submit(staffSettingsContract['staffSettings.update'].input, input, (i) => call('staffSettings.update', i));
    if (settings) {
      const next = draftOf(settings);
      setInitial(next);
      setValue(next);
      setSaved(true);
    } else focusFirstProblem(formElement);
  }

  const criteriaError = form.errors.evaluationCriteria;

  return (
    <form className="stack" onSubmit={save} noValidate aria-label="Staff rules">
      <section className="card stack" aria-labelledby="rules-credentials-title">
        <div>
          <h2 id="rules-credentials-title">Required credentials by role</h2>
          <p className="muted">
            Check what each job role must hold. Anyone who is missing a required credential, or whose required credential has expired, is flagged on the roster and the staff
            directory and cannot be booked for appointments until it is recorded or renewed.
          </p>
        </div>
        <div className="table-wrap">
          <table className="table rules-matrix">
            <caption className="sr-only">Required credentials by job role</caption>
            <thead>
              <tr>
                <th scope="col">Job role</th>
                {CREDENTIAL_KINDS.map((kind) => (
                  <th scope="col" key={kind}>
                    {CREDENTIAL_LABELS[kind]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {STAFF_ROLES.map((role) => (
                <tr key={role}>
                  <th scope="row">{STAFF_ROLE_LABELS[role]}</th>
                  {CREDENTIAL_KINDS.map((kind) => {
                    const checked = value.requirements[role].includes(kind);
                    return (
                      <td key={kind} className={checked ? 'rules-cell rules-cell-on' : 'rules-cell'}>
                        <input
                          type="checkbox"
                          checked={checked}
                          onChange={(e) => toggle(role, kind, e.target.checked)}
                          aria-label={`${STAFF_ROLE_LABELS[role]} requires ${CREDENTIAL_LABELS[kind]}`}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {form.errors.requirements && <p className="field-error">{form.errors.requirements}</p>}
      </section>

      <section className="card stack" aria-labelledby="rules-evaluations-title">
        <div>
          <h2 id="rules-evaluations-title">Performance evaluations</h2>
          <p className="muted">How often each person is reviewed, and what they are rated on from 1 (poor) to 5 (excellent).</p>
        </div>
        <TextField
          className="rules-interval"
          label="Evaluate every (months)"
          type="number"
          inputMode="numeric"
          min={1}
          max={36}
          step={1}
          value={value.interval}
          onChange={(v) => change({ ...value, interval: v })}
          error={form.errors.evaluationIntervalMonths}
          hint="1 to 36 months, counted from the start date or the last evaluation."
        />
        <fieldset className="rules-criteria" aria-describedby="rules-criteria-hint">
          <legend>Criteria</legend>
          <p className="field-hint" id="rules-criteria-hint">
            Every evaluation rates each criterion, in this order. Renaming or removing one does not change evaluations already recorded.
          </p>
          <ol className="rules-criteria-list" ref={criteriaList}>
            {value.criteria.map((row, index) => {
              const label = row.name.trim() || `criterion ${index + 1}`;
              return (
                <li key={row.key} className="rules-criterion">
                  <span className="rules-criterion-number" aria-hidden="true">
                    {index + 1}.
                  </span>
                  <TextField
                    className="sr-label rules-criterion-name"
                    label={`Criterion ${index + 1}`}
                    value={row.name}
                    onChange={(name) => setCriteria(value.criteria.map((c) => (c.key === row.key ? { ...c, name } : c)))}
                    error={form.errors[`evaluationCriteria.${index}`]}
                    maxLength={80}
                  />
                  <div className="rules-criterion-actions">
                    <Button variant="ghost" className="rules-icon-btn" onClick={() => move(index, -1)} disabled={index === 0} aria-label={`Move ${label} up`} title="Move up">
                      <ArrowUp size={16} aria-hidden="true" />
                    </Button>
                    <Button
                      variant="ghost"
                      className="rules-icon-btn"
                      onClick={() => move(index, 1)}
                      disabled={index === value.criteria.length - 1}
                      aria-label={`Move ${label} down`}
                      title="Move down"
                    >
                      <ArrowDown size={16} aria-hidden="true" />
                    </Button>
                    <Button
                      variant="ghost"
                      className="rules-icon-btn rules-remove"
                      onClick={() => remove(index)}
                      disabled={value.criteria.length <= 1}
                      aria-label={`Remove ${label}`}
                      title={value.criteria.length <= 1 ? 'Keep at least one criterion' : 'Remove'}
                    >
                      <X size={16} aria-hidden="true" />
                    </Button>
                  </div>
                </li>
              );
            })}
          </ol>
          {criteriaError && <p className="field-error">{criteriaError}</p>}
          <div>
            <Button icon={<Plus size={16} aria-hidden="true" />} onClick={addCriterion} disabled={value.criteria.length >= MAX_CRITERIA}>
              Add a criterion
            </Button>
            {value.criteria.length >= MAX_CRITERIA && <span className="muted small rules-limit">At most {MAX_CRITERIA} criteria.</span>}
          </div>
        </fieldset>
      </section>

      <div className={dirty ? 'card rules-actions rules-actions-dirty' : 'card rules-actions'}>
        {form.message && <Alert>{form.message}</Alert>}
        {saved && !dirty && <Alert tone="success">Saved.</Alert>}
        <SaveUndo
          saveLabel="Save changes"
          dirty={dirty}
          busy={form.busy}
          onUndo={() => {
            setValue(initial);
            form.reset();
          }}
        />
      </div>
    </form>
  );
}
