import { memo } from 'react';
import type { PatientMatch } from '../../../../shared/contract/patients';
import { navigate } from '../../../app/route';
import { MatchedBy, PatientBadges, PatientLine } from '../PatientSummary';

interface ResultOptionsProps {
  results: PatientMatch[];
  active: number;
  listId: string;
  onHover: (index: number) => void;
}

/**
 * The options of the listbox the search box drives. Memoized: a keystroke
 * re-renders the box, not these rows, until new results land.
 */
export const ResultOptions = memo(function ResultOptions({ results, active, listId, onHover }: ResultOptionsProps) {
  return (
    <>
      {results.map((p, i) => (
        <li
          key={p.id}
          id={`${listId}-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'search-result search-result-active' : 'search-result'}
          onMouseMove={() => i !== active && onHover(i)}
          onClick={() => navigate(`/patients/record/${p.id}`)}
        >
          <span className="search-result-main">
            <PatientLine patient={p} />
            <MatchedBy reasons={p.matched} />
          </span>
          <PatientBadges flags={p.flags} active={p.active} />
        </li>
      ))}
    </>
  );
});
