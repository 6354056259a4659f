import { CalendarPlus } from 'lucide-react';
import { useState } from 'react';
import type { AppointmentType } from '../../../shared/contract/appointment-types';
import { MAX_APPOINTMENT_MINUTES } from '../../../shared/domain/appointments';
import { roleHas } from '../../../shared/domain/permissions';
import { ROOM_KIND_LABELS, ROOM_KINDS, STAFF_ROLE_LABELS, STAFF_ROLES, type RoomKind, type StaffRole } from '../../../shared/domain/staff';
import { call } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { useSession } from '../../app/session-store';
import { useLoad } from '../../app/useLoad';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../ui/Feedback';
import { FieldFrame, SelectField, TextField } from '../../ui/Field';
import './appointment-types.css';
import { appointmentTypesContract } from '../../../shared/contract/appointment-types';
import { scheduleSettingsContract } from '../../../shared/contract/schedule-settings';

const NEW_COLOUR = '#1d4e89';

/** "Exam room", or "No room needed" when the type needs none. */
function roomNeeded(kind: RoomKind | null): string {
  return kind ? `${ROOM_KIND_LABELS[kind]} room` : 'No room needed';
}

/** "15 min", "1 h", "1 h 30 min". */
function minutesLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const ROOM_OPTIONS = [{ value: '', label: 'No room needed' }, ...ROOM_KINDS.map((k) => ({ value: k, label: roomNeeded(k) }))];

/** Settings → Appointments: the kinds of appointment the front desk can book, and the late-cancel notice. */
export function AppointmentTypesSettings() {
  const me = useSession((s) => s.me);
  if (!me || !roleHas(me.user.role, 'schedule.types')) {
    return <Alert title="Appointment settings are for the office manager">Ask the office manager to add or change an appointment type.</Alert>;
  }
  return (
    <div className="stack">
      <AppointmentTypesCard />
      <LateCancelCard />
    </div>
  );
}

function AppointmentTypesCard() {
  const { data, error, reload } = useLoad(() => call('appointmentTypes.list', { includeRetired: true }), 'settings-appointment-types');
  const [editing, setEditing] = useState<AppointmentType | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const types = (data ?? []).slice().sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));

  return (
    <section className="card stack" aria-labelledby="appointment-types-title">
      <div className="section-header">
        <div>
          <h2 id="appointment-types-title">Appointment types</h2>
          <p className="muted">What can be booked: how long it takes, the color on the calendar, the room it needs and who may see the patient.</p>
        </div>
        <Button
          variant="primary"
          icon={<CalendarPlus size={16} aria-hidden="true" />}
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          Add a type
        </Button>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      <LoadError error={error} onRetry={reload} title="The appointment types could not be loaded" />
      {!data && !error && <Loading label="Loading the appointment types…" />}
      {data && data.length === 0 && <EmptyState title="No appointment types yet">Add one, such as “Follow-up, 15 minutes”, before booking the first appointment.</EmptyState>}
      {data && data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Appointment types</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Length</th>
                <th scope="col">Room</th>
                <th scope="col">Who may be booked</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {types.map((t) => (
                <tr key={t.id} className={t.active ? undefined : 'row-inactive'}>
                  <td>
                    <span className="person-cell">
                      <span className="swatch apptype-swatch" style={{ background: t.colour }} aria-hidden="true" />
                      <strong>{t.name}</strong>
                    </span>
                  </td>
                  <td className="nowrap">{minutesLabel(t.durationMinutes)}</td>
                  <td className="nowrap">{roomNeeded(t.roomKind)}</td>
                  <td>{t.providerRoles.map((r) => STAFF_ROLE_LABELS[r]).join(', ')}</td>
                  <td>{t.active ? <Badge tone="good">Active</Badge> : <Badge tone="neutral">Retired</Badge>}</td>
                  <td className="cell-actions">
                    <Button
                      variant="ghost"
                      onClick={() => {
                        setNotice(null);
                        setEditing(t);
                      }}
                      aria-label={`Edit ${t.name}`}
                    >
                      Edit
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog open={editing !== null} title={editing === 'new' ? 'Add an appointment type' : editing ? `Edit ${editing.name}` : ''} onClose={() => setEditing(null)}>
        {editing !== null && (
          <TypeForm
            key={editing === 'new' ? 'new' : editing.id}
            type={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
            onSaved={(saved, before) => {
              setEditing(null);
              setNotice(savedMessage(saved, before));
              reload();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function savedMessage(saved: AppointmentType, before: AppointmentType | null): string {
  if (!before) return `“${saved.name}” added. It can be booked now.`;
  if (before.active && !saved.active) return `“${saved.name}” retired. It can no longer be chosen for new bookings; appointments already made with it stay as they are.`;
  if (!before.active && saved.active) return `“${saved.name}” is active again and can be booked.`;
  return `“${saved.name}” saved.`;
}

interface Draft {
  name: string;
  duration: string;
  colour: string;
  roomKind: RoomKind | '';
  providerRoles: StaffRole[];
  active: boolean;
}

function draftOf(type: AppointmentType | null): Draft {
  if (!type) return { name: '', duration: '15', colour: NEW_COLOUR, roomKind: 'exam', providerRoles: ['physician', 'np_pa'], active: true };
  return { name: type.name, duration: String(type.durationMinutes), colour: type.colour, roomKind: type.roomKind ?? '', providerRoles: type.providerRoles, active: type.active };
}

function TypeForm({ type, onClose, onSaved }: { type: AppointmentType | null; onClose: () => void; onSaved: (saved: AppointmentType, before: AppointmentType | null) => void }) {
  const [value, setValue] = useState(() => draftOf(type));
  const form = useFormSubmit();
  const set = <K extends keyof Draft>(key: K, v: Draft[K]) => setValue((d) => ({ ...d, [key]: v }));

  function toggleRole(role: StaffRole, on: boolean) {
    // Keep the roles in their usual order, whatever order they were ticked in.
    set('providerRoles', STAFF_ROLES.filter((r) => (r === role ? on : value.providerRoles.includes(r))));
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const duration = value.duration.trim();
    if (duration === '' || !/^\d+$/.test(duration)) {
      form.setErrors({ durationMinutes: duration === '' ? 'Required' : 'Use a whole number of minutes' });
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    const input = {
      ...(type ? { id: type.id } : {}),
      name: value.name,
      durationMinutes: Number(duration),
      colour: value.colour,
      roomKind: value.roomKind === '' ? null : value.roomKind,
      providerRoles: value.providerRoles,
      active: value.active,
    };
    const saved = await form.submit(appointmentTypesContract['appointmentTypes.save'].input, input, (i) => call('appointmentTypes.save', i));
    if (saved) onSaved(saved, type);
  }

  return (
    <form onSubmit={save} noValidate className="stack">
      <TextField label="Name" value={value.name} onChange={(v) => set('name', v)} error={form.errors.name} maxLength={80} hint="As the front desk will see it, e.g. “Follow-up” or “Flu clinic”." />
      <div className="apptype-pair">
        <TextField
          label="Length (minutes)"
          type="number"
          inputMode="numeric"
          min={5}
          max={MAX_APPOINTMENT_MINUTES}
          step={5}
          value={value.duration}
          onChange={(v) => set('duration', v)}
          error={form.errors.durationMinutes}
          hint="In steps of 5 minutes. Each booking can still be made longer or shorter."
        />
        <FieldFrame label="Color on the calendar" error={form.errors.colour}>
          {({ id, describedBy, invalid }) => (
            <span className="apptype-colour">
              <input id={id} type="color" className="colour-input" value={value.colour} onChange={(e) => set('colour', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
              <span className="apptype-preview" style={{ borderLeftColor: value.colour }} aria-hidden="true">
                {value.name.trim() || 'Preview'}
              </span>
            </span>
          )}
        </FieldFrame>
      </div>
      <SelectField
        label="Room needed"
        value={value.roomKind}
        onChange={(v) => set('roomKind', v as RoomKind | '')}
        options={ROOM_OPTIONS}
        error={form.errors.roomKind}
        hint="Keel finds a free room of this kind when booking. Choose “No room needed” for phone or video visits."
      />
      <fieldset className="apptype-roles" aria-describedby="apptype-roles-hint">
        <legend>Who may be booked for it</legend>
        <p className="field-hint" id="apptype-roles-hint">
          Only staff of the checked job roles can be chosen as the provider.
        </p>
        <div className="apptype-role-grid">
          {STAFF_ROLES.map((role) => (
            <label key={role} className="checkbox">
              <input type="checkbox" checked={value.providerRoles.includes(role)} onChange={(e) => toggleRole(role, e.target.checked)} />
              {STAFF_ROLE_LABELS[role]}
            </label>
          ))}
        </div>
        {form.errors.providerRoles && <p className="field-error">{form.errors.providerRoles}</p>}
      </fieldset>
      <div className="apptype-active">
        <label className="checkbox">
          <input type="checkbox" checked={value.active} onChange={(e) => set('active', e.target.checked)} aria-describedby="apptype-active-hint" />
          Active: can be chosen for new bookings
        </label>
        <p className="field-hint" id="apptype-active-hint">
          Untick to retire this type. Retiring keeps every appointment already made with it exactly as it is; it only stops the type being offered for new bookings.
        </p>
      </div>
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {type ? 'Save changes' : 'Add type'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

/** How much notice a patient must give before a cancellation stops counting as late. */
function LateCancelCard() {
  const { data, error, reload } = useLoad(() => call('scheduleSettings.get', {}), 'settings-late-cancel');
  return (
    <section className="card stack" aria-labelledby="late-cancel-title">
      <div>
        <h2 id="late-cancel-title">Late-cancel notice</h2>
        <p className="muted">
          A patient’s cancellation with less notice than this counts as a late cancel. Late cancels are marked on the patient’s record and counted in the schedule reports. Cancellations
          made by the clinic never count.
        </p>
      </div>
      <LoadError error={error} onRetry={reload} title="The late-cancel notice could not be loaded" />
      {!data && !error && <Loading label="Loading…" />}
      {data && <LateCancelForm hours={data.lateCancelHours} />}
    </section>
  );
}

function LateCancelForm({ hours: loaded }: { hours: number }) {
  const [hours, setHours] = useState(loaded);
  const [value, setValue] = useState(String(loaded));
  const [saved, setSaved] = useState(false);
  const form = useFormSubmit();
  const dirty = value.trim() !== String(hours);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    const text = value.trim();
    if (text === '' || !/^\d+$/.test(text)) {
      form.setErrors({ lateCancelHours: text === '' ? 'Required' : 'Use a whole number of hours' });
      form.setMessage(null);
      return;
    }
    const result = await form.submit(scheduleSettingsContract['scheduleSettings.update'].input, { lateCancelHours: Number(text) }, (i) => call('scheduleSettings.update', i));
    if (result) {
      setHours(result.lateCancelHours);
      setValue(String(result.lateCancelHours));
      setSaved(true);
    }
  }

  return (
    <form onSubmit={save} noValidate className="stack" aria-label="Late-cancel notice">
      <div className="apptype-notice-row">
        <TextField
          className="apptype-hours"
          label="Notice needed (hours)"
          type="number"
          inputMode="numeric"
          min={1}
          max={168}
          step={1}
          value={value}
          onChange={(v) => {
            setSaved(false);
            setValue(v);
          }}
          error={form.errors.lateCancelHours}
          hint={`1 to 168 hours (a week). Now ${hours} ${hours === 1 ? 'hour' : 'hours'}${hours % 24 === 0 && hours > 0 ? ` (${hours / 24} ${hours === 24 ? 'day' : 'days'})` : ''}.`}
        />
        <Button type="submit" variant="primary" busy={form.busy} disabled={!dirty}>
          Save notice
        </Button>
      </div>
      {form.message && <Alert>{form.message}</Alert>}
      {saved && !dirty && <Alert tone="success">Saved. Cancellations from now on use the new notice; earlier ones keep how they were counted.</Alert>}
    </form>
  );
}
