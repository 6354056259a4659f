import { useState } from 'react';
import type { Position, PositionStatus } from '../../../../shared/contract/positions';
import { EMPLOYMENT_LABELS, EMPLOYMENT_TYPES, STAFF_ROLE_LABELS, STAFF_ROLES, type EmploymentType, type StaffRole } from '../../../../shared/domain/staff';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { SelectField, TextField } from '../../../ui/Field';
import { POSITION_STATUS_LABELS, POSITION_STATUSES } from './hiring-labels';
import { FormMessage, NoteField, useClinicToday } from './HiringParts';
import { positionsContract } from '../../../../shared/contract/positions';

interface Props {
  /** 'new' opens a position; a position edits it; null is closed. */
  position: Position | 'new' | null;
  onClose: () => void;
  onSaved: (position: Position, isNew: boolean) => void;
}

/** Open a position, or change one (title, role, status…). */
export function PositionDialog({ position, onClose, onSaved }: Props) {
  return (
    <Dialog open={position !== null} title={position === 'new' ? 'Open a position' : position ? `Edit “${position.title}”` : ''} onClose={onClose}>
      {position && <PositionForm key={position === 'new' ? 'new' : position.id} position={position === 'new' ? null : position} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function PositionForm({ position, onClose, onSaved }: { position: Position | null; onClose: () => void; onSaved: Props['onSaved'] }) {
  const today = useClinicToday();
  const [value, setValue] = useState({
    title: position?.title ?? '',
    staffRole: position?.staffRole ?? ('nurse_ma' as StaffRole),
    employmentType: position?.employmentType ?? ('full_time' as EmploymentType),
    status: position?.status ?? ('open' as PositionStatus),
    openedOn: position?.openedOn ?? today,
    note: position?.note ?? '',
  });
  const form = useFormSubmit();
  const set = <K extends keyof typeof value>(key: K, v: (typeof value)[K]) => setValue({ ...value, [key]: v });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const input = { ...(position ? { id: position.id } : {}), ...value };
    const saved = await form.submit(positionsContract['positions.save'].input, input, (i) => call('positions.save', i));
    if (saved) onSaved(saved, position === null);
  }

  return (
    <form onSubmit={save} noValidate className="stack">
      <TextField label="Job title" value={value.title} onChange={(v) => set('title', v)} error={form.errors.title} maxLength={120} placeholder="e.g. Medical assistant" autoFocus />
      <div className="form-grid hiring-form-grid">
        <SelectField label="Role" value={value.staffRole} onChange={(v) => set('staffRole', v as StaffRole)} options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))} error={form.errors.staffRole} />
        <SelectField label="Employment" value={value.employmentType} onChange={(v) => set('employmentType', v as EmploymentType)} options={EMPLOYMENT_TYPES.map((t) => ({ value: t, label: EMPLOYMENT_LABELS[t] }))} error={form.errors.employmentType} />
        <SelectField
          label="Status"
          value={value.status}
          onChange={(v) => set('status', v as PositionStatus)}
          options={POSITION_STATUSES.map((s) => ({ value: s, label: POSITION_STATUS_LABELS[s] }))}
          error={form.errors.status}
          hint="Open while you are still looking."
        />
        <TextField label="Opened on" type="date" value={value.openedOn} onChange={(v) => set('openedOn', v)} error={form.errors.openedOn} />
      </div>
      <NoteField value={value.note} onChange={(v) => set('note', v)} error={form.errors.note} hint="For example what the job needs, or why it is open." />
      <FormMessage form={form} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {position ? 'Save changes' : 'Open position'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
