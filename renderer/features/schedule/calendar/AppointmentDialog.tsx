import { useState } from 'react';
import type { Appointment } from '../../../../shared/contract/appointments';
import type { ScheduleFrame } from '../../../../shared/contract/schedule';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { STATUS_LABELS, STATUS_MOVES, type AppointmentStatus } from '../../../../shared/domain/appointments';
import { formatDate, formatInstant, formatLongDate, formatWallTime } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { wallInZone } from '../../../../shared/domain/time';
import { call, messageOf } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Badge, Loading } from '../../../ui/Feedback';
import { useDiscardGuard } from '../../../ui/DiscardGuard';
import { CancelForm, EditForm, MoveForm, type ChangeOutcome, type MoveChanges } from './AppointmentForms';
import { StatusBadge } from './StatusBadge';

interface AppointmentDialogProps {
  id: string;
  frame: ScheduleFrame;
  order: DateOrder;
  zone: string;
  onClose: () => void;
  onChanged: (outcome: ChangeOutcome) => void;
  onMove: (a: Appointment, changes: MoveChanges) => void;
}

/** The next steps a person takes at the desk, in the order they happen. */
const FORWARD: Partial<Record<AppointmentStatus, { to: Exclude<AppointmentStatus, 'cancelled'>; label: string }>> = {
  booked: { to: 'arrived', label: 'Check in (arrived)' },
  confirmed: { to: 'arrived', label: 'Check in (arrived)' },
  arrived: { to: 'in_room', label: 'Into the room' },
  in_room: { to: 'completed', label: 'Completed' },
};

/**
 * One appointment, opened (which counts as a look at the patient's record):
 * who, when, where, its time stamps, and the desk's actions — confirm, check in,
 * into the room, complete, no-show, one step back, move, cancel.
 */
export function AppointmentDialog({ id, frame, order, zone, onClose, onChanged, onMove }: AppointmentDialogProps) {
  const me = useSession((s) => s.me);
  const [refresh, setRefresh] = useState(0);
  const { data: a, error, loading } = useLoad(() => call('appointments.get', { id }), `${id}|${refresh}`);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [mode, setMode] = useState<'view' | 'cancel' | 'move' | 'edit'>('view');
  // A half-filled edit or cancellation is not lost to a stray Esc.
  const [formDirty, setFormDirty] = useState(false);
  const { requestClose, confirm } = useDiscardGuard({ dirty: mode !== 'view' && formDirty, onClose, what: mode === 'cancel' ? 'this cancellation' : 'these changes' });
  const backToView = () => {
    setFormDirty(false);
    setMode('view');
  };
  const canManage = me ? roleHas(me.user.role, 'schedule.manage') : false;
  const own = a && frame.myStaffId === a.providerId;
  // Check-in happens on the day; a no-show only once the start has passed (the main process insists too).
  const [now] = useState(() => wallInZone(new Date(), zone));
  const onTheDay = a ? a.start.slice(0, 10) <= now.slice(0, 10) : false;
  const started = a ? a.start <= now : false;
  const canStatus = me ? roleHas(me.user.role, 'schedule.manage') || (roleHas(me.user.role, 'schedule.status') && own) : false;

  async function setStatus(to: Exclude<AppointmentStatus, 'cancelled'>) {
    if (!a || a.status === 'cancelled') return;
    setBusy(true);
    setMessage(null);
    try {
      const from: Exclude<AppointmentStatus, 'cancelled'> = a.status;
      const done = await call('appointments.setStatus', { id: a.id, status: to });
      setRefresh((n) => n + 1);
      onChanged({ text: `${done.patient.name}: ${STATUS_LABELS[to].toLowerCase()}.`, undo: () => call('appointments.setStatus', { id: a.id, status: from }) });
    } catch (e) {
      setMessage(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const title = a ? `${a.patient.name} · ${formatWallTime(a.start.slice(11), order)}` : 'Appointment';
  return (
    <>
      <Dialog open title={title} onClose={requestClose} wide>
        {loading && !a && <Loading label="Opening the appointment…" />}
        {error && <Alert>{error}</Alert>}
        {a && mode === 'view' && (
          <div className="stack">
            {message && <Alert>{message}</Alert>}
            <div className="appt-summary">
              <dl className="facts">
                <dt>Patient</dt>
                <dd>
                  <a
                    href={`#/patients/record/${a.patient.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/patients/record/${a.patient.id}`);
                    }}
                  >
                    {a.patient.name}
                  </a>{' '}
                  <span className="muted">
                    born {formatDate(a.patient.dob, order)} · record {a.patient.mrn} · {a.patient.phone || 'no phone'}
                  </span>
                </dd>
                <dt>When</dt>
                <dd>
                  {formatLongDate(new Date(`${a.start.slice(0, 10)}T12:00:00Z`), 'UTC', order)}, {formatWallTime(a.start.slice(11), order)}–{formatWallTime(a.end.slice(11), order)}
                </dd>
                <dt>With</dt>
                <dd>
                  {a.providerName}
                  {a.roomName ? ` · ${a.roomName}` : ''}
                </dd>
                <dt>Type</dt>
                <dd>
                  <span className="swatch" style={{ background: a.colour }} aria-hidden="true" /> {a.typeName}
                  {a.seriesId && <Badge tone="info">Part of a series</Badge>}
                </dd>
                {a.reason && (
                  <>
                    <dt>Reason</dt>
                    <dd>{a.reason}</dd>
                  </>
                )}
                {a.note && (
                  <>
                    <dt>Note</dt>
                    <dd>{a.note}</dd>
                  </>
                )}
                <dt>Status</dt>
                <dd>
                  <StatusBadge status={a.status} /> {a.lateCancel && <Badge tone="warn">Late cancel</Badge>}
                  <Stamps a={a} order={order} zone={zone} />
                </dd>
                {a.overrideReason && (
                  <>
                    <dt>Booked over a clash</dt>
                    <dd>{a.overrideReason}</dd>
                  </>
                )}
                {a.cancelReason && (
                  <>
                    <dt>Canceled</dt>
                    <dd>
                      by the {a.cancelledBy}: {a.cancelReason}
                    </dd>
                  </>
                )}
              </dl>
            </div>
            {canStatus && (
              <div className="row appt-actions" role="group" aria-label="Change the status">
                {FORWARD[a.status] && onTheDay && (
                  <Button variant="primary" busy={busy} onClick={() => void setStatus(FORWARD[a.status]!.to)}>
                    {FORWARD[a.status]!.label}
                  </Button>
                )}
                {a.status === 'booked' && (
                  <Button busy={busy} onClick={() => void setStatus('confirmed')}>
                    Confirmed by phone
                  </Button>
                )}
                {a.status === 'arrived' && onTheDay && (
                  <Button busy={busy} onClick={() => void setStatus('completed')}>
                    Completed
                  </Button>
                )}
                {STATUS_MOVES[a.status].includes('no_show') && started && (
                  <Button busy={busy} onClick={() => void setStatus('no_show')}>
                    No-show
                  </Button>
                )}
                {stepBack(a.status) && (
                  <Button variant="ghost" busy={busy} onClick={() => void setStatus(stepBack(a.status)!)}>
                    Back to {STATUS_LABELS[stepBack(a.status)!].toLowerCase()}
                  </Button>
                )}
              </div>
            )}
            {canManage && (a.status === 'booked' || a.status === 'confirmed') && (
              <div className="row">
                <Button onClick={() => setMode('edit')}>Edit type, reason or note…</Button>
                <Button onClick={() => setMode('move')}>Move…</Button>
                <Button variant="danger" onClick={() => setMode('cancel')}>
                  Cancel appointment…
                </Button>
              </div>
            )}
          </div>
        )}
        {a && mode === 'cancel' && <CancelForm a={a} onBack={backToView} onDirty={setFormDirty} onDone={(o) => onChanged(o)} />}
        {a && mode === 'edit' && (
          <EditForm
            a={a}
            frame={frame}
            onBack={backToView}
            onDirty={setFormDirty}
            onDone={(o) => {
              backToView();
              setRefresh((n) => n + 1);
              onChanged(o);
            }}
          />
        )}
        {a && mode === 'move' && (
          <MoveForm
            a={a}
            frame={frame}
            onBack={backToView}
            onMove={(changes) => {
              onMove(a, changes);
            }}
          />
        )}
      </Dialog>
      {confirm}
    </>
  );
}

/** One step back along the flow, to undo a slip of the finger. */
function stepBack(status: AppointmentStatus): Exclude<AppointmentStatus, 'cancelled'> | null {
  const back: Partial<Record<AppointmentStatus, Exclude<AppointmentStatus, 'cancelled'>>> = { arrived: 'confirmed', in_room: 'arrived', completed: 'in_room', no_show: 'booked' };
  return back[status] ?? null;
}

function Stamps({ a, order, zone }: { a: Appointment; order: DateOrder; zone: string }) {
  const time = (iso: string) => formatInstant(iso, zone, order).split(', ').at(-1);
  const minutes = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
  return (
    <span className="appt-stamps">
      {a.arrivedAt && <span>Arrived {time(a.arrivedAt)}</span>}
      {a.arrivedAt && a.status === 'arrived' && <span className="appt-waiting">waiting {Math.max(0, minutes(a.arrivedAt, new Date().toISOString()))} min</span>}
      {a.inRoomAt && (
        <span>
          In room {time(a.inRoomAt)}
          {a.arrivedAt ? ` (waited ${Math.max(0, minutes(a.arrivedAt, a.inRoomAt))} min)` : ''}
        </span>
      )}
      {a.completedAt && <span>Completed {time(a.completedAt)}</span>}
    </span>
  );
}
