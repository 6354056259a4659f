import { useEffect, useRef, useState } from 'react';
import type { ShiftChange } from '../../../../shared/contract/timeoff';
import type { TimeOff, TimeOffDecision } from '../../../../shared/contract/timeoff';
import { formatCents, formatDayShort, formatWallTime } from '../../../../shared/domain/format';
import { formatHours } from '../../../../shared/domain/roster';
import { roleHas } from '../../../../shared/domain/permissions';
import { TIME_OFF_LABELS } from '../../../../shared/domain/staff';
import { dateInZone, addDays, datePart, timePart } from '../../../../shared/domain/time';
import { call, messageOf } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { CheckboxField } from '../roster/rules-parts';
import { CallList } from '../risks/CallList';
import { plural } from '../risks/risk-text';
import { describeTimeOff } from './describe';
import './timeoff.css';

export { describeTimeOff };

const STATUS_TONE = { pending: 'warn', approved: 'good', declined: 'bad', cancelled: 'neutral' } as const;
const STATUS_LABEL = { pending: 'Waiting for a decision', approved: 'Approved', declined: 'Declined', cancelled: 'Withdrawn' } as const;

/** Time-off requests from three months back to a year ahead, for one person or everyone; decide and withdraw in place. */
export function TimeOffList({ staffId, pendingOnly = false, refreshKey = '', onChanged }: { staffId?: string; pendingOnly?: boolean; refreshKey?: string; onChanged?: () => void }) {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : '2000-01-01';
  const input = { from: addDays(today, -90), to: addDays(today, 365), ...(staffId ? { staffId } : {}), ...(pendingOnly ? { status: 'pending' as const } : {}) };
  const { data, error, loading, reload } = useLoad(() => call('timeoff.list', input), `${JSON.stringify(input)}|${refreshKey}`);
  const { data: own } = useLoad(() => call('staff.me', {}), 'me');
  const [deciding, setDeciding] = useState<{ request: TimeOff; decision: 'approved' | 'declined' } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const canDecide = me ? roleHas(me.user.role, 'timeoff.decide') : false;
  const order = clinic?.dateOrder ?? 'MDY';
  // The row decided on is gone from the queue: focus goes to the message saying what happened.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  async function withdraw(request: TimeOff) {
    setProblem(null);
    setNotice(null);
    try {
      await call('timeoff.cancel', { id: request.id });
      reload();
      onChanged?.();
    } catch (e) {
      setProblem(messageOf(e));
    }
  }

  if (error) {
    return (
      <Alert>
        {error}{' '}
        <Button variant="ghost" onClick={reload}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (loading && !data) return <Loading label="Loading time off…" />;
  const rows = (data ?? []).slice().sort((a, b) => (a.status === 'pending' ? 0 : 1) - (b.status === 'pending' ? 0 : 1) || (a.start < b.start ? 1 : -1));
  const message = notice && (
    <div ref={noticeRef} tabIndex={-1} className="timeoff-notice">
      <Alert tone="success">{notice}</Alert>
    </div>
  );
  if (rows.length === 0)
    return (
      <>
        {message}
        <EmptyState title={pendingOnly ? 'Nothing waiting for a decision' : 'No time off in the last three months or the coming year'} />
      </>
    );
  return (
    <>
      {message}
      {problem && <Alert>{problem}</Alert>}
      <div className="table-wrap">
        <table className="table timeoff-table">
          <caption className="sr-only">Time off</caption>
          <thead>
            <tr>
              {!staffId && <th scope="col">Person</th>}
              <th scope="col">Kind</th>
              <th scope="col">When</th>
              <th scope="col">Status</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => {
              const mine = own?.id === t.staffId;
              const open = t.status === 'pending' || t.status === 'approved';
              return (
                <tr key={t.id} className={open ? undefined : 'row-inactive'}>
                  {!staffId && <td>{t.staffName}</td>}
                  <td>{TIME_OFF_LABELS[t.kind]}</td>
                  <td>{describeTimeOff(t, order)}</td>
                  <td>
                    <Badge tone={STATUS_TONE[t.status]}>{STATUS_LABEL[t.status]}</Badge>
                    {t.decidedBy && <div className="muted small">by {t.decidedBy}</div>}
                  </td>
                  <td>
                    {t.requestNote && <div>{t.requestNote}</div>}
                    {t.decisionNote && <div className="muted small">Reply: {t.decisionNote}</div>}
                  </td>
                  <td className="cell-actions">
                    {canDecide && t.status === 'pending' && (
                      <>
                        <Button variant="ghost" onClick={() => setDeciding({ request: t, decision: 'approved' })} aria-label={`Approve ${t.staffName}’s ${TIME_OFF_LABELS[t.kind].toLowerCase()}`}>
                          Approve
                        </Button>
                        <Button variant="ghost" onClick={() => setDeciding({ request: t, decision: 'declined' })} aria-label={`Decline ${t.staffName}’s ${TIME_OFF_LABELS[t.kind].toLowerCase()}`}>
                          Decline
                        </Button>
                      </>
                    )}
                    {/* One's own request only: an approver declines someone else's rather than withdrawing it. */}
                    {open && mine && (
                      <Button variant="ghost" onClick={() => void withdraw(t)} aria-label={`Withdraw ${t.staffName}’s ${TIME_OFF_LABELS[t.kind].toLowerCase()}`}>
                        Withdraw
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Dialog open={deciding !== null} wide={deciding?.decision === 'approved'} title={deciding?.decision === 'approved' ? 'Approve time off' : 'Decline time off'} onClose={() => setDeciding(null)}>
        {deciding && (
          <DecideForm
            request={deciding.request}
            decision={deciding.decision}
            order={order}
            onClose={() => setDeciding(null)}
            onDone={(decided) => {
              setDeciding(null);
              setNotice(decidedMessage(decided, order));
              reload();
              onChanged?.();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

/** "Approved Kai Goldberg’s vacation, 12/09/2026 – 12/10/2026. 2 shifts taken off the roster." */
function decidedMessage(t: TimeOffDecision, order: DateOrder): string {
  const what = `${t.status === 'approved' ? 'Approved' : 'Declined'} ${t.staffName}’s ${TIME_OFF_LABELS[t.kind].toLowerCase()}, ${describeTimeOff(t, order)}.`;
  const roster = [t.shiftsRemoved > 0 ? `${plural(t.shiftsRemoved, 'shift')} taken off the roster` : '', t.shiftsShortened > 0 ? `${plural(t.shiftsShortened, 'shift')} cut back` : ''].filter(Boolean).join(', ');
  return roster ? `${what} ${roster.charAt(0).toUpperCase()}${roster.slice(1)}.` : what;
}

/** "Wed, Dec 9 8:00 AM–4:30 PM" */
function shiftSpan(start: string, end: string, order: DateOrder): string {
  return `${formatDayShort(datePart(start), order)} ${formatWallTime(timePart(start), order)}–${formatWallTime(timePart(end), order)}`;
}

function shiftEffect(c: ShiftChange, order: DateOrder): string {
  if (c.effect === 'remove') return 'taken off the roster';
  const keeps = c.keeps.map((k) => `${formatWallTime(timePart(k.start), order)}–${formatWallTime(timePart(k.end), order)}`).join(' and ');
  return `cut back to ${keeps}`;
}

function DecideForm({ request, decision, order, onClose, onDone }: { request: TimeOff; decision: 'approved' | 'declined'; order: DateOrder; onClose: () => void; onDone: (decided: TimeOffDecision) => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [removeShifts, setRemoveShifts] = useState(true);
  const approving = decision === 'approved';
  const impact = useLoad(() => (approving ? call('timeoff.impact', { id: request.id }) : Promise.resolve(null)), `${request.id}|${decision}`);
  const shifts = impact.data?.shifts ?? [];
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      onDone(await call('timeoff.decide', { id: request.id, decision, comment, ...(approving && shifts.length > 0 ? { removeShifts } : {}) }));
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="stack timeoff-decide" noValidate>
      <p>
        <strong>{request.staffName}</strong>: {TIME_OFF_LABELS[request.kind].toLowerCase()}, {describeTimeOff(request, order)}.
      </p>
      {approving && (
        <section className="stack timeoff-impact" aria-labelledby="impact-title" aria-busy={impact.loading || undefined}>
          <h3 id="impact-title">What this changes</h3>
          <LoadError error={impact.error} onRetry={impact.reload} title="What this time off changes could not be loaded" />
          {impact.loading && !impact.data && <Loading label="Checking the roster and the schedule…" />}
          {impact.data && shifts.length === 0 && <p className="muted">{request.staffName} has no shifts on the roster during it.</p>}
          {impact.data && shifts.length > 0 && (
            <>
              <p>
                {plural(shifts.length, 'rostered shift')} during it: {formatHours(impact.data.paidMinutesLost)} of paid time
                {impact.data.costCents ? `, ${formatCents(impact.data.costCents)} of labor cost` : ''}.
              </p>
              <ul className="timeoff-shifts">
                {shifts.map((c) => (
                  <li key={c.shift.id}>
                    {shiftSpan(c.shift.start, c.shift.end, order)}
                    <span className="muted"> · {removeShifts ? shiftEffect(c, order) : 'stays on the roster'}</span>
                  </li>
                ))}
              </ul>
              <CheckboxField label={shifts.length === 1 ? 'Take this shift off the roster' : 'Take these shifts off the roster'} checked={removeShifts} onChange={setRemoveShifts} hint="Saved with the approval; the roster’s hours and labor cost change with it." />
            </>
          )}
          {impact.data && impact.data.appointments.length > 0 && (
            <>
              <Alert tone="warning" title={`${plural(impact.data.appointments.length, 'booked appointment')} during it`}>
                Approving does not move them: call these patients to reschedule.
              </Alert>
              <CallList compact title={`${request.staffName}: ${TIME_OFF_LABELS[request.kind].toLowerCase()} ${describeTimeOff(request, order)}`} appointments={impact.data.appointments} />
            </>
          )}
        </section>
      )}
      <TextField label="Comment (optional)" value={comment} onChange={setComment} maxLength={500} autoFocus />
      {problem && <Alert>{problem}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant={approving ? 'primary' : 'danger'} busy={busy} disabled={approving && impact.loading}>
          {approving ? 'Approve' : 'Decline'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
