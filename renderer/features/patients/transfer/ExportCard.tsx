import { Download } from 'lucide-react';
import { useId, useState } from 'react';
import { call, messageOf } from '../../../app/api';
import { Button } from '../../../ui/Button';
import { Alert } from '../../../ui/Feedback';
import { plural } from './import-fields';

/** Hands the text to the browser as a download, the way saveFile does for binary files. */
function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The patient directory as one CSV file (manager only; every export is audited). */
export function ExportCard() {
  const titleId = useId();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function exportNow() {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      const file = await call('patients.export', includeInactive ? { includeInactive: true } : {});
      downloadText(file.fileName, file.csv);
      setNotice(`Saved ${file.fileName} (${plural(file.rows, 'patient')}).`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack transfer-export" aria-labelledby={titleId}>
      <div>
        <h2 id={titleId}>Export the patient directory</h2>
        <p className="muted">
          One CSV file with every patient’s record number, name, date of birth, sex, phones, email, address and insurance (no notes). It opens in any
          spreadsheet program. Each export is recorded in the audit log under your name: keep the file somewhere safe and delete it when you no longer need it.
        </p>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} disabled={busy} />
        Include inactive patients (moved away, deceased)
      </label>
      <div className="form-actions">
        <Button variant="secondary" icon={<Download size={16} aria-hidden="true" />} busy={busy} onClick={() => void exportNow()}>
          {busy ? 'Exporting…' : 'Export the directory'}
        </Button>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <Alert title="Nothing was exported">{error}</Alert>}
    </section>
  );
}
