import { UserPlus } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';
import { roleHas } from '../../../../shared/domain/permissions';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { Button } from '../../../ui/Button';
import { Alert } from '../../../ui/Feedback';
import { ResultOptions } from './ResultOptions';
import { nextHighlight } from './highlight';
import { usePatientSearch } from './usePatientSearch';

/**
 * One box for everything the front desk knows about a caller: any part of the
 * name, phone digits, date of birth, record number. Arrow keys and Enter work.
 */
export function SearchPage() {
  const me = useSession((s) => s.me);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { results, resultsFor, searching, error } = usePatientSearch(query, { limit: 20, onResults: (after, before) => setActive((a) => nextHighlight(a, before, after)) });
  const listId = useId();
  const canRegister = me ? roleHas(me.user.role, 'patients.edit') : false;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!results || results.length === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = results[active];
      if (chosen) navigate(`/patients/record/${chosen.id}`);
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  }

  const open = results !== null && results.length > 0;
  return (
    <section className="card stack patient-search" aria-labelledby="find-title">
      <div className="section-header">
        <h2 id="find-title">Find a patient</h2>
        {canRegister && (
          <Button variant="primary" icon={<UserPlus size={16} aria-hidden="true" />} onClick={() => navigate('/patients/new')}>
            New patient
          </Button>
        )}
      </div>
      <div className="search-box">
        <label htmlFor={`${listId}-input`} className="sr-only">
          Find a patient
        </label>
        <input
          id={`${listId}-input`}
          type="search"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          aria-describedby={`${listId}-hint`}
          autoComplete="off"
          spellCheck={false}
          placeholder="Name, phone, date of birth or record number"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
        />
        {searching && <span className="spinner spinner-small search-spinner" aria-hidden="true" />}
      </div>
      <p id={`${listId}-hint`} className="muted small">
        Any part of the name in any order (“ann smi”), phone digits in any format or the last four, a date of birth (03/07/1980), or a record number. ↑ ↓ to choose, Enter to open.
      </p>
      {error && <Alert>{error}</Alert>}
      <div role="status" aria-live="polite" className="sr-only">
        {results === null ? '' : results.length === 0 ? 'No patient matches' : `${results.length} patient${results.length === 1 ? '' : 's'} found`}
      </div>
      {results && results.length === 0 && (
        <div className="empty-state" aria-busy={searching || undefined}>
          <h3>No patient matches “{resultsFor}”</h3>
          <p>Check the spelling, or try the phone number or date of birth.{canRegister ? ' A new patient can be registered with “New patient”.' : ''}</p>
        </div>
      )}
      {open && (
        <ul id={listId} role="listbox" aria-label="Patients found" aria-busy={searching || undefined} className="search-results">
          <ResultOptions results={results} active={active} listId={listId} onHover={setActive} />
        </ul>
      )}
    </section>
  );
}
