import { useCallback, useEffect, useId, useState } from 'react';
import type { EventPayload } from '../../../../shared/contract/index';
import { subscribe } from '../../../app/api';
import { count } from './import-fields';

export type Progress = EventPayload<'import.progress'>;

/**
 * The latest 'import.progress' from the main process. Subscribed for as long as the
 * page is open, so the first report of a check or an import is not missed.
 */
export function useImportProgress(): [Progress | null, () => void] {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => subscribe('import.progress', setProgress), []);
  const reset = useCallback(() => setProgress(null), []);
  return [progress, reset];
}

const PHASE_WORDS: Record<Progress['phase'], string> = {
  checking: 'Checking',
  staging: 'Importing',
  saving: 'Saving',
};

/**
 * A progress bar with its words: "Importing… 12,000 of 40,000". Without a report
 * yet, or while saving (one all-or-nothing step), the bar is indeterminate.
 */
export function ImportProgress({ progress, starting, checkingWords = 'Checking' }: { progress: Progress | null; starting: string; checkingWords?: string }) {
  const id = useId();
  const known = progress && progress.phase !== 'saving' && progress.total > 0;
  let words = starting;
  if (progress?.phase === 'saving') words = 'Saving… (the last step; every patient is saved at once, or none)';
  else if (progress && known) words = `${progress.phase === 'checking' ? checkingWords : PHASE_WORDS[progress.phase]}… ${count(progress.done)} of ${count(progress.total)}`;
  return (
    <div className="transfer-progress" role="status">
      <label htmlFor={id}>{words}</label>
      {known ? <progress key={progress.phase} id={id} max={progress.total} value={progress.done} /> : <progress key="indeterminate" id={id} />}
    </div>
  );
}
