import { Upload } from 'lucide-react';
import { useId, type Ref } from 'react';
import type { ImportReport } from '../../../../shared/contract/patients';
import { Button } from '../../../ui/Button';
import { Alert } from '../../../ui/Feedback';
import type { DuplicateChoice } from './CheckStep';
import { ImportProgress, type Progress } from './ImportProgress';
import { plural } from './import-fields';

export type RunState = { status: 'ready' } | { status: 'running' } | { status: 'failed'; message: string } | { status: 'done'; imported: number; skipped: number };

interface ImportStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  fileName: string;
  report: ImportReport;
  duplicates: DuplicateChoice;
  run: RunState;
  progress: Progress | null;
  onImport: () => void;
  onBack: () => void;
  onStartOver: () => void;
}

/** "Imported 1,234 patients; skipped 5 duplicates." */
export function resultText(imported: number, skipped: number): string {
  return `Imported ${plural(imported, 'patient')}${skipped > 0 ? `; skipped ${plural(skipped, 'duplicate')}` : ''}.`;
}

/** Step 4: the import itself, all or nothing, with progress. */
export function ImportStep({ headingRef, fileName, report, duplicates, run, progress, onImport, onBack, onStartOver }: ImportStepProps) {
  const titleId = useId();
  const dupCount = report.duplicates.length;
  const toImport = report.valid - (duplicates === 'skip' ? dupCount : 0);

  return (
    <section className="card stack transfer-step" aria-labelledby={titleId} aria-busy={run.status === 'running' || undefined}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1} className="transfer-step-title">
        <span className="transfer-eyebrow">Step 4 of 4</span>
        Import
      </h3>

      {(run.status === 'ready' || run.status === 'failed') && toImport === 0 && (
        <>
          <Alert tone="info">
            Every row looks like a patient already in Keel, so there is nothing new to import. To import them anyway, go back to the check and choose “Import them anyway,
            flagged in their notes”.
          </Alert>
          <div className="form-actions">
            <Button variant="primary" onClick={onBack}>
              Back to the check
            </Button>
            <Button variant="ghost" onClick={onStartOver}>
              Choose another file
            </Button>
          </div>
        </>
      )}

      {(run.status === 'ready' || run.status === 'failed') && toImport > 0 && (
        <>
          <ul className="plain-list transfer-rules">
            <li>
              {plural(toImport, 'patient')} from <strong className="transfer-file-name">{fileName}</strong> will be added, each with a new Keel record number.
            </li>
            {dupCount > 0 && duplicates === 'skip' && <li>{plural(dupCount, 'row')} that look like patients already in Keel will be skipped.</li>}
            {dupCount > 0 && duplicates === 'import' && (
              <li>{plural(dupCount, 'row')} that look like patients already in Keel will be imported too, with a note naming the record each may duplicate.</li>
            )}
            <li>Everything is saved at once: if anything goes wrong, nothing is imported and you can try again.</li>
            <li>A large file takes a minute or two; keep Keel open until it finishes.</li>
          </ul>
          {run.status === 'failed' && (
            <Alert title="Nothing was imported">
              <p className="transfer-alert-text">{run.message}</p>
            </Alert>
          )}
          <div className="form-actions">
            <Button variant="primary" icon={<Upload size={16} aria-hidden="true" />} onClick={onImport}>
              {run.status === 'failed' ? `Try again: import ${plural(toImport, 'patient')}` : `Import ${plural(toImport, 'patient')}`}
            </Button>
            <Button variant="ghost" onClick={onBack}>
              Back to the check
            </Button>
          </div>
        </>
      )}

      {run.status === 'running' && (
        <>
          <ImportProgress progress={progress} starting="Starting the import…" checkingWords="Checking the rows once more" />
          <p className="muted small">Keep Keel open until this finishes. Nothing is saved until the last step, so an interruption leaves Keel as it was.</p>
        </>
      )}

      {run.status === 'done' && (
        <>
          <Alert tone="success" title="Import finished">
            {resultText(run.imported, run.skipped)}
          </Alert>
          <div className="form-actions">
            <a className="btn btn-primary" href="#/patients">
              Go to Find a patient
            </a>
            <Button variant="ghost" onClick={onStartOver}>
              Import another file
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
