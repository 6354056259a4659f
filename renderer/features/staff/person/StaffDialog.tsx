import { useState } from 'react';
import type { StaffMember } from '../../../../shared/contract/staff';
import { staffContract } from '../../../../shared/contract/staff';
import { dateInZone } from '../../../../shared/domain/time';
import { EMPLOYMENT_LABELS, EMPLOYMENT_TYPES, STAFF_ROLE_LABELS, STAFF_ROLES, type EmploymentType, type PayType, type StaffRole } from '../../../../shared/domain/staff';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { DateField } from '../../../ui/DateField';
import { Dialog } from '../../../ui/Dialog';
import { Alert } from '../../../ui/Feedback';
import { FieldFrame, SelectField, TextField } from '../../../ui/Field';
import { centsToDollars, dollarsToCents } from '../labels';

interface Props {
  open: boolean;
  /** null adds a new person. */
  person: StaffMember | null;
  onClose: () => void;
  onSaved: (person: StaffMember) => void;
}

/** Add a person to the directory, or change one (manager only). */
export function StaffDialog({ open, person, onClose, onSaved }: Props) {
  return (
    <Dialog open={open} title={person ? `Edit ${person.fullName}` : 'Add a person'} onClose={onClose} wide>
      <StaffForm person={person} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function StaffForm({ person, onClose, onSaved }: Omit<Props, 'open'>) {
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : new Date().toISOString().slice(0, 10);
  const { data: users } = useLoad(() => call('users.list', {}), 'users');
  const [value, setValue] = useState({
    fullName: person?.fullName ?? '',
    jobTitle: person?.jobTitle ?? '',
    staffRole: person?.staffRole ?? ('nurse_ma' as StaffRole),
    phone: person?.phone ?? '',
    email: person?.email ?? '',
    employmentType: person?.employmentType ?? ('full_time' as EmploymentType),
    startDate: person?.startDate ?? today,
    contractedHours: String(person?.contractedHours ?? 40),
    payType: person?.pay?.type ?? ('hourly' as PayType),
    rate: person?.pay ? centsToDollars(person.pay.rateCents) : '',
    colour: person?.colour ?? '#2b6cb0',
    userId: person?.userId ?? '',
    bookable: person?.bookable ?? false,
  });
  const form = useFormSubmit();
  const set = <K extends keyof typeof value>(key: K, v: (typeof value)[K]) => setValue({ ...value, [key]: v });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const cents = dollarsToCents(value.rate || '0');
    if (cents === null) {
      form.setErrors({ payRateCents: 'Type an amount like 23.50' });
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    const input = {
      fullName: value.fullName,
      jobTitle: value.jobTitle,
      staffRole: value.staffRole,
      phone: value.phone,
      email: value.email.trim(),
      employmentType: value.employmentType,
      startDate: value.startDate,
      contractedHours: value.contractedHours === '' ? Number.NaN : Number(value.contractedHours),
      payType: value.payType,
      payRateCents: cents,
      colour: value.colour,
      userId: value.userId || null,
      bookable: value.bookable,
    };
    const saved = person
      ? await form.submit(staffContract['staff.update'].input, { id: person.id, ...input }, (i) => call('staff.update', i))
      : await form.submit(staffContract['staff.create'].input, input, (i) => call('staff.create', i));
    if (saved) onSaved(saved);
  }

  return (
    <form onSubmit={save} noValidate className="stack">
      <div className="form-grid">
        <TextField label="Full name" value={value.fullName} onChange={(v) => set('fullName', v)} error={form.errors.fullName} maxLength={120} autoFocus required />
        <TextField label="Job title" value={value.jobTitle} onChange={(v) => set('jobTitle', v)} error={form.errors.jobTitle} maxLength={120} />
        <SelectField label="Role" value={value.staffRole} onChange={(v) => set('staffRole', v as StaffRole)} options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))} error={form.errors.staffRole} />
        <SelectField label="Employment" value={value.employmentType} onChange={(v) => set('employmentType', v as EmploymentType)} options={EMPLOYMENT_TYPES.map((t) => ({ value: t, label: EMPLOYMENT_LABELS[t] }))} error={form.errors.employmentType} />
        <TextField label="Phone" value={value.phone} onChange={(v) => set('phone', v)} error={form.errors.phone} autoComplete="off" maxLength={40} />
        <TextField label="Email" type="email" value={value.email} onChange={(v) => set('email', v)} error={form.errors.email} autoComplete="off" maxLength={254} />
        <DateField label="Start date" value={value.startDate} onChange={(v) => set('startDate', v)} error={form.errors.startDate} required />
        <TextField label="Contracted hours a week" type="number" min={0} max={80} step={0.25} value={value.contractedHours} onChange={(v) => set('contractedHours', v)} error={form.errors.contractedHours} />
        <SelectField
          label="Pay"
          value={value.payType}
          onChange={(v) => set('payType', v as PayType)}
          options={[
            { value: 'hourly', label: 'Hourly rate' },
            { value: 'salary', label: 'Yearly salary' },
          ]}
          error={form.errors.payType}
        />
        <TextField label={value.payType === 'hourly' ? 'Rate per hour ($)' : 'Salary per year ($)'} inputMode="decimal" value={value.rate} onChange={(v) => set('rate', v)} error={form.errors.payRateCents} placeholder={value.payType === 'hourly' ? '23.50' : '72000'} />
        <FieldFrame label="Calendar color" error={form.errors.colour}>
          {({ id }) => <input id={id} type="color" className="colour-input" value={value.colour} onChange={(e) => set('colour', e.target.value)} />}
        </FieldFrame>
        <SelectField
          label="Sign-in account"
          value={value.userId}
          onChange={(v) => set('userId', v)}
          options={[{ value: '', label: 'No account linked' }, ...(users ?? []).filter((u) => u.active || u.id === value.userId).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))]}
          error={form.errors.userId}
          hint="Links this person to their sign-in, so they see their own record and can request time off."
        />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={value.bookable} onChange={(e) => set('bookable', e.target.checked)} />
        <span>Bookable provider (patients can be booked with this person)</span>
      </label>
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {person ? 'Save changes' : 'Add person'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
