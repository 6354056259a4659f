import { UserPlus, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { PATIENT_EXAMPLE_BLANK } from '../../../shared/domain/patient-import';
import { roleHas } from '../../../shared/domain/permissions';
import { exampleBirthDate } from '../../../shared/domain/typed-date';
import { ApiFailure, call, messageOf } from '../../app/api';
import { useSession } from '../../app/session-store';
import { Button } from '../../ui/Button';
import { DateField } from '../../ui/DateField';
import { Alert } from '../../ui/Feedback';
import { TextField } from '../../ui/Field';
import { PatientLine } from '../patients/PatientSummary';
import { nextHighlight } from '../patients/search/highlight';
import { usePatientSearch } from '../patients/search/usePatientSearch';

export interface PickedPatient {
  id: string;
  name: string;
  mrn: string;
  dob: string;
  phone: string;
}

interface PatientPickerProps {
  label?: string;
  value: PickedPatient | null;
  onChange: (patient: PickedPatient | null) => void;
  error?: string | undefined;
  autoFocus?: boolean;
  /** Where the focus goes once a patient is chosen (the field that emptied is gone); the "choose another" button by default. */
  focusAfterPick?: () => void;
  /** Marks the label (visibly and for screen readers). */
  required?: boolean;
}

/**
 * Finds a patient with the same search as the Patients section (name, phone,
 * date of birth, record number), by keyboard: type, arrows, Enter. Whoever may
 * register patients can add a new one here without leaving the form.
 */
export function PatientPicker({ label = 'Patient', value, onChange, error, autoFocus = false, focusAfterPick, required = false }: PatientPickerProps) {
  const me = useSession((s) => s.me);
  const canRegister = me ? roleHas(me.user.role, 'patients.edit') : false;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [creating, setCreating] = useState(false);
  const { results, error: failure, clear } = usePatientSearch(query, { limit: 8, onResults: (after, before) => setActive((a) => nextHighlight(a, before, after)) });
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  // Choosing a patient replaces the search box: keep the keyboard in the form.
  const justPicked = useRef(false);
  useEffect(() => {
    if (!justPicked.current || !value) return;
    justPicked.current = false;
    if (focusAfterPick) focusAfterPick();
    else changeRef.current?.focus();
  }, [value, focusAfterPick]);
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;

  const options = results ?? [];
  const registerIndex = canRegister && results !== null ? options.length : -1;
  const count = options.length + (registerIndex >= 0 ? 1 : 0);

  function choose(index: number) {
    if (index === registerIndex) {
      setCreating(true);
      return;
    }
    const match = options[index];
    if (!match) return;
    onChange({ id: match.id, name: match.name, mrn: match.mrn, dob: match.dob, phone: match.phone });
    justPicked.current = true;
    setQuery('');
    clear();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setActive((a) => Math.min(count - 1, a + 1));
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter' && count > 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  }

  if (value) {
    return (
      <div className="field">
        <span className="field-label" id={`${id}-label`}>
          {label}
        </span>
        <div className="picked-patient" aria-labelledby={`${id}-label`}>
          <PatientLine patient={value} />
          <button
            ref={changeRef}
            type="button"
            className="icon-button"
            aria-label={`Choose another patient instead of ${value.name}`}
            onClick={() => {
              onChange(null);
              setTimeout(() => inputRef.current?.focus(), 0);
            }}
          >
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      </div>
    );
  }

  if (creating) {
    return (
      <QuickRegister
        initialName={query}
        onCancel={() => setCreating(false)}
        onCreated={(p) => {
          setCreating(false);
          setQuery('');
          clear();
          onChange(p);
          justPicked.current = true;
        }}
      />
    );
  }

  const open = results !== null;
  return (
    <div className={error ? 'field field-invalid patient-picker' : 'field patient-picker'}>
      <span className="field-label-line">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="field-required" aria-hidden="true">
            *
          </span>
        )}
      </span>
      <input
        id={id}
        ref={inputRef}
        aria-required={required || undefined}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && count > 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        placeholder="Name, phone, date of birth or record number"
        autoComplete="off"
        value={query}
        autoFocus={autoFocus}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {failure && <p className="field-error">{failure}</p>}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {open && (
        <ul id={listId} role="listbox" className="picker-list" aria-label="Matching patients">
          {options.length === 0 && (
            <li className="picker-empty" role="presentation">
              No patient matches “{query.trim()}”.
            </li>
          )}
          {options.map((p, i) => (
            <li
              key={p.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'picker-option picker-active' : 'picker-option'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(i)}
            >
              <PatientLine patient={p} />
            </li>
          ))}
          {registerIndex >= 0 && (
            <li
              id={`${id}-opt-${registerIndex}`}
              role="option"
              aria-selected={active === registerIndex}
              className={active === registerIndex ? 'picker-option picker-register picker-active' : 'picker-option picker-register'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(registerIndex)}
            >
              <UserPlus size={16} aria-hidden="true" /> Register a new patient{query.trim() ? ` “${query.trim()}”` : ''}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** The few fields the front desk needs to book a new patient; the rest can be filled in at check-in. */
function QuickRegister({ initialName, onCancel, onCreated }: { initialName: string; onCancel: () => void; onCreated: (p: PickedPatient) => void }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const words = /\d/.test(initialName) ? [] : initialName.trim().split(/\s+/).filter(Boolean);
  const [firstName, setFirstName] = useState(words.length > 1 ? words.slice(0, -1).join(' ') : (words[0] ?? ''));
  const [lastName, setLastName] = useState(words.length > 1 ? words[words.length - 1]! : '');
  const [dob, setDob] = useState('');
  const [mobile, setMobile] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState(false);
  const [busy, setBusy] = useState(false);

  async function register(confirmDuplicate: boolean) {
    setBusy(true);
    setMessage(null);
    setErrors({});
    try {
      const details = { ...PATIENT_EXAMPLE_BLANK, firstName, lastName, dob, phones: { ...PATIENT_EXAMPLE_BLANK.phones, mobile } };
      const created = await call('patients.create', { details, confirmDuplicate });
      onCreated({ id: created.id, name: `${created.lastName}, ${created.firstName}`, mrn: created.mrn, dob: created.dob, phone: mobile });
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'conflict') setDuplicate(true);
      if (e instanceof ApiFailure) setErrors(Object.fromEntries(e.issues.map((i) => [i.path.replace(/^details\./, ''), i.message])));
      setMessage(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="quick-register">
      <legend>New patient</legend>
      {message && <Alert tone={duplicate ? 'warning' : 'error'}>{message}</Alert>}
      <div className="form-grid">
        <TextField label="First name" value={firstName} onChange={setFirstName} error={errors.firstName} autoComplete="off" required />
        <TextField label="Last name" value={lastName} onChange={setLastName} error={errors.lastName} autoComplete="off" required />
        <DateField label="Date of birth" kind="birth" value={dob} onChange={setDob} error={dob === '' && errors.dob ? `Enter the date of birth, like ${exampleBirthDate(order)}` : errors.dob} required missing={`Enter the date of birth, like ${exampleBirthDate(order)}`} />
        <TextField label="Mobile phone" type="tel" value={mobile} onChange={setMobile} error={errors['phones.mobile']} autoComplete="off" />
      </div>
      <div className="row">
        <Button variant="primary" busy={busy} onClick={() => void register(false)}>
          Register patient
        </Button>
        {duplicate && (
          <Button busy={busy} onClick={() => void register(true)}>
            These are different people — register anyway
          </Button>
        )}
        <Button variant="ghost" onClick={onCancel}>
          Back to search
        </Button>
      </div>
    </fieldset>
  );
}
