import type { Concern } from '../../../../shared/contract/concerns';
import type { UserSummary } from '../../../../shared/contract/users';
import { formatDate } from '../../../../shared/domain/format';
import { CONCERN_CATEGORIES, CONCERN_CATEGORY_LABELS, CONCERN_STATUS_LABELS, SEVERITY_LABELS, type ConcernCategory, type ConcernStatus, type Severity } from '../../../../shared/domain/patients';
import { roleHas } from '../../../../shared/domain/permissions';
import { call } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Badge } from '../../../ui/Feedback';
import { FieldFrame, SelectField } from '../../../ui/Field';
import './concerns.css';

export const SEVERITY_TONE: Record<Severity, 'bad' | 'warn' | 'neutral'> = { high: 'bad', medium: 'warn', low: 'neutral' };
export const STATUS_TONE: Record<ConcernStatus, 'warn' | 'info' | 'good' | 'neutral'> = { open: 'warn', in_progress: 'info', resolved: 'good', closed: 'neutral' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{SEVERITY_LABELS[severity]}</Badge>;
}

export function StatusBadge({ status }: { status: ConcernStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{CONCERN_STATUS_LABELS[status]}</Badge>;
}

export function daysLabel(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** "12 days" and, past the clinic's target, an Overdue badge. */
export function DaysOpen({ concern }: { concern: Concern }) {
  return (
    <span className="concern-days">
      <span>{daysLabel(concern.daysOpen)}</span>
      {concern.overdue && <Badge tone="bad">Overdue</Badge>}
    </span>
  );
}

/** The patient's name and record number, or "Anonymous". */
export function ConcernPatient({ concern }: { concern: Concern }) {
  if (!concern.patient) return <span className="muted">Anonymous</span>;
  return (
    <span className="concern-patient">
      <span>{concern.patient.name}</span>
      <span className="muted small">Record {concern.patient.mrn}</span>
    </span>
  );
}

export function useDateOrder() {
  return useSession((s) => s.clinic?.dateOrder ?? 'MDY');
}

export function OpenedOn({ date }: { date: string }) {
  const order = useDateOrder();
  return <span className="nowrap">{formatDate(date, order)}</span>;
}

/**
 * The people a concern can be given to. Only the manager may list user accounts;
 * for everyone else (or if the list fails) this is null and the choice is "Me" or "Nobody yet".
 */
export function useOwners(): UserSummary[] | null {
  const me = useSession((s) => s.me);
  const mayList = me ? roleHas(me.user.role, 'users.manage') : false;
  const { data } = useLoad(
    () =>
      mayList
        ? call('users.list', {}).then(
            (users) => users.filter((u) => u.active),
            () => null,
          )
        : Promise.resolve(null),
    `concern-owners-${mayList}`,
  );
  return data ?? null;
}

/** Options for an owner select: Nobody yet, the signed-in user, everyone else when known, and the current owner if none of those. */
export function ownerOptions(owners: UserSummary[] | null, me: { id: string; fullName: string } | undefined, current: { id: string; name: string } | null): Array<{ value: string; label: string }> {
  const options: Array<{ value: string; label: string }> = [{ value: '', label: 'Nobody yet' }];
  if (me) options.push({ value: me.id, label: `Me (${me.fullName})` });
  for (const u of owners ?? []) if (u.id !== me?.id) options.push({ value: u.id, label: u.fullName });
  if (current && !options.some((o) => o.value === current.id)) options.push({ value: current.id, label: current.name });
  return options;
}

export function OwnerField({ value, onChange, owners, current, error, label = 'Owner' }: { value: string; onChange: (v: string) => void; owners: UserSummary[] | null; current: { id: string; name: string } | null; error?: string | undefined; label?: string }) {
  const me = useSession((s) => s.me);
  return (
    <SelectField
      label={label}
      value={value}
      onChange={onChange}
      options={ownerOptions(owners, me?.user, current)}
      error={error}
      hint={owners ? undefined : 'Only the office manager can give it to someone else.'}
    />
  );
}

/** A multi-line text box with the kit's label, hint and error wiring. */
export function TextArea({ label, value, onChange, error, hint, maxLength, rows = 3 }: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined; hint?: string; maxLength: number; rows?: number }) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} className="concern-textarea" rows={rows} maxLength={maxLength} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
      )}
    </FieldFrame>
  );
}

/** Whether the signed-in person sees complaints about staff conduct (the office manager). */
export function useSeesStaffConduct(): boolean {
  const me = useSession((s) => s.me);
  return me ? roleHas(me.user.role, 'concerns.staffConduct') : false;
}

/** The categories this person can list: staff conduct only for the office manager. */
export function listedCategories(seesStaffConduct: boolean): ConcernCategory[] {
  return CONCERN_CATEGORIES.filter((c) => seesStaffConduct || c !== 'staff_conduct');
}

/** Said when the front desk logs a complaint about staff conduct, which goes to the office manager. */
export const STAFF_CONDUCT_NOTE = 'Complaints about staff conduct go to the office manager: once logged, it is not listed for the front desk.';

/** What a notice says once a concern is logged. */
export function loggedNotice(c: Concern, seesStaffConduct: boolean, forPatient = true): string {
  const what = `Logged the ${CONCERN_CATEGORY_LABELS[c.category].toLowerCase()} concern${forPatient ? (c.patient ? ` for ${c.patient.name}` : ' (anonymous)') : ''}.`;
  return c.category === 'staff_conduct' && !seesStaffConduct ? `${what} ${STAFF_CONDUCT_NOTE}` : what;
}
