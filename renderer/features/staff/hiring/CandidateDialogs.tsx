import { useState } from 'react';
import type { Candidate } from '../../../../shared/contract/candidates';
import type { Position } from '../../../../shared/contract/positions';
import type { StaffMember } from '../../../../shared/contract/staff';
import { CANDIDATE_STAGE_LABELS, EMPLOYMENT_LABELS, STAFF_ROLE_LABELS, type PayType } from '../../../../shared/domain/staff';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert } from '../../../ui/Feedback';
import { FieldFrame, SelectField, TextField } from '../../../ui/Field';
import { dollarsToCents } from '../labels';
import { laterDate, moveOptions, POSITION_STATUS_LABELS, suggestedStage, usualHours } from './hiring-labels';
import { CandidateHistory, FormMessage, NoteField, StageBadge, useClinicToday, useFormatDate, useLocaliseDates } from './HiringParts';
import { candidatesContract } from '../../../../shared/contract/candidates';

/* ---------- Add a candidate, or correct their details ---------- */

interface CandidateDialogProps {
  /** 'new' adds a candidate; a candidate edits their details; null is closed. */
  candidate: Candidate | 'new' | null;
  positions: Position[];
  /** The position to start with when adding. */
  defaultPositionId: string;
  onClose: () => void;
  onSaved: (candidate: Candidate, isNew: boolean) => void;
}

export function CandidateDialog({ candidate, positions, defaultPositionId, onClose, onSaved }: CandidateDialogProps) {
  return (
    <Dialog open={candidate !== null} title={candidate === 'new' ? 'Add a candidate' : candidate ? `Edit details of ${candidate.fullName}` : ''} onClose={onClose}>
      {candidate && (
        <CandidateForm
          key={candidate === 'new' ? 'new' : candidate.id}
          candidate={candidate === 'new' ? null : candidate}
          positions={positions}
          defaultPositionId={defaultPositionId}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Dialog>
  );
}

function CandidateForm({ candidate, positions, defaultPositionId, onClose, onSaved }: Omit<CandidateDialogProps, 'candidate'> & { candidate: Candidate | null }) {
  const today = useClinicToday();
  const [value, setValue] = useState({
    positionId: candidate?.positionId ?? defaultPositionId,
    fullName: candidate?.fullName ?? '',
    phone: candidate?.phone ?? '',
    email: candidate?.email ?? '',
    appliedOn: candidate?.history.find((e) => e.stage === 'applied')?.onDate ?? candidate?.stageOn ?? today,
    note: candidate?.note ?? '',
  });
  const form = useFormSubmit();
  const set = <K extends keyof typeof value>(key: K, v: (typeof value)[K]) => setValue({ ...value, [key]: v });
  // Positions still looking for people first; the candidate's own position is always offered.
  const choices = positions.filter((p) => p.status === 'open' || p.status === 'on_hold' || p.id === value.positionId);
  const options = [
    ...(value.positionId === '' ? [{ value: '', label: 'Choose a position' }] : []),
    ...choices.map((p) => ({ value: p.id, label: p.status === 'open' ? p.title : `${p.title} (${POSITION_STATUS_LABELS[p.status].toLowerCase()})` })),
  ];

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (value.positionId === '') {
      form.setErrors({ positionId: 'Choose the position they applied for' });
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    const input = { ...(candidate ? { id: candidate.id } : {}), ...value, email: value.email.trim() };
    const saved = await form.submit(candidatesContract['candidates.save'].input, input, (i) => call('candidates.save', i));
    if (saved) onSaved(saved, candidate === null);
  }

  return (
    <form onSubmit={save} noValidate className="stack">
      <SelectField label="Position applied for" value={value.positionId} onChange={(v) => set('positionId', v)} options={options} error={form.errors.positionId} />
      <TextField label="Full name" value={value.fullName} onChange={(v) => set('fullName', v)} error={form.errors.fullName} maxLength={120} autoComplete="off" autoFocus />
      <div className="form-grid hiring-form-grid">
        <TextField label="Phone (optional)" type="tel" value={value.phone} onChange={(v) => set('phone', v)} error={form.errors.phone} maxLength={40} autoComplete="off" />
        <TextField label="Email (optional)" type="email" value={value.email} onChange={(v) => set('email', v)} error={form.errors.email} maxLength={254} autoComplete="off" />
        {!candidate && <TextField label="Applied on" type="date" value={value.appliedOn} onChange={(v) => set('appliedOn', v)} error={form.errors.appliedOn} />}
      </div>
      <NoteField value={value.note} onChange={(v) => set('note', v)} error={form.errors.note} hint="For example where they heard about the job." />
      <FormMessage form={form} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {candidate ? 'Save changes' : 'Add candidate'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

/* ---------- Move a candidate to another stage ---------- */

interface MoveDialogProps {
  candidate: Candidate | null;
  onClose: () => void;
  onMoved: (candidate: Candidate) => void;
  /** After an offer the next step is hiring, which has its own dialog. */
  onHireInstead: (candidate: Candidate) => void;
}

export function MoveDialog({ candidate, onClose, onMoved, onHireInstead }: MoveDialogProps) {
  return (
    <Dialog open={candidate !== null} title={candidate ? `Move ${candidate.fullName}` : ''} onClose={onClose}>
      {candidate && <MoveForm key={candidate.id} candidate={candidate} onClose={onClose} onMoved={onMoved} onHireInstead={onHireInstead} />}
    </Dialog>
  );
}

function MoveForm({ candidate, onClose, onMoved, onHireInstead }: Omit<MoveDialogProps, 'candidate'> & { candidate: Candidate }) {
  const today = useClinicToday();
  const format = useFormatDate();
  const localise = useLocaliseDates();
  const [stage, setStage] = useState<string>(suggestedStage(candidate));
  const [onDate, setOnDate] = useState(laterDate(today, candidate.stageOn));
  const [note, setNote] = useState('');
  const form = useFormSubmit();
  const options = moveOptions(candidate);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (stage === '') {
      form.setErrors({ stage: 'Choose where they go next' });
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    const moved = await form.submit(candidatesContract['candidates.move'].input, { id: candidate.id, stage, onDate, note }, (i) => call('candidates.move', i));
    if (moved) onMoved(moved);
  }

  return (
    <form onSubmit={save} noValidate className="stack">
      <p className="hiring-now">
        Now: <StageBadge candidate={candidate} /> since {format(candidate.stageOn)} · {candidate.positionTitle}
      </p>
      {candidate.stage === 'offer' && (
        <Alert tone="info">
          They have an offer. If they accepted, use <strong>Hire</strong> instead to add them to the staff directory.{' '}
          <Button variant="ghost" onClick={() => onHireInstead(candidate)}>
            Hire {candidate.fullName}…
          </Button>
        </Alert>
      )}
      <div className="form-grid hiring-form-grid">
        <SelectField label="Move to" value={stage} onChange={setStage} options={[...(stage === '' ? [{ value: '', label: 'Choose a stage' }] : []), ...options]} error={form.errors.stage} autoFocus />
        <TextField label="On" type="date" value={onDate} min={candidate.stageOn} onChange={setOnDate} error={localise(form.errors.onDate)} hint={form.errors.onDate ? undefined : `Not before ${format(candidate.stageOn)}.`} />
      </div>
      <NoteField value={note} onChange={setNote} error={form.errors.note} hint={stage === 'rejected' ? 'For example why it is not going ahead.' : 'For example how the call or interview went.'} />
      <details className="hiring-details">
        <summary>Steps so far ({candidate.history.length})</summary>
        <CandidateHistory candidate={candidate} />
      </details>
      <FormMessage form={form} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {stage === '' ? 'Move' : `Move to ${CANDIDATE_STAGE_LABELS[stage as keyof typeof CANDIDATE_STAGE_LABELS]}`}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

/* ---------- Hire a candidate: creates their staff record ---------- */

interface HireDialogProps {
  candidate: Candidate | null;
  position: Position | undefined;
  onClose: () => void;
  onHired: (member: StaffMember, candidate: Candidate) => void;
}

export function HireDialog({ candidate, position, onClose, onHired }: HireDialogProps) {
  return (
    <Dialog open={candidate !== null} title={candidate ? `Hire ${candidate.fullName}` : ''} onClose={onClose}>
      {candidate && <HireForm key={candidate.id} candidate={candidate} position={position} onClose={onClose} onHired={onHired} />}
    </Dialog>
  );
}

function HireForm({ candidate, position, onClose, onHired }: Omit<HireDialogProps, 'candidate'> & { candidate: Candidate }) {
  const today = useClinicToday();
  const [value, setValue] = useState({
    startDate: laterDate(today, candidate.stageOn),
    jobTitle: position?.title ?? candidate.positionTitle,
    contractedHours: usualHours(position?.employmentType ?? 'full_time'),
    payType: 'hourly' as PayType,
    rate: '',
    colour: '#2b6cb0',
    note: '',
  });
  const form = useFormSubmit();
  const set = <K extends keyof typeof value>(key: K, v: (typeof value)[K]) => setValue({ ...value, [key]: v });

  async function hire(event: React.FormEvent) {
    event.preventDefault();
    const cents = value.rate.trim() === '' ? null : dollarsToCents(value.rate);
    if (cents === null) {
      form.setErrors({ payRateCents: value.payType === 'hourly' ? 'Type the pay per hour, like 23.50' : 'Type the yearly salary, like 52000' });
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    const input = {
      id: candidate.id,
      startDate: value.startDate,
      jobTitle: value.jobTitle,
      contractedHours: value.contractedHours.trim() === '' ? Number.NaN : Number(value.contractedHours),
      payType: value.payType,
      payRateCents: cents,
      colour: value.colour,
      note: value.note,
    };
    const member = await form.submit(candidatesContract['candidates.hire'].input, input, (i) => call('candidates.hire', i));
    if (member) onHired(member, candidate);
  }

  return (
    <form onSubmit={hire} noValidate className="stack">
      <p className="muted">
        This adds {candidate.fullName} to the staff directory
        {position ? ` as ${STAFF_ROLE_LABELS[position.staffRole].toLowerCase()}, ${EMPLOYMENT_LABELS[position.employmentType].toLowerCase()}` : ''}, with the phone and email from their application.
      </p>
      <div className="form-grid hiring-form-grid">
        <TextField label="Start date" type="date" value={value.startDate} onChange={(v) => set('startDate', v)} error={form.errors.startDate} autoFocus />
        <TextField label="Job title" value={value.jobTitle} onChange={(v) => set('jobTitle', v)} error={form.errors.jobTitle} maxLength={120} />
        <TextField label="Hours a week" type="number" min={0} max={80} step={0.25} inputMode="decimal" value={value.contractedHours} onChange={(v) => set('contractedHours', v)} error={form.errors.contractedHours} hint="As in the contract." />
        <SelectField
          label="Paid"
          value={value.payType}
          onChange={(v) => set('payType', v as PayType)}
          options={[
            { value: 'hourly', label: 'By the hour' },
            { value: 'salary', label: 'Yearly salary' },
          ]}
          error={form.errors.payType}
        />
        <TextField
          label={value.payType === 'hourly' ? 'Pay per hour ($)' : 'Salary per year ($)'}
          inputMode="decimal"
          value={value.rate}
          onChange={(v) => set('rate', v)}
          error={form.errors.payRateCents}
          placeholder={value.payType === 'hourly' ? '23.50' : '52000'}
          autoComplete="off"
        />
        <FieldFrame label="Color on the roster" error={form.errors.colour}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="color" className="hiring-colour" value={value.colour} onChange={(e) => set('colour', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
          )}
        </FieldFrame>
      </div>
      <NoteField value={value.note} onChange={(v) => set('note', v)} error={form.errors.note} hint="Kept in their hiring history." />
      <FormMessage form={form} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Hire and add to staff
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
