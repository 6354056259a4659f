import { useId, type Ref } from 'react';
import type { DateOrder } from '../../../../shared/contract/index';
import type { DuplicateCandidate, ImportReport } from '../../../../shared/contract/patients';
import { formatDate } from '../../../../shared/domain/format';
import { useSession } from '../../../app/session-store';
import { Button } from '../../../ui/Button';
import { Alert } from '../../../ui/Feedback';
import { ImportProgress, type Progress } from './ImportProgress';
import { count, plural } from './import-fields';

export type CheckState = { status: 'running' } | { status: 'failed'; message: string } | { status: 'done'; report: ImportReport };
export type DuplicateChoice = 'skip' | 'import';

/** The most problems the main process sends back. */
const PROBLEMS_SHOWN = 1000;

interface CheckStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  fileName: string;
  check: CheckState;
  progress: Progress | null;
  duplicates: DuplicateChoice;
  onDuplicates: (choice: DuplicateChoice) => void;
  onRetry: () => void;
  onBackToColumns: () => void;
  onChooseCorrected: () => void;
  onNext: () => void;
}

function MatchText({ match }: { match: DuplicateCandidate }) {
  const inFile = match.id.startsWith('line-');
  return (
    <>
      {match.name}
      <span className="muted">
        {inFile ? `, ${match.mrn}` : `, record ${match.mrn}`} ({match.reason === 'name_and_dob' ? 'same name and date of birth' : 'same phone and last name'})
      </span>
    </>
  );
}

/** Step 3: every row checked before anything is written; problems and likely duplicates. */
export function CheckStep(props: CheckStepProps) {
  const { headingRef, fileName, check, progress, duplicates, onDuplicates, onRetry, onBackToColumns, onChooseCorrected, onNext } = props;
  const titleId = useId();
  const problemsTitleId = useId();
  const duplicatesTitleId = useId();
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');

  return (
    <section className="card stack transfer-step" aria-labelledby={titleId} aria-busy={check.status === 'running' || undefined}>
      <div>
        <h3 id={titleId} ref={headingRef} tabIndex={-1} className="transfer-step-title">
        <span className="transfer-eyebrow">Step 3 of 4</span>
          Check the rows
        </h3>
        <p className="muted">
          Keel reads every row of <strong className="transfer-file-name">{fileName}</strong> and compares it with the patients already here. Nothing is saved in this
          step.
        </p>
      </div>

      {check.status === 'running' && <ImportProgress progress={progress} starting="Starting the check…" />}

      {check.status === 'failed' && (
        <>
          <Alert title="The file could not be checked">
            <p className="transfer-alert-text">{check.message}</p>
          </Alert>
          <div className="form-actions">
            <Button variant="primary" onClick={onRetry}>
              Try again
            </Button>
            <Button variant="ghost" onClick={onBackToColumns}>
              Back to the columns
            </Button>
            <Button variant="ghost" onClick={onChooseCorrected}>
              Choose another file
            </Button>
          </div>
        </>
      )}

      {check.status === 'done' && (
        <Report
          report={check.report}
          order={order}
          duplicates={duplicates}
          onDuplicates={onDuplicates}
          onBackToColumns={onBackToColumns}
          onChooseCorrected={onChooseCorrected}
          onNext={onNext}
          problemsTitleId={problemsTitleId}
          duplicatesTitleId={duplicatesTitleId}
        />
      )}
    </section>
  );
}

interface ReportProps {
  report: ImportReport;
  order: DateOrder;
  duplicates: DuplicateChoice;
  onDuplicates: (choice: DuplicateChoice) => void;
  onBackToColumns: () => void;
  onChooseCorrected: () => void;
  onNext: () => void;
  problemsTitleId: string;
  duplicatesTitleId: string;
}

function Report({ report, order, duplicates, onDuplicates, onBackToColumns, onChooseCorrected, onNext, problemsTitleId, duplicatesTitleId }: ReportProps) {
  const rowsWithProblems = report.rowCount - report.valid;
  const hasProblems = report.problems.length > 0 || rowsWithProblems > 0;
  const dupCount = report.duplicates.length;
  const choiceName = useId();

  return (
    <>
      <p className="transfer-summary" role="status">
        <strong>{plural(report.rowCount, 'row')}</strong>, <strong>{count(report.valid)}</strong> ready to import
        {hasProblems && (
          <>
            , <strong className="transfer-bad">{count(rowsWithProblems)}</strong> with problems
          </>
        )}
        {dupCount > 0 && (
          <>
            , <strong className="transfer-warn">{count(dupCount)}</strong> {dupCount === 1 ? 'looks' : 'look'} like {dupCount === 1 ? 'a patient' : 'patients'} already in
            Keel
          </>
        )}
        .
      </p>

      {hasProblems ? (
        <>
          <Alert title="Nothing can be imported yet">
            <p className="transfer-alert-text">
              {rowsWithProblems === 1 ? 'One row has a problem' : `${count(rowsWithProblems)} rows have problems`} (see the list below). Keel imports a file all at once or not at
              all, so correct {rowsWithProblems === 1 ? 'it' : 'them'} in your spreadsheet, save it again as CSV UTF-8, and choose the corrected file. If a whole
              column is wrong (every date, say), check the column matches instead.
            </p>
          </Alert>
          <div className="form-actions">
            <Button variant="primary" onClick={onChooseCorrected}>
              Choose the corrected file
            </Button>
            <Button variant="ghost" onClick={onBackToColumns}>
              Back to the columns
            </Button>
          </div>
          <div className="stack transfer-table-block">
            <div>
              <h4 id={problemsTitleId}>Problems</h4>
              <p className="muted small">
                {report.problems.length >= PROBLEMS_SHOWN
                  ? `Showing the first ${count(report.problems.length)} problems; in all, ${count(rowsWithProblems)} rows have problems. `
                  : ''}
                Line numbers count the header as line 1, as in your spreadsheet.
              </p>
            </div>
            <div className="table-wrap transfer-scroll" tabIndex={0} role="region" aria-labelledby={problemsTitleId}>
              <table className="table transfer-problems">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Field</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {report.problems.map((p, k) => (
                    <tr key={k}>
                      <td className="transfer-line">{count(p.line)}</td>
                      <td className="nowrap">{p.field}</td>
                      <td>{p.problem}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          {dupCount > 0 && (
            <p className="muted">
              {dupCount === 1 ? 'One row also looks' : `${count(dupCount)} rows also look`} like {dupCount === 1 ? 'a patient' : 'patients'} already in Keel; once the file is
              corrected you will choose whether to skip them.
            </p>
          )}
        </>
      ) : (
        <Alert tone="success">No problems found: every row can be imported.</Alert>
      )}

      {!hasProblems && dupCount > 0 && (
        <>
          <div className="stack transfer-table-block">
            <div>
              <h4 id={duplicatesTitleId}>Rows that look like patients already in Keel</h4>
              <p className="muted small">
                Same name and date of birth, or same phone and last name, as a record in Keel or an earlier line of this file. Check a few before you choose.
              </p>
            </div>
            <div className="table-wrap transfer-scroll" tabIndex={0} role="region" aria-labelledby={duplicatesTitleId}>
              <table className="table transfer-duplicates">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Name in the file</th>
                    <th scope="col">Date of birth</th>
                    <th scope="col">Looks like</th>
                  </tr>
                </thead>
                <tbody>
                  {report.duplicates.map((d) => (
                    <tr key={d.line}>
                      <td className="transfer-line">{count(d.line)}</td>
                      <td>{d.name}</td>
                      <td className="nowrap">{formatDate(d.dob, order)}</td>
                      <td>
                        <ul className="transfer-matches">
                          {d.matches.map((m) => (
                            <li key={m.id}>
                              <MatchText match={m} />
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <fieldset className="transfer-choice">
            <legend>What should Keel do with these {plural(dupCount, 'row')}?</legend>
            <label className="transfer-option">
              <input type="radio" name={choiceName} value="skip" checked={duplicates === 'skip'} onChange={() => onDuplicates('skip')} />
              <span>
                <strong>Skip rows that look like patients already in Keel (recommended)</strong>
                <span className="muted small">They are left out; the rest are imported.</span>
              </span>
            </label>
            <label className="transfer-option">
              <input type="radio" name={choiceName} value="import" checked={duplicates === 'import'} onChange={() => onDuplicates('import')} />
              <span>
                <strong>Import them anyway, flagged in their notes</strong>
                <span className="muted small">Each gets a note naming the record it may duplicate, so you can merge them later.</span>
              </span>
            </label>
          </fieldset>
        </>
      )}

      {!hasProblems && (
        <div className="form-actions">
          <Button variant="primary" onClick={onNext}>
            Continue
          </Button>
          <Button variant="ghost" onClick={onBackToColumns}>
            Back to the columns
          </Button>
        </div>
      )}
    </>
  );
}
