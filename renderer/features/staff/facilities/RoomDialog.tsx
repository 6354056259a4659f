import { useState } from 'react';
import type { Room } from '../../../../shared/contract/rooms';
import { ROOM_KIND_LABELS, ROOM_KINDS, type RoomKind } from '../../../../shared/domain/staff';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert } from '../../../ui/Feedback';
import { SelectField, TextField } from '../../../ui/Field';
import { clearError, formSummary } from './form-message';
import { roomsContract } from '../../../../shared/contract/rooms';

const KIND_OPTIONS = ROOM_KINDS.map((k) => ({ value: k, label: ROOM_KIND_LABELS[k] }));

interface Props {
  open: boolean;
  /** null adds a new room. */
  room: Room | null;
  onClose: () => void;
  onSaved: (room: Room, added: boolean) => void;
}

/** Add a room, or change or retire one. */
export function RoomDialog({ open, room, onClose, onSaved }: Props) {
  // The form mounts afresh each time the dialog opens, so it starts from the room as it is now.
  return (
    <Dialog open={open} title={room ? `Edit ${room.name}` : 'Add a room'} onClose={onClose}>
      <RoomForm key={room?.id ?? 'new'} room={room} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function RoomForm({ room, onClose, onSaved }: Omit<Props, 'open'>) {
  const [value, setValue] = useState({
    name: room?.name ?? '',
    kind: room?.kind ?? ('exam' as RoomKind),
    note: room?.note ?? '',
    active: room?.active ?? true,
  });
  const form = useFormSubmit();
  const set = <K extends keyof typeof value>(key: K, v: (typeof value)[K]) => {
    setValue({ ...value, [key]: v });
    clearError(form, key);
  };

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const input = { ...(room ? { id: room.id } : {}), ...value };
    const saved = await form.submit(roomsContract['rooms.save'].input, input, (i) => call('rooms.save', i));
    if (saved) onSaved(saved, room === null);
  }

  return (
    <form onSubmit={save} noValidate className="stack">
      <TextField label="Name" value={value.name} onChange={(v) => set('name', v)} error={form.errors.name} maxLength={60} autoComplete="off" autoFocus />
      <SelectField label="Kind of room" value={value.kind} onChange={(v) => set('kind', v as RoomKind)} options={KIND_OPTIONS} error={form.errors.kind} />
      <TextField label="Note (optional)" value={value.note} onChange={(v) => set('note', v)} error={form.errors.note} maxLength={300} autoComplete="off" />
      <label className="checkbox">
        <input type="checkbox" checked={value.active} onChange={(e) => set('active', e.target.checked)} />
        <span>
          In use <span className="muted small">(untick to retire the room; it stays in the history)</span>
        </span>
      </label>
      {formSummary(form) && <Alert>{formSummary(form)}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {room ? 'Save changes' : 'Add room'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
