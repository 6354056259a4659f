import { useId, useState, type Ref } from 'react';
import type { ImportPreview } from '../../../../shared/contract/patients';
import { MAX_IMPORT_ROWS } from '../../../../shared/domain/patients';
import { call } from '../../../app/api';
import { Alert, Loading } from '../../../ui/Feedback';
import { count, plainMessage } from './import-fields';
import { FileReadError, readCsvFile } from './read-file';

export interface ChosenFile {
  name: string;
  csv: string;
}

interface ChooseFileStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  /** After problems were found: the person is bringing the corrected file. */
  again: boolean;
  onChosen: (file: ChosenFile, preview: ImportPreview) => void;
  onCancel?: (() => void) | undefined;
}

/** Step 1: the old system's CSV export, read here and previewed by the main process. */
export function ChooseFileStep({ headingRef, again, onChosen, onCancel }: ChooseFileStepProps) {
  const titleId = useId();
  const inputId = useId();
  const hintId = useId();
  const [reading, setReading] = useState<string | null>(null);
  const [error, setError] = useState<{ file: string; message: string } | null>(null);

  async function choose(file: File) {
    setError(null);
    setReading(file.name);
    try {
      const csv = await readCsvFile(file);
      const preview = await call('patients.importPreview', { csv });
      setReading(null);
      onChosen({ name: file.name, csv }, preview);
    } catch (e) {
      setReading(null);
      setError({ file: file.name, message: e instanceof FileReadError ? e.message : plainMessage(e) });
    }
  }

  return (
    <section className="card stack transfer-step" aria-labelledby={titleId}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1} className="transfer-step-title">
        <span className="transfer-eyebrow">Step 1 of 4</span>
        {again ? 'Choose the corrected file' : 'Choose the file from your old system'}
      </h3>
      {again ? (
        <p>
          Correct the rows in your spreadsheet, save it again as CSV UTF-8, and choose it here. If its columns are the same, your column matches are kept.
        </p>
      ) : (
        <div className="stack transfer-explain">
          <p>Export your patients from the old system as a CSV file (most systems call it “Export to CSV” or “Export to Excel”), then choose that file here.</p>
          <ul className="plain-list transfer-rules">
            <li>
              Saved as <strong>CSV UTF-8</strong>, so names with accents arrive intact. In Excel: Save As → CSV UTF-8.
            </li>
            <li>The first line names the columns, for example “First name, Last name, Date of birth”.</li>
            <li>At most {count(MAX_IMPORT_ROWS)} patients and 28 MB in one file; split a bigger file.</li>
            <li>Nothing is saved until the last step: you match the columns and see every problem first.</li>
          </ul>
        </div>
      )}
      <div className="field transfer-file">
        <label htmlFor={inputId}>CSV file</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={hintId}
          aria-invalid={error ? true : undefined}
          disabled={reading !== null}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared, so choosing the same file again (after correcting it) reads it again.
            e.target.value = '';
            if (file) void choose(file);
          }}
        />
        <p className="field-hint" id={hintId}>
          A .csv file with a header row. Other spreadsheet formats (.xlsx) must be saved as CSV first.
        </p>
      </div>
      {reading && <Loading label={`Reading ${reading}…`} />}
      {error && (
        <Alert title={`${error.file} cannot be imported`}>
          <p className="transfer-alert-text">{error.message}</p>
        </Alert>
      )}
      {onCancel && (
        <div className="form-actions">
          <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={reading !== null}>
            Back to the check
          </button>
        </div>
      )}
    </section>
  );
}
