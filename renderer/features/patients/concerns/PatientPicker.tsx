import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { PatientMatch } from '../../../../shared/contract/patients';
import { formatDate } from '../../../../shared/domain/format';
import { Button } from '../../../ui/Button';
import { useDateOrder } from './ConcernParts';
import { nextHighlight } from '../search/highlight';
import { usePatientSearch } from '../search/usePatientSearch';

export interface PickedPatient {
  id: string;
  name: string;
  mrn: string;
  dob: string;
}

/**
 * Who the concern is about: search by name, phone, date of birth or record
 * number (↑ ↓ and Enter choose), or "Anonymous / no patient".
 */
export function PatientPicker({ picked, onPick, anonymous, onAnonymous, error }: { picked: PickedPatient | null; onPick: (p: PickedPatient | null) => void; anonymous: boolean; onAnonymous: (v: boolean) => void; error?: string | undefined }) {
  const order = useDateOrder();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { results, searching, error: problem, clear } = usePatientSearch(query, { limit: 8, onResults: (after, before) => setActive((a) => nextHighlight(a, before, after)) });
  // After choosing (or un-choosing) a patient, keep the keyboard where the person is working.
  const moveFocus = useRef(false);
  const id = useId();
  const focusOnMount = (el: HTMLElement | null) => {
    if (el && moveFocus.current) {
      moveFocus.current = false;
      el.focus();
    }
  };

  function choose(p: PatientMatch) {
    moveFocus.current = true;
    onPick({ id: p.id, name: p.name, mrn: p.mrn, dob: p.dob });
    setQuery('');
    clear();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      // Enter picks a patient; it never sends the whole form from the search box.
      event.preventDefault();
      const chosen = results?.[active];
      if (chosen) choose(chosen);
      return;
    }
    if (!results || results.length === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Escape' && query) {
      // Clear the search, not close the dialog.
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  }

  const open = !anonymous && !picked && results !== null && results.length > 0;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={['field', 'concern-picker', error ? 'field-invalid' : ''].filter(Boolean).join(' ')}>
      {picked ? (
        <>
          <span className="concern-picker-label">Patient</span>
          <div className="concern-picked">
            <span>
              <strong>{picked.name}</strong>
              <span className="muted">
                {' '}
                · Born {formatDate(picked.dob, order)} · Record {picked.mrn}
              </span>
            </span>
            <Button
              variant="ghost"
              ref={focusOnMount}
              aria-label={`Choose another patient instead of ${picked.name}`}
              onClick={() => {
                moveFocus.current = true;
                onPick(null);
              }}
            >
              Choose another
            </Button>
          </div>
        </>
      ) : (
        <>
          <label htmlFor={`${id}-input`}>Patient</label>
          <div className="search-box concern-search">
            <input
              ref={focusOnMount}
              id={`${id}-input`}
              type="search"
              role="combobox"
              aria-expanded={open}
              aria-controls={`${id}-list`}
              aria-autocomplete="list"
              aria-activedescendant={open ? `${id}-${active}` : undefined}
              aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(' ')}
              aria-invalid={Boolean(error) || undefined}
              autoComplete="off"
              spellCheck={false}
              placeholder={anonymous ? 'No patient: anonymous' : 'Name, phone, date of birth or record number'}
              value={anonymous ? '' : query}
              disabled={anonymous}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onKeyDown}
            />
            {searching && <span className="spinner spinner-small search-spinner" aria-hidden="true" />}
          </div>
          <p id={`${id}-hint`} className="field-hint">
            {anonymous ? 'Untick “Anonymous” to choose a patient.' : 'Type to search, then ↑ ↓ and Enter (or click) to choose.'}
          </p>
        </>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {problem && !anonymous && <p className="field-error">{problem}</p>}
      <div role="status" aria-live="polite" className="sr-only">
        {picked ? `Chosen: ${picked.name}` : anonymous || results === null ? '' : results.length === 0 ? 'No patient matches' : `${results.length} patient${results.length === 1 ? '' : 's'} found`}
      </div>
      {!anonymous && !picked && results && results.length === 0 && <p className="muted small">No patient matches “{query.trim()}”.</p>}
      {open && (
        <ul id={`${id}-list`} role="listbox" aria-label="Patients found" className="search-results concern-results">
          {results.map((p, i) => (
            <li
              key={p.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-result search-result-active' : 'search-result'}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(p)}
            >
              <span className="concern-result">
                <strong>{p.name}</strong>
                <span>
                  <span className="muted">Born</span> {formatDate(p.dob, order)}
                </span>
                <span>
                  <span className="muted">Record</span> {p.mrn}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {!picked && (
        <label className="checkbox">
          <input type="checkbox" checked={anonymous} onChange={(e) => onAnonymous(e.target.checked)} /> Anonymous / no patient
        </label>
      )}
    </div>
  );
}
