import { Check } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ImportPreview } from '../../../../shared/contract/patients';
import { call } from '../../../app/api';
import { CheckStep, type CheckState, type DuplicateChoice } from './CheckStep';
import { ChooseFileStep, type ChosenFile } from './ChooseFileStep';
import { ExportCard } from './ExportCard';
import { useImportProgress } from './ImportProgress';
import { ImportStep, type RunState } from './ImportStep';
import { mappingToSend, plainMessage, type Mapping } from './import-fields';
import { MatchColumnsStep } from './MatchColumnsStep';
import './transfer.css';

type Step = 1 | 2 | 3 | 4;

const STEPS: ReadonlyArray<{ step: Step; label: string }> = [
  { step: 1, label: 'Choose file' },
  { step: 2, label: 'Match columns' },
  { step: 3, label: 'Check' },
  { step: 4, label: 'Import' },
];

function StepIndicator({ current, finished }: { current: Step; finished: boolean }) {
  return (
    <ol className="transfer-steps" aria-label="Import steps">
      {STEPS.map(({ step, label }) => {
        const state = step < current || finished ? 'done' : step === current ? 'current' : 'todo';
        return (
          <li key={step} className={`transfer-steps-item transfer-steps-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="transfer-steps-number" aria-hidden="true">
              {state === 'done' ? <Check size={14} /> : step}
            </span>
            <span>
              {label}
              {state === 'done' && <span className="sr-only"> (done)</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

const sameHeaders = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((h, i) => h.toLowerCase() === b[i]?.toLowerCase());

/**
 * Import and export (office manager): bring the old system's patients over from a
 * CSV file in four guided steps, and export the directory as CSV.
 */
export function TransferPage() {
  const [step, setStep] = useState<Step>(1);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [keptMapping, setKeptMapping] = useState(false);
  const [again, setAgain] = useState(false);
  const [check, setCheck] = useState<CheckState>({ status: 'running' });
  const [duplicates, setDuplicates] = useState<DuplicateChoice>('skip');
  const [run, setRun] = useState<RunState>({ status: 'ready' });
  const [progress, resetProgress] = useImportProgress();

  // Each step's heading takes the focus when the step changes, so keyboard and screen-reader users start at its top.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focused = useRef(`${step}-${again}`);
  useEffect(() => {
    const shown = `${step}-${again}`;
    if (focused.current === shown) return;
    focused.current = shown;
    headingRef.current?.focus();
  }, [step, again]);

  function chosen(next: ChosenFile, nextPreview: ImportPreview) {
    const keep = preview !== null && sameHeaders(preview.headers, nextPreview.headers);
    setFile(next);
    setPreview(nextPreview);
    setKeptMapping(keep);
    if (!keep) setMapping(Object.fromEntries(nextPreview.headers.map((_, i) => [String(i), nextPreview.suggested[String(i)] ?? ''])));
    setRun({ status: 'ready' });
    setStep(2);
  }

  async function runCheck() {
    if (!file) return;
    resetProgress();
    setCheck({ status: 'running' });
    setDuplicates('skip');
    setStep(3);
    try {
      const report = await call('patients.importCheck', { csv: file.csv, mapping: mappingToSend(mapping) });
      setCheck({ status: 'done', report });
    } catch (e) {
      setCheck({ status: 'failed', message: plainMessage(e) });
    }
  }

  async function runImport() {
    if (!file) return;
    resetProgress();
    setRun({ status: 'running' });
    try {
      const result = await call('patients.importRun', { csv: file.csv, mapping: mappingToSend(mapping), duplicates });
      setRun({ status: 'done', ...result });
    } catch (e) {
      setRun({ status: 'failed', message: plainMessage(e) });
    }
  }

  function chooseAgain(corrected: boolean) {
    setAgain(corrected);
    setStep(1);
  }

  function startOver() {
    setFile(null);
    setPreview(null);
    setMapping({});
    setKeptMapping(false);
    setAgain(false);
    setRun({ status: 'ready' });
    setStep(1);
  }

  return (
    <div className="stack transfer-page">
      <section className="stack" aria-labelledby="transfer-import-title">
        <div className="transfer-intro">
          <h2 id="transfer-import-title" className="transfer-title">
            Import patients from a CSV file
          </h2>
          <StepIndicator current={step} finished={step === 4 && run.status === 'done'} />
        </div>
        {step === 1 && (
          <ChooseFileStep headingRef={headingRef} again={again} onChosen={chosen} onCancel={again && check.status === 'done' ? () => setStep(3) : undefined} />
        )}
        {step === 2 && file && preview && (
          <MatchColumnsStep
            headingRef={headingRef}
            fileName={file.name}
            preview={preview}
            mapping={mapping}
            kept={keptMapping}
            onChange={(next) => {
              setMapping(next);
              setKeptMapping(false);
            }}
            onBack={() => chooseAgain(false)}
            onNext={() => void runCheck()}
          />
        )}
        {step === 3 && file && (
          <CheckStep
            headingRef={headingRef}
            fileName={file.name}
            check={check}
            progress={progress}
            duplicates={duplicates}
            onDuplicates={setDuplicates}
            onRetry={() => void runCheck()}
            onBackToColumns={() => setStep(2)}
            onChooseCorrected={() => chooseAgain(true)}
            onNext={() => {
              setRun({ status: 'ready' });
              setStep(4);
            }}
          />
        )}
        {step === 4 && file && check.status === 'done' && (
          <ImportStep
            headingRef={headingRef}
            fileName={file.name}
            report={check.report}
            duplicates={duplicates}
            run={run}
            progress={progress}
            onImport={() => void runImport()}
            onBack={() => setStep(3)}
            onStartOver={startOver}
          />
        )}
      </section>
      <ExportCard />
    </div>
  );
}
