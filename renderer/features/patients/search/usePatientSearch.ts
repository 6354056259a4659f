import { useCallback, useEffect, useRef, useState } from 'react';
import type { PatientMatch } from '../../../../shared/contract/patients';
import { call, messageOf } from '../../../app/api';

interface Found {
  /** The trimmed query these results answer. */
  query: string;
  list: PatientMatch[] | null;
}

/**
 * Search as you type, shared by the Patients section and every patient picker.
 * No waiting after a keystroke: each one asks at once, with at most one
 * question under way; keys typed meanwhile are answered by one question for
 * the latest text as soon as that one returns (the search takes milliseconds,
 * a wait for the typing to pause took 120). Only answers for what the box
 * says now are shown, and the previous list stays until one lands, so nothing
 * jumps. `onResults` runs when new results land, with the list they replace,
 * to move the highlight (see nextHighlight).
 */
/** At most one search under way; the latest text wanted meanwhile is asked for when it returns. */
class SearchQueue {
  #wanted = { text: '', limit: 0 };
  #asking = false;
  #closed = false;
  #landed: (query: string, list: PatientMatch[]) => void = () => {};
  #failed: (message: string) => void = () => {};

  /** Where answers go: the latest component's setters. */
  answerTo(landed: (query: string, list: PatientMatch[]) => void, failed: (message: string) => void): void {
    this.#landed = landed;
    this.#failed = failed;
  }

  want(text: string, limit: number): void {
    if (this.#wanted.text === text && this.#wanted.limit === limit) return;
    this.#wanted = { text, limit };
    this.#ask();
  }

  close(): void {
    this.#closed = true;
  }

  open(): void {
    this.#closed = false;
  }

  #ask(): void {
    if (this.#asking || this.#closed || !this.#wanted.text) return;
    const sent = this.#wanted;
    this.#asking = true;
    const settle = () => {
      this.#asking = false;
      // Keys typed while this one was under way: ask for what the box says now.
      if (this.#wanted !== sent) this.#ask();
    };
    call('patients.search', { query: sent.text, limit: sent.limit }).then(
      (list) => {
        if (!this.#closed && this.#wanted === sent) this.#landed(sent.text, list);
        settle();
      },
      (e: unknown) => {
        if (!this.#closed && this.#wanted === sent) this.#failed(messageOf(e));
        settle();
      },
    );
  }
}

export function usePatientSearch(query: string, options: { limit: number; onResults?: (after: PatientMatch[], before: PatientMatch[] | null) => void }) {
  const [found, setFound] = useState<Found>({ query: '', list: null });
  // The list on screen, for onResults to compare the next one with.
  const shown = useRef<PatientMatch[] | null>(null);
  useEffect(() => {
    shown.current = found.list;
  }, [found.list]);
  const [error, setError] = useState<string | null>(null);
  const onResults = useRef(options.onResults);
  useEffect(() => {
    onResults.current = options.onResults;
  });
  const [queue] = useState(() => new SearchQueue());
  const { limit } = options;
  const text = query.trim();

  useEffect(() => {
    queue.answerTo(
      (answered, list) => {
        const before = shown.current;
        setFound({ query: answered, list });
        setError(null);
        onResults.current?.(list, before);
      },
      (message) => setError(message),
    );
    queue.open();
    return () => queue.close();
  }, [queue]);

  useEffect(() => {
    queue.want(text, limit);
  }, [queue, text, limit]);

  const clear = useCallback(() => setFound({ query: '', list: null }), []);
  return {
    results: text ? found.list : null,
    /** The text `results` answer (the box may already say more). */
    resultsFor: text ? found.query : '',
    /** True while what the box says has no answer yet. */
    searching: text !== '' && found.query !== text && error === null,
    error: text ? error : null,
    clear,
  };
}
