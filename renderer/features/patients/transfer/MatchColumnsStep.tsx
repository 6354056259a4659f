import { Check, X } from 'lucide-react';
import { useId, useRef, useState, type Ref } from 'react';
import type { ImportPreview } from '../../../../shared/contract/patients';
import { Button } from '../../../ui/Button';
import { Alert } from '../../../ui/Feedback';
import { columnName, count, fieldLabel, IMPORT_FIELD_LIST, mappingProblems, plural, REQUIRED_FIELDS, type Mapping } from './import-fields';

interface MatchColumnsStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  fileName: string;
  preview: ImportPreview;
  mapping: Mapping;
  /** Set when a corrected file with the same columns kept the earlier matches. */
  kept: boolean;
  onChange: (mapping: Mapping) => void;
  onBack: () => void;
  onNext: () => void;
}

const FIELD_OPTIONS = [{ value: '', label: 'Do not import' }, ...IMPORT_FIELD_LIST.map((f) => ({ value: f.key, label: f.required ? `${f.label} (required)` : f.label }))];

/** Up to three example values of a column, from the first rows of the file. */
function examplesOf(preview: ImportPreview, index: number): string[] {
  return preview.rows
    .map((row) => (row[index] ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .slice(0, 3)
    .map((v) => (v.length > 40 ? `${v.slice(0, 39)}…` : v));
}

/** Step 2: which Keel field each column of the file fills. */
export function MatchColumnsStep({ headingRef, fileName, preview, mapping, kept, onChange, onBack, onNext }: MatchColumnsStepProps) {
  const titleId = useId();
  const [tried, setTried] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const { headers } = preview;
  const problems = mappingProblems(mapping, headers);
  const twiceColumns = new Map(problems.twice.flatMap((t) => t.columns.map((c) => [c, t] as const)));
  const hasProblems = problems.missing.length > 0 || problems.twice.length > 0;
  const importedColumns = headers.filter((_, i) => (mapping[String(i)] ?? '') !== '').length;

  function next() {
    if (hasProblems) {
      setTried(true);
      summaryRef.current?.focus();
      return;
    }
    onNext();
  }

  return (
    <section className="card stack transfer-step" aria-labelledby={titleId}>
      <div>
        <h3 id={titleId} ref={headingRef} tabIndex={-1} className="transfer-step-title">
        <span className="transfer-eyebrow">Step 2 of 4</span>
          Match the columns
        </h3>
        <p className="muted">
          <strong className="transfer-file-name">{fileName}</strong>: {plural(preview.rowCount, 'patient row')}, {plural(headers.length, 'column')}. For each column,
          choose the Keel field it fills, or “Do not import”. Keel has guessed from the column names; check each one against the examples.
        </p>
      </div>
      {kept && <Alert tone="info">This file has the same columns as before, so your earlier matches are kept.</Alert>}

      <div
        ref={summaryRef}
        tabIndex={-1}
        className={hasProblems && tried ? 'transfer-required transfer-required-invalid' : 'transfer-required'}
        role={hasProblems && tried ? 'alert' : undefined}
      >
        <p className="transfer-required-title">
          {hasProblems && tried ? 'Before checking the file:' : 'Keel needs these three for every patient:'}
        </p>
        <ul className="transfer-required-list">
          {REQUIRED_FIELDS.map((f) => {
            const column = headers.findIndex((_, i) => mapping[String(i)] === f.key);
            return (
              <li key={f.key} className={column >= 0 ? 'transfer-ok' : 'transfer-missing'}>
                {column >= 0 ? <Check size={16} aria-hidden="true" /> : <X size={16} aria-hidden="true" />}
                <span>
                  <strong>{f.label}</strong>
                  {column >= 0 ? ` from “${columnName(headers, column)}”` : ' — choose the column that holds it'}
                </span>
              </li>
            );
          })}
          {problems.twice.map((t) => (
            <li key={t.field} className="transfer-missing">
              <X size={16} aria-hidden="true" />
              <span>
                <strong>{fieldLabel(t.field)}</strong> is chosen for {t.columns.length} columns ({t.columns.map((c) => `“${columnName(headers, c)}”`).join(' and ')}); keep
                it on one and set the other to another field or “Do not import”.
              </span>
            </li>
          ))}
        </ul>
      </div>

      <div className="table-wrap">
        <table className="table transfer-match">
          <caption className="sr-only">Columns of {fileName} and the Keel field each one fills</caption>
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Examples from the first rows</th>
              <th scope="col">Keel field</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((_, index) => {
              const key = String(index);
              const field = mapping[key] ?? '';
              const name = columnName(headers, index);
              const examples = examplesOf(preview, index);
              const twice = twiceColumns.get(index);
              const errorId = `${titleId}-col-${index}-error`;
              return (
                <tr key={key} className={field ? undefined : 'transfer-skipped'}>
                  <th scope="row" className="transfer-column-name">
                    {name}
                  </th>
                  <td className="transfer-examples">
                    {examples.length > 0 ? (
                      <ul>
                        {examples.map((v, k) => (
                          <li key={k}>{v}</li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">Empty in the first rows</span>
                    )}
                  </td>
                  <td className="transfer-field-cell">
                    <select
                      value={field}
                      aria-label={`Keel field for the column “${name}”`}
                      aria-invalid={twice ? true : undefined}
                      aria-describedby={twice ? errorId : undefined}
                      onChange={(e) => onChange({ ...mapping, [key]: e.target.value })}
                    >
                      {FIELD_OPTIONS.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    {twice && (
                      <p className="field-error" id={errorId}>
                        {fieldLabel(twice.field)} is also chosen for{' '}
                        {twice.columns
                          .filter((c) => c !== index)
                          .map((c) => `“${columnName(headers, c)}”`)
                          .join(' and ')}
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <div className="form-actions">
        <Button variant="primary" onClick={next}>
          Check {plural(preview.rowCount, 'row')}
        </Button>
        <Button variant="ghost" onClick={onBack}>
          Choose another file
        </Button>
        <span className="spacer" />
        <span className="muted small">
          {plural(importedColumns, 'column')} imported, {count(headers.length - importedColumns)} left out
        </span>
      </div>
    </section>
  );
}
