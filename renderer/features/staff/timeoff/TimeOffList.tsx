import { useState } from 'react';
import type { TimeOff } from '../../../../shared/contract/staff-types';
import { formatDate, formatWallTime } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { TIME_OFF_LABELS } from '../../../../shared/domain/staff';
import { dateInZone } from '../../../../shared/domain/time';
import { addDays } from '../../../../shared/domain/wallclock';
import { call, messageOf } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Badge, EmptyState, Loading } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';
import type { DateOrder } from '../../../../shared/contract/types';

/** "Mon 03/09/2026 – Fri 03/13/2026" for whole days, "03/09/2026 12:00 PM – 3:00 PM" for part of a day. */
export function describeTimeOff(t: Pick<TimeOff, 'start' | 'end'>, order: DateOrder): string {
  const startDate = t.start.slice(0, 10);
  const endDate = t.end.slice(0, 10);
  const wholeDays = t.start.endsWith('T00:00') && t.end.endsWith('T00:00');
  if (wholeDays) {
    const last = addDays(endDate, -1);
    return last === startDate ? formatDate(startDate, order) : `${formatDate(startDate, order)} – ${formatDate(last, order)}`;
  }
  const from = `${formatDate(startDate, order)} ${formatWallTime(t.start.slice(11), order)}`;
  return startDate === endDate ? `${from} – ${formatWallTime(t.end.slice(11), order)}` : `${from} – ${formatDate(endDate, order)} ${formatWallTime(t.end.slice(11), order)}`;
}

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
  const canDecide = me ? roleHas(me.user.role, 'timeoff.decide') : false;
  const order = clinic?.dateOrder ?? 'MDY';

  async function withdraw(request: TimeOff) {
    setProblem(null);
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
  if (rows.length === 0) return <EmptyState title={pendingOnly ? 'Nothing waiting for a decision' : 'No time off in the last three months or the coming year'} />;
  return (
    <>
      {problem && <Alert>{problem}</Alert>}
      <div className="table-wrap">
        <table className="table">
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
                    {open && (canDecide || mine) && (
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
      <Dialog open={deciding !== null} title={deciding?.decision === 'approved' ? 'Approve time off' : 'Decline time off'} onClose={() => setDeciding(null)}>
        {deciding && (
          <DecideForm
            request={deciding.request}
            decision={deciding.decision}
            order={order}
            onClose={() => setDeciding(null)}
            onDone={() => {
              setDeciding(null);
              reload();
              onChanged?.();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function DecideForm({ request, decision, order, onClose, onDone }: { request: TimeOff; decision: 'approved' | 'declined'; order: DateOrder; onClose: () => void; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await call('timeoff.decide', { id: request.id, decision, comment });
      onDone();
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="stack" noValidate>
      <p>
        <strong>{request.staffName}</strong>: {TIME_OFF_LABELS[request.kind].toLowerCase()}, {describeTimeOff(request, order)}.
      </p>
      <TextField label="Comment (optional)" value={comment} onChange={setComment} maxLength={500} autoFocus />
      {problem && <Alert>{problem}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant={decision === 'approved' ? 'primary' : 'danger'} busy={busy}>
          {decision === 'approved' ? 'Approve' : 'Decline'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
