import { useState } from 'react';
import { concernsContract } from '../../../../shared/contract/concerns';
import type { Concern } from '../../../../shared/contract/concerns';
import { formatDate, formatInstant } from '../../../../shared/domain/format';
import { CONCERN_CATEGORIES, CONCERN_CATEGORY_LABELS, CONCERN_MOVES, CONCERN_STATUS_LABELS, SEVERITIES, SEVERITY_LABELS, type ConcernCategory, type ConcernStatus, type Severity } from '../../../../shared/domain/patients';
import { roleHas } from '../../../../shared/domain/permissions';
import { dateInZone } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { Button } from '../../../ui/Button';
import { DateField } from '../../../ui/DateField';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Badge } from '../../../ui/Feedback';
import { SelectField } from '../../../ui/Field';
import { ConcernPatient, daysLabel, OwnerField, SeverityBadge, STAFF_CONDUCT_NOTE, StatusBadge, TextArea, useDateOrder, useOwners, useSeesStaffConduct } from './ConcernParts';
import { PatientPicker, type PickedPatient } from './PatientPicker';

const SEVERITY_OPTIONS = SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }));

/** Log a concern: for a chosen (or fixed) patient or anonymous. */
export function LogConcernDialog({ open, onClose, onLogged, patient }: { open: boolean; onClose: () => void; onLogged: (concern: Concern) => void; patient?: { id: string; name: string } }) {
  return (
    <Dialog open={open} title={patient ? `Log a concern: ${patient.name}` : 'Log a concern'} onClose={onClose} wide>
      {open && <LogForm patient={patient} onClose={onClose} onLogged={onLogged} />}
    </Dialog>
  );
}

function LogForm({ patient, onClose, onLogged }: { patient: { id: string; name: string } | undefined; onClose: () => void; onLogged: (concern: Concern) => void }) {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : '';
  const owners = useOwners();
  const seesStaffConduct = useSeesStaffConduct();
  const [picked, setPicked] = useState<PickedPatient | null>(null);
  const [anonymous, setAnonymous] = useState(false);
  const [category, setCategory] = useState<ConcernCategory | ''>('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState(me?.user.id ?? '');
  const [openedOn, setOpenedOn] = useState(today);
  const form = useFormSubmit();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const patientId = patient ? patient.id : anonymous ? null : (picked?.id ?? null);
    if (!patient && !anonymous && !picked) {
      form.setErrors({ patientId: 'Choose the patient, or check “Anonymous / no patient”.', ...(category ? {} : { category: 'Required' }), ...(description.trim() ? {} : { description: 'Required' }) });
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    // An unchosen category is "Required", not a list of codes.
    const input = { patientId, category: (category || undefined) as ConcernCategory, description, severity, ownerId: ownerId || null, ...(openedOn ? { openedOn } : {}) };
    const saved = await form.submit(concernsContract['concerns.create'].input, input, (i) => call('concerns.create', i));
    if (saved) onLogged(saved);
  }

  return (
    <form onSubmit={submit} className="stack" noValidate>
      {patient ? (
        <p className="concern-for">
          <span className="muted">About</span> <strong>{patient.name}</strong>
        </p>
      ) : (
        <PatientPicker
          picked={picked}
          onPick={(p) => {
            setPicked(p);
            if (p) form.setErrors({ ...form.errors, patientId: '' });
          }}
          anonymous={anonymous}
          onAnonymous={setAnonymous}
          error={anonymous ? undefined : form.errors.patientId || undefined}
        />
      )}
      <div className="form-grid concern-grid">
        <SelectField
          label="Category"
          value={category}
          onChange={(v) => {
            setCategory(v as ConcernCategory | '');
            // The front desk may log it, but it is the office manager's to own.
            if (v === 'staff_conduct' && !seesStaffConduct && ownerId === me?.user.id) setOwnerId('');
          }}
          options={[{ value: '', label: 'Choose a category' }, ...CONCERN_CATEGORIES.map((c) => ({ value: c, label: CONCERN_CATEGORY_LABELS[c] }))]}
          error={form.errors.category}
          hint={category === 'staff_conduct' && !seesStaffConduct ? STAFF_CONDUCT_NOTE : undefined}
        />
        <SelectField label="Severity" value={severity} onChange={(v) => setSeverity(v as Severity)} options={SEVERITY_OPTIONS} error={form.errors.severity} />
        <OwnerField value={ownerId} onChange={setOwnerId} owners={owners} current={null} error={form.errors.ownerId} />
        <DateField label="Date opened" value={openedOn} max={today || undefined} onChange={setOpenedOn} error={form.errors.openedOn} hint="When the person raised it." />
      </div>
      <TextArea label="What happened" value={description} onChange={setDescription} maxLength={4000} rows={5} error={form.errors.description} hint="In the person’s words where you can: what, when, who was involved, what they would like." />
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Log concern
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

/** The button text for a move from one status to another. */
function moveLabel(from: ConcernStatus, to: ConcernStatus): string {
  if (to === 'in_progress') return from === 'resolved' ? 'Reopen (in progress)' : 'Mark in progress';
  if (to === 'open') return 'Move back to open';
  if (to === 'resolved') return 'Mark resolved';
  return 'Close the concern';
}

/** One concern in full: description, history, and (for those who may) its next steps. */
export function ConcernDetailDialog({ concern, onClose, onChanged }: { concern: Concern | null; onClose: () => void; onChanged: (concern: Concern) => void }) {
  const title = concern ? `Concern: ${concern.patient ? concern.patient.name : 'anonymous'}` : 'Concern';
  return (
    <Dialog open={concern !== null} title={title} onClose={onClose} wide>
      {concern && <ConcernDetail key={concern.id} concern={concern} onClose={onClose} onChanged={onChanged} />}
    </Dialog>
  );
}

function ConcernDetail({ concern, onClose, onChanged }: { concern: Concern; onClose: () => void; onChanged: (concern: Concern) => void }) {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const order = useDateOrder();
  const canManage = me ? roleHas(me.user.role, 'concerns.manage') : false;
  const editable = canManage && concern.status !== 'closed';
  return (
    <div className="stack">
      <div className={editable ? 'concern-detail concern-detail-split' : 'concern-detail'}>
        <div className="stack">
          <dl className="facts concern-facts">
            <dt>Patient</dt>
            <dd>
              {concern.patient ? (
                <a
                  href={`#/patients/record/${concern.patient.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onClose();
                    navigate(`/patients/record/${concern.patient?.id ?? ''}`);
                  }}
                >
                  {concern.patient.name}
                </a>
              ) : (
                <ConcernPatient concern={concern} />
              )}
              {concern.patient && <span className="muted"> · Record {concern.patient.mrn}</span>}
            </dd>
            <dt>Category</dt>
            <dd>{CONCERN_CATEGORY_LABELS[concern.category]}</dd>
            <dt>Severity</dt>
            <dd>
              <SeverityBadge severity={concern.severity} />
            </dd>
            <dt>Status</dt>
            <dd className="concern-inline">
              <StatusBadge status={concern.status} />
              {concern.overdue && <Badge tone="bad">Overdue</Badge>}
            </dd>
            <dt>Opened</dt>
            <dd>
              {formatDate(concern.openedOn, order)}
              <span className="muted">
                {' '}
                · {concern.resolvedOn ? (concern.daysOpen === 0 ? 'resolved the same day' : `resolved after ${daysLabel(concern.daysOpen)}`) : concern.daysOpen === 0 ? 'today' : `open ${daysLabel(concern.daysOpen)}`}
              </span>
            </dd>
            {concern.resolvedOn && (
              <>
                <dt>Resolved</dt>
                <dd>{formatDate(concern.resolvedOn, order)}</dd>
              </>
            )}
            {concern.closedOn && (
              <>
                <dt>Closed</dt>
                <dd>{formatDate(concern.closedOn, order)}</dd>
              </>
            )}
            <dt>Owner</dt>
            <dd>{concern.owner ? concern.owner.name : <span className="muted">Nobody yet</span>}</dd>
          </dl>
          <section aria-labelledby="concern-description-title">
            <h3 id="concern-description-title">What happened</h3>
            <p className="pre-line concern-text">{concern.description}</p>
          </section>
          {concern.resolution && !editable && (
            <section aria-labelledby="concern-resolution-title">
              <h3 id="concern-resolution-title">How it was resolved</h3>
              <p className="pre-line concern-text">{concern.resolution}</p>
            </section>
          )}
          <section aria-labelledby="concern-history-title">
            <h3 id="concern-history-title">History</h3>
            <ol className="concern-history">
              {concern.events
                .slice()
                .reverse()
                .map((e, i) => (
                  <li key={`${e.at}-${i}`}>
                    <div className="concern-history-head">
                      <StatusBadge status={e.status} />
                      <span className="small">{clinic ? formatInstant(e.at, clinic.timeZone, order) : e.at}</span>
                      <span className="muted small">{e.username ? `by ${e.username}` : ''}</span>
                    </div>
                    {e.note && <p className="pre-line concern-history-note">{e.note}</p>}
                  </li>
                ))}
            </ol>
          </section>
          {concern.status === 'closed' && <Alert tone="info">This concern is closed and can no longer change. If the matter comes back, log a new concern.</Alert>}
        </div>
        {editable && <UpdateForm concern={concern} onChanged={onChanged} />}
      </div>
      <div className="form-actions">
        <span className="spacer" />
        <Button onClick={onClose}>Done</Button>
      </div>
    </div>
  );
}

function UpdateForm({ concern, onChanged }: { concern: Concern; onChanged: (concern: Concern) => void }) {
  const owners = useOwners();
  const [ownerId, setOwnerId] = useState(concern.owner?.id ?? '');
  const [severity, setSeverity] = useState<Severity>(concern.severity);
  const [resolution, setResolution] = useState(concern.resolution);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState<ConcernStatus | 'save' | null>(null);
  const form = useFormSubmit();
  const moves = CONCERN_MOVES[concern.status];
  const ownerChanged = ownerId !== (concern.owner?.id ?? '');
  const changed = ownerChanged || severity !== concern.severity || resolution.trim() !== concern.resolution.trim() || note.trim() !== '';

  async function send(status: ConcernStatus | null) {
    setSaved(null);
    if (!status && !changed) {
      form.setMessage('Nothing has changed yet: write a note, or change the owner, severity or resolution notes.');
      return;
    }
    if (status === 'resolved' && !resolution.trim()) {
      form.setErrors({ resolution: 'Say how it was resolved' });
      form.setMessage('Write the resolution notes before marking it resolved.');
      return;
    }
    // The server notes an owner change in the history; a severity change is noted here.
    const severityNote = severity !== concern.severity ? `Severity changed to ${SEVERITY_LABELS[severity].toLowerCase()}` : '';
    const input = {
      id: concern.id,
      note: severityNote ? [note.trim().replace(/\.+$/, ''), severityNote].filter(Boolean).join('. ') : note,
      ...(status ? { status } : {}),
      ...(ownerChanged ? { ownerId: ownerId || null } : {}),
      ...(severity !== concern.severity ? { severity } : {}),
      ...(resolution !== concern.resolution ? { resolution } : {}),
    };
    setPending(status ?? 'save');
    const updated = await form.submit(concernsContract['concerns.update'].input, input, (i) => call('concerns.update', i));
    setPending(null);
    if (updated) {
      setNote('');
      setSaved(status ? `Now ${CONCERN_STATUS_LABELS[updated.status].toLowerCase()}.` : 'Saved.');
      onChanged(updated);
    }
  }

  return (
    <form
      className="stack concern-update"
      noValidate
      aria-labelledby="concern-update-title"
      onSubmit={(e) => {
        e.preventDefault();
        void send(null);
      }}
    >
      <h3 id="concern-update-title">Follow it up</h3>
      <div className="form-grid concern-grid">
        <OwnerField value={ownerId} onChange={setOwnerId} owners={owners} current={concern.owner} error={form.errors.ownerId} />
        <SelectField label="Severity" value={severity} onChange={(v) => setSeverity(v as Severity)} options={SEVERITY_OPTIONS} error={form.errors.severity} />
      </div>
      <TextArea label="Note for the history (optional)" value={note} onChange={setNote} maxLength={2000} rows={2} error={form.errors.note} hint="What was done or said, e.g. “Called the patient back.”" />
      <TextArea label="Resolution notes" value={resolution} onChange={setResolution} maxLength={4000} rows={3} error={form.errors.resolution} hint="How it was put right. Needed to mark it resolved." />
      {form.message && <Alert>{form.message}</Alert>}
      {form.errors.status && <Alert>{form.errors.status}</Alert>}
      {saved && !form.message && <Alert tone="success">{saved}</Alert>}
      <div className="form-actions">
        {moves.map((to) => (
          <Button key={to} variant={to === 'resolved' || (to === 'closed' && concern.status === 'resolved') ? 'primary' : 'secondary'} busy={pending === to} disabled={form.busy} onClick={() => void send(to)}>
            {moveLabel(concern.status, to)}
          </Button>
        ))}
        <Button type="submit" busy={pending === 'save'} disabled={form.busy}>
          Save changes
        </Button>
      </div>
      <p className="muted small">
        Moving it also saves the owner, severity and notes above.
        {concern.status === 'resolved' ? ' Closing it is final: a closed concern can no longer change.' : ''}
      </p>
    </form>
  );
}
