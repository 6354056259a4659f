import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import type { StaffMember } from '../../../../shared/contract/staff';
import { formatCents, formatDate } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { EMPLOYMENT_LABELS, STAFF_ROLE_LABELS } from '../../../../shared/domain/staff';
import { dateInZone } from '../../../../shared/domain/time';
import { call, messageOf } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Badge, Loading } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';
import { FlagBadge } from '../FlagBadge';
import { TimeOffList } from '../timeoff/TimeOffList';
import { CallList } from '../risks/CallList';
import { PersonRisks } from '../risks/PersonRisks';
import { monthDay, plural } from '../risks/risk-text';
import { CredentialsSection } from './CredentialsSection';
import { EvaluationsSection } from './EvaluationsSection';
import { StaffDialog } from './StaffDialog';

/** One person: details, credentials, evaluations (manager) and time off. */
export function PersonPage({ staffId }: { staffId: string }) {
  const me = useSession((s) => s.me);
  const { data: person, error, loading, reload } = useLoad(() => call('staff.get', { id: staffId }), staffId);
  const canManage = me ? roleHas(me.user.role, 'staff.manage') : false;
  const canSchedule = me ? roleHas(me.user.role, 'schedule.manage') : false;
  // Credentials are the manager's and the person's own: the front desk sees the contact card without them.
  const { data: own } = useLoad(() => (canManage ? Promise.resolve(null) : call('staff.me', {})), `me-${canManage}`);
  const showCredentials = canManage || (own !== null && own.id === staffId);
  const [editing, setEditing] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [changes, setChanges] = useState(0);

  if (error) {
    return (
      <Alert title="This person could not be opened">
        {error}{' '}
        <Button variant="ghost" onClick={reload}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (!person) return <Loading label={loading ? 'Loading…' : 'Not found'} />;

  return (
    <div className="stack">
      <div>
        <Button variant="ghost" icon={<ArrowLeft size={16} aria-hidden="true" />} onClick={() => navigate('/staff/directory')}>
          Back to the directory
        </Button>
      </div>
      <PersonHeader person={person} canManage={canManage} onEdit={() => setEditing(true)} onLeave={() => setLeaving(true)} onChanged={reload} />
      {canSchedule && <PersonRisks staffId={person.id} refreshKey={`${person.active}|${person.endDate ?? ''}|${changes}`} />}
      {showCredentials && (
        <CredentialsSection
          staffId={person.id}
          flag={person.active ? person.flag : null}
          canManage={canManage}
          onChanged={() => {
            reload();
            setChanges((n) => n + 1);
          }}
        />
      )}
      {canManage && <EvaluationsSection staffId={person.id} staffName={person.fullName} startDate={person.startDate} />}
      <section className="card stack" aria-labelledby="person-timeoff">
        <h2 id="person-timeoff">Time off</h2>
        <TimeOffList staffId={person.id} onChanged={() => setChanges((n) => n + 1)} />
      </section>
      <StaffDialog
        open={editing}
        person={person}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reload();
        }}
      />
      <Dialog open={leaving} wide={person.bookable} title={`${person.fullName} is leaving`} onClose={() => setLeaving(false)}>
        {leaving && (
          <LeaveForm
            person={person}
            onDone={() => {
              setLeaving(false);
              reload();
            }}
            onClose={() => setLeaving(false)}
          />
        )}
      </Dialog>
    </div>
  );
}

function PersonHeader({ person, canManage, onEdit, onLeave, onChanged }: { person: StaffMember; canManage: boolean; onEdit: () => void; onLeave: () => void; onChanged: () => void }) {
  const clinic = useSession((s) => s.clinic);
  const [problem, setProblem] = useState<string | null>(null);
  const date = (d: string) => (clinic ? formatDate(d, clinic.dateOrder) : d);

  async function bringBack() {
    try {
      await call('staff.setActive', { id: person.id, active: true });
      onChanged();
    } catch (e) {
      setProblem(messageOf(e));
    }
  }

  return (
    <section className="card person-header" aria-labelledby="person-name">
      <span className="swatch swatch-large" style={{ background: person.colour }} aria-hidden="true" />
      <div className="stack person-main">
        <div>
          <h2 id="person-name">{person.fullName}</h2>
          <p className="muted">
            {STAFF_ROLE_LABELS[person.staffRole]}
            {person.jobTitle && ` · ${person.jobTitle}`} · {EMPLOYMENT_LABELS[person.employmentType]}
          </p>
          <div className="badges">
            {!person.active && <Badge tone="neutral">Left the practice{person.endDate ? ` on ${date(person.endDate)}` : ''}</Badge>}
            {person.bookable && <Badge tone="info">Bookable provider</Badge>}
            <FlagBadge flag={person.active ? person.flag : null} />
          </div>
        </div>
        <dl className="facts">
          <dt>Phone</dt>
          <dd>{person.phone || '—'}</dd>
          <dt>Email</dt>
          <dd>{person.email || '—'}</dd>
          <dt>Started</dt>
          <dd>{date(person.startDate)}</dd>
          <dt>Contracted</dt>
          <dd>{person.contractedHours} hours a week</dd>
          {person.pay && (
            <>
              <dt>Pay</dt>
              <dd>{person.pay.type === 'hourly' ? `${formatCents(person.pay.rateCents)} an hour` : `${formatCents(person.pay.rateCents)} a year`}</dd>
            </>
          )}
        </dl>
        {problem && <Alert>{problem}</Alert>}
      </div>
      {canManage && (
        <div className="person-actions">
          <Button onClick={onEdit}>Edit details</Button>
          {person.active ? (
            <Button variant="danger" onClick={onLeave}>
              Mark as left…
            </Button>
          ) : (
            <Button onClick={() => void bringBack()}>Bring back</Button>
          )}
        </div>
      )}
    </section>
  );
}

function LeaveForm({ person, onDone, onClose }: { person: StaffMember; onDone: () => void; onClose: () => void }) {
  const clinic = useSession((s) => s.clinic);
  const [endDate, setEndDate] = useState(clinic ? dateInZone(new Date(), clinic.timeZone) : '');
  const [problem, setProblem] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await call('staff.setActive', { id: person.id, active: false, endDate });
      onDone();
    } catch (e) {
      setProblem({ message: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="stack" noValidate>
      <p>Their record, credentials, shifts and evaluations are kept. They no longer appear on new rosters.</p>
      <TextField label="Last working day" type="date" value={endDate} onChange={setEndDate} />
      {person.bookable && /^\d{4}-\d{2}-\d{2}$/.test(endDate) && <LeavingStrands staffId={person.id} endDate={endDate} />}
      {problem && <Alert>{problem.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={busy}>
          Mark as left
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

/** Before marking a provider as leaving: the booked patients the last day would strand. */
function LeavingStrands({ staffId, endDate }: { staffId: string; endDate: string }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const { data, error } = useLoad(() => call('bookingRisks.appointments', { staffId, cause: { kind: 'left', endDate } }), `${staffId}|${endDate}`);
  if (error) return <Alert>{error}</Alert>;
  if (!data || data.appointments.length === 0) return null;
  return (
    <>
      <Alert tone="warning" title={`${plural(data.appointments.length, 'appointment')} booked after ${monthDay(endDate, order)}`}>
        They cannot be kept: call these patients to move them to another provider.
      </Alert>
      <CallList compact title={`Booked after the last day, ${monthDay(endDate, order)}`} appointments={data.appointments} />
    </>
  );
}
