import { useEffect, useState } from 'react';
import type { Patient, PatientMatch } from '../../../../shared/contract/patients';
import { call, messageOf } from '../../../app/api';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';
import { PatientLine } from '../PatientSummary';

interface Props {
  open: boolean;
  keep: Patient;
  onClose: () => void;
  onMerged: (otherName: string) => void;
}

/** The manager finds the duplicate record and merges it into the one being looked at. */
export function MergeDialog(props: Props) {
  return (
    <Dialog open={props.open} title="Merge a duplicate into this record" onClose={props.onClose} wide>
      {props.open && <MergeForm {...props} />}
    </Dialog>
  );
}

function MergeForm({ keep, onClose, onMerged }: Props) {
  const [query, setQuery] = useState(`${keep.lastName} ${keep.firstName.slice(0, 2)}`);
  const [found, setFound] = useState<PatientMatch[]>([]);
  const [chosen, setChosen] = useState<PatientMatch | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      if (!query.trim()) return;
      call('patients.search', { query, limit: 10, includeInactive: true }).then(
        (list) => current && setFound(list.filter((p) => p.id !== keep.id)),
        (e: unknown) => current && setProblem(messageOf(e)),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, keep.id]);

  async function merge() {
    if (!chosen) return;
    setBusy(true);
    setProblem(null);
    try {
      await call('patients.merge', { keepId: keep.id, mergeId: chosen.id });
      onMerged(`${chosen.name} (record ${chosen.mrn})`);
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <p>
        Keeping <strong>{keep.lastName}, {keep.firstName}</strong> (record {keep.mrn}). Everything attached to the duplicate — concerns now, appointments and charges later — moves here; the duplicate is retired
        with a pointer to this record. Both records’ histories will show the merge.
      </p>
      <TextField label="Find the duplicate record" type="search" value={query} onChange={setQuery} autoComplete="off" />
      <fieldset>
        <legend className="sr-only">Records found</legend>
        {found.length === 0 && <p className="muted">No other record matches.</p>}
        <div className="merge-choices">
          {found.map((p) => (
            <label key={p.id} className={chosen?.id === p.id ? 'merge-choice merge-choice-active' : 'merge-choice'}>
              <input type="radio" name="duplicate" checked={chosen?.id === p.id} onChange={() => setChosen(p)} />
              <PatientLine patient={p} />
            </label>
          ))}
        </div>
      </fieldset>
      {problem && <Alert>{problem}</Alert>}
      {chosen && (
        <Alert tone="warning" title="This cannot be undone">
          {chosen.name} (record {chosen.mrn}) will be merged into {keep.lastName}, {keep.firstName} (record {keep.mrn}).
        </Alert>
      )}
      <div className="form-actions">
        <Button variant="danger" onClick={() => void merge()} disabled={!chosen} busy={busy}>
          Merge into this record
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </div>
  );
}
