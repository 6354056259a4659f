import { useEffect, useState } from 'react';
import { rosterContract } from '../../../../shared/contract/roster';
import type { RosterPerson, RosterWarning, Shift } from '../../../../shared/contract/roster';
import { minutesOfDay, addDays } from '../../../../shared/domain/time';
import { call, messageOf } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert } from '../../../ui/Feedback';
import { SelectField, TextField } from '../../../ui/Field';

export interface ShiftDraft {
  shift: Shift | null;
  staffId: string;
  date: string;
}

interface Props {
  draft: ShiftDraft | null;
  people: RosterPerson[];
  onClose: () => void;
  /** After a save or delete; warnings of the saved shift, if any. */
  onSaved: (message: string, warnings: RosterWarning[]) => void;
}

/** Add or change one shift; its warnings show while editing, before saving. */
export function ShiftDialog({ draft, people, onClose, onSaved }: Props) {
  return (
    <Dialog open={draft !== null} title={draft?.shift ? 'Change shift' : 'Add a shift'} onClose={onClose}>
      {draft && <ShiftForm draft={draft} people={people} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function ShiftForm({ draft, people, onClose, onSaved }: Omit<Props, 'draft'> & { draft: ShiftDraft }) {
  const [staffId, setStaffId] = useState(draft.staffId);
  const [date, setDate] = useState(draft.shift ? draft.shift.start.slice(0, 10) : draft.date);
  const [start, setStart] = useState(draft.shift ? draft.shift.start.slice(11) : '08:00');
  const [end, setEnd] = useState(draft.shift ? draft.shift.end.slice(11) : '17:00');
  const [breakMinutes, setBreak] = useState(String(draft.shift?.breakMinutes ?? 30));
  const [note, setNote] = useState(draft.shift?.note ?? '');
  const [preview, setPreview] = useState<RosterWarning[]>([]);
  const [deleting, setDeleting] = useState(false);
  const form = useFormSubmit();

  const nextDay = start && end && minutesOfDay(end) <= minutesOfDay(start);
  const input = {
    ...(draft.shift ? { id: draft.shift.id } : {}),
    staffId,
    start: `${date}T${start}`,
    end: `${nextDay ? addDays(date, 1) : date}T${end}`,
    breakMinutes: breakMinutes === '' ? Number.NaN : Number(breakMinutes),
    note,
  };
  const key = JSON.stringify(input);

  // Warnings while editing: the main process checks the draft without saving it.
  useEffect(() => {
    const parsed = rosterContract['roster.checkShift'].input.safeParse(JSON.parse(key));
    if (!parsed.success) return;
    let current = true;
    const timer = setTimeout(() => {
      call('roster.checkShift', JSON.parse(key) as typeof input).then(
        (warnings) => current && setPreview(warnings),
        () => current && setPreview([]),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const saved = await form.submit(rosterContract['roster.saveShift'].input, input, (i) => call('roster.saveShift', i));
    if (saved) onSaved(draft.shift ? 'Shift changed.' : 'Shift added.', saved.warnings);
  }

  async function remove() {
    if (!draft.shift) return;
    setDeleting(true);
    try {
      await call('roster.deleteShift', { id: draft.shift.id });
      onSaved('Shift removed.', []);
    } catch (e) {
      form.setMessage(messageOf(e));
    } finally {
      setDeleting(false);
    }
  }

  return (
    <form onSubmit={save} noValidate className="stack">
      <SelectField label="Person" value={staffId} onChange={setStaffId} options={people.map((p) => ({ value: p.id, label: p.fullName }))} error={form.errors.staffId} />
      <TextField label="Date" type="date" value={date} onChange={setDate} error={form.errors.start && !form.errors.end ? form.errors.start : undefined} />
      <div className="form-grid">
        <TextField label="Starts" type="time" step={300} value={start} onChange={setStart} />
        <TextField label="Ends" type="time" step={300} value={end} onChange={setEnd} error={form.errors.end} hint={nextDay ? 'Ends the next day' : undefined} />
        <TextField label="Unpaid break (minutes)" type="number" min={0} max={480} step={5} value={breakMinutes} onChange={setBreak} error={form.errors.breakMinutes} />
        <TextField label="Note" value={note} onChange={setNote} maxLength={200} error={form.errors.note} />
      </div>
      {preview.length > 0 && (
        <Alert tone="warning" title={preview.length === 1 ? 'Warning' : `${preview.length} warnings`}>
          <ul className="plain-list">
            {preview.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
          <div className="small">You can still save; the roster will keep showing the warning.</div>
        </Alert>
      )}
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {draft.shift ? 'Save shift' : 'Add shift'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
        <span className="spacer" />
        {draft.shift && (
          <Button variant="danger" onClick={() => void remove()} busy={deleting}>
            Remove shift
          </Button>
        )}
      </div>
    </form>
  );
}
