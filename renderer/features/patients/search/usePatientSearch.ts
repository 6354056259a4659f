import { useEffect, useRef, useState } from 'react';
import type { PatientMatch } from '../../../../shared/contract/patient-types';
import { call, messageOf } from '../../../app/api';

/**
 * Search as you type, shared by the Patients section and every patient picker:
 * waits `delay` ms after the last keystroke, and only the latest keystroke's
 * answer counts (answers can arrive out of order). `onResults` runs when new
 * results land, e.g. to put the highlight back on the first.
 */
export function usePatientSearch(query: string, options: { limit: number; delay: number; onResults?: () => void }) {
  const [results, setResults] = useState<PatientMatch[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sequence = useRef(0);
  const onResults = useRef(options.onResults);
  useEffect(() => {
    onResults.current = options.onResults;
  });
  const { limit, delay } = options;

  useEffect(() => {
    const text = query.trim();
    const mine = ++sequence.current;
    const timer = setTimeout(
      () => {
        if (!text) {
          setResults(null);
          setSearching(false);
          return;
        }
        setSearching(true);
        call('patients.search', { query: text, limit }).then(
          (found) => {
            if (mine !== sequence.current) return;
            setResults(found);
            setError(null);
            setSearching(false);
            onResults.current?.();
          },
          (e: unknown) => {
            if (mine !== sequence.current) return;
            setError(messageOf(e));
            setSearching(false);
          },
        );
      },
      text ? delay : 0,
    );
    return () => clearTimeout(timer);
  }, [query, limit, delay]);

  return { results, searching, error, clear: () => setResults(null) };
}
