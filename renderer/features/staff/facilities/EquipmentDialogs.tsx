import { useState } from 'react';
import type { Equipment } from '../../../../shared/contract/equipment';
import { formatDate } from '../../../../shared/domain/format';
import { dateInZone, addMonths } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert } from '../../../ui/Feedback';
import { FieldFrame, SelectField, TextField } from '../../../ui/Field';
import { clearError, formSummary } from './form-message';
import { equipmentContract } from '../../../../shared/contract/equipment';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The last service plus the interval, when both are filled in sensibly. */
function computedNext(last: string, interval: string): string | null {
  const months = Number(interval);
  if (!DATE_RE.test(last) || interval.trim() === '' || !Number.isInteger(months) || months < 1 || months > 120) return null;
  return addMonths(last, months);
}

function NoteField({ label, value, onChange, error, maxLength }: { label: string; value: string; onChange: (v: string) => void; error: string | undefined; maxLength: number }) {
  return (
    <FieldFrame label={label} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="facilities-note"
          rows={2}
          maxLength={maxLength}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      )}
    </FieldFrame>
  );
}

interface EquipmentProps {
  open: boolean;
  /** null adds new equipment. */
  item: Equipment | null;
  onClose: () => void;
  onSaved: (item: Equipment, added: boolean) => void;
}

/** Add a piece of equipment, or change or retire one. */
export function EquipmentDialog({ open, item, onClose, onSaved }: EquipmentProps) {
  return (
    <Dialog open={open} title={item ? `Edit ${item.name}` : 'Add equipment'} onClose={onClose} wide>
      <EquipmentForm key={item?.id ?? 'new'} item={item} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function EquipmentForm({ item, onClose, onSaved }: Omit<EquipmentProps, 'open'>) {
  const clinic = useSession((s) => s.clinic);
  const order = clinic?.dateOrder ?? 'MDY';
  const { data: rooms, error: roomsError } = useLoad(() => call('rooms.list', { includeInactive: true }), 'rooms-all');
  const lastInit = item?.lastServiceOn ?? '';
  const intervalInit = item?.serviceIntervalMonths ? String(item.serviceIntervalMonths) : '';
  // A next date that is just "last plus interval" starts empty, so it follows a change to either.
  const nextInit = item?.nextServiceOn && item.nextServiceOn !== computedNext(lastInit, intervalInit) ? item.nextServiceOn : '';
  const [value, setValue] = useState({
    name: item?.name ?? '',
    serialNumber: item?.serialNumber ?? '',
    roomId: item?.roomId ?? '',
    interval: intervalInit,
    lastServiceOn: lastInit,
    nextServiceOn: nextInit,
    outOfService: item?.outOfService ?? false,
    note: item?.note ?? '',
    active: item?.active ?? true,
  });
  const form = useFormSubmit();
  const set = <K extends keyof typeof value>(key: K, v: (typeof value)[K]) => {
    setValue({ ...value, [key]: v });
    clearError(form, key === 'interval' ? 'serviceIntervalMonths' : key);
  };

  const roomOptions = [
    { value: '', label: 'No room' },
    ...(rooms ?? []).filter((r) => r.active || r.id === value.roomId).map((r) => ({ value: r.id, label: r.active ? r.name : `${r.name} (retired)` })),
  ];
  // Until the rooms arrive, keep the current room selectable so the choice is not lost.
  if (!rooms && item?.roomId && item.roomName) roomOptions.push({ value: item.roomId, label: item.roomName });

  const preview = value.nextServiceOn === '' ? computedNext(value.lastServiceOn, value.interval) : null;
  const nextHint = preview ? `Leave empty to use the last service plus the interval (${formatDate(preview, order)}).` : 'Leave empty to use the last service plus the interval.';

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const input = {
      ...(item ? { id: item.id } : {}),
      name: value.name,
      serialNumber: value.serialNumber,
      roomId: value.roomId || null,
      serviceIntervalMonths: value.interval.trim() === '' ? null : Number(value.interval),
      lastServiceOn: value.lastServiceOn || null,
      nextServiceOn: value.nextServiceOn || null,
      outOfService: value.outOfService,
      note: value.note,
      active: value.active,
    };
    const saved = await form.submit(equipmentContract['equipment.save'].input, input, (i) => call('equipment.save', i));
    if (saved) onSaved(saved, item === null);
  }

  return (
    <form onSubmit={save} noValidate className="stack">
      <div className="form-grid facilities-form-grid">
        <TextField label="Name" value={value.name} onChange={(v) => set('name', v)} error={form.errors.name} maxLength={100} autoComplete="off" autoFocus />
        <TextField label="Serial number (optional)" value={value.serialNumber} onChange={(v) => set('serialNumber', v)} error={form.errors.serialNumber} maxLength={80} autoComplete="off" spellCheck={false} />
        <SelectField label="Room" value={value.roomId} onChange={(v) => set('roomId', v)} options={roomOptions} error={form.errors.roomId ?? (roomsError ? `Could not load the rooms: ${roomsError}` : undefined)} />
        <TextField
          label="Service every (months)"
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          step={1}
          value={value.interval}
          onChange={(v) => set('interval', v)}
          error={form.errors.serviceIntervalMonths}
          hint="Leave empty if it has no regular service."
        />
        <TextField label="Last service" type="date" value={value.lastServiceOn} onChange={(v) => set('lastServiceOn', v)} error={form.errors.lastServiceOn} hint="Leave empty if not known." />
        <TextField label="Next service" type="date" value={value.nextServiceOn} onChange={(v) => set('nextServiceOn', v)} error={form.errors.nextServiceOn} hint={nextHint} />
        <div className="span-2">
          <NoteField label="Note (optional)" value={value.note} onChange={(v) => set('note', v)} error={form.errors.note} maxLength={500} />
        </div>
      </div>
      <div className="facilities-checks">
        <label className="checkbox">
          <input type="checkbox" checked={value.outOfService} onChange={(e) => set('outOfService', e.target.checked)} />
          <span>
            Out of service <span className="muted small">(broken or waiting for repair; do not use)</span>
          </span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={value.active} onChange={(e) => set('active', e.target.checked)} />
          <span>
            In use <span className="muted small">(untick to retire it; it stays in the history)</span>
          </span>
        </label>
      </div>
      {formSummary(form) && <Alert>{formSummary(form)}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {item ? 'Save changes' : 'Add equipment'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

interface ServiceProps {
  item: Equipment | null;
  onClose: () => void;
  onSaved: (item: Equipment) => void;
}

/** Record a service or calibration; the server moves the next one on by the interval. */
export function RecordServiceDialog({ item, onClose, onSaved }: ServiceProps) {
  return (
    <Dialog open={item !== null} title={item ? `Record service: ${item.name}` : ''} onClose={onClose}>
      {item && <RecordServiceForm key={item.id} item={item} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function RecordServiceForm({ item, onClose, onSaved }: { item: Equipment; onClose: () => void; onSaved: (item: Equipment) => void }) {
  const clinic = useSession((s) => s.clinic);
  const order = clinic?.dateOrder ?? 'MDY';
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : new Date().toISOString().slice(0, 10);
  const [servicedOn, setServicedOn] = useState(today);
  const [note, setNote] = useState('');
  const form = useFormSubmit();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const saved = await form.submit(equipmentContract['equipment.recordService'].input, { id: item.id, servicedOn, note }, (i) => call('equipment.recordService', i));
    if (saved) onSaved(saved);
  }

  const interval = item.serviceIntervalMonths;
  return (
    <form onSubmit={save} noValidate className="stack">
      <p className="muted facilities-service-facts">
        {item.lastServiceOn ? `Last service ${formatDate(item.lastServiceOn, order)}.` : 'No service recorded yet.'}{' '}
        {interval ? `The next one will be due ${interval} ${interval === 1 ? 'month' : 'months'} after this one.` : 'It has no service interval, so no next date will be set.'}
      </p>
      <TextField
        label="Date of service"
        type="date"
        value={servicedOn}
        max={today}
        min={item.lastServiceOn ?? undefined}
        onChange={(v) => {
          setServicedOn(v);
          clearError(form, 'servicedOn');
        }}
        error={form.errors.servicedOn}
        autoFocus
      />
      <NoteField
        label="What was done (optional)"
        value={note}
        onChange={(v) => {
          setNote(v);
          clearError(form, 'note');
        }}
        error={form.errors.note}
        maxLength={500}
      />
      {formSummary(form) && <Alert>{formSummary(form)}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Record service
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
