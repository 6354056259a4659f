import { CalendarSearch, ListPlus, X } from 'lucide-react';
import { useState } from 'react';
import type { Appointment } from '../../../../shared/contract/appointments';
import type { WaitlistEntry } from '../../../../shared/contract/waitlist';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatWallTime } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { dateInZone, datePart, timePart } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { AddToWaitlistDialog } from './AddToWaitlistDialog';
import { FindSlotDialog, slotDay } from './FindSlotDialog';
import { RemoveFromWaitlistDialog } from './RemoveFromWaitlistDialog';
import { UrgencyBadge, WaitingSince, WaitlistPatient, WaitlistWishes } from './WaitlistParts';
import './waitlist.css';

/** Past entries can pile up over the years; the most recent are the ones anyone looks for. */
const HISTORY_SHOWN = 100;

interface Clock {
  zone: string;
  order: DateOrder;
  today: string;
}

/** The waitlist: who wants an appointment sooner, urgent first then longest waiting, and the way to book them. */
export function WaitlistPage() {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const canManage = me ? roleHas(me.user.role, 'schedule.manage') : false;
  const [showHistory, setShowHistory] = useState(false);
  const [adding, setAdding] = useState(false);
  const [finding, setFinding] = useState<WaitlistEntry | null>(null);
  const [removing, setRemoving] = useState<WaitlistEntry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const waiting = useLoad(() => call('waitlist.list', { status: 'waiting' }), 'waitlist-waiting');
  const history = useLoad(
    () =>
      showHistory
        ? Promise.all([call('waitlist.list', { status: 'booked' }), call('waitlist.list', { status: 'closed' })]).then(([booked, closed]) =>
            [...booked, ...closed].sort((a, b) => (a.addedAt < b.addedAt ? 1 : -1)),
          )
        : Promise.resolve(null),
    `waitlist-history-${showHistory}`,
  );

  const clock: Clock | null = clinic ? { zone: clinic.timeZone, order: clinic.dateOrder, today: dateInZone(new Date(), clinic.timeZone) } : null;

  function refresh() {
    waiting.reload();
    if (showHistory) history.reload();
  }

  function booked(appointment: Appointment, entry: WaitlistEntry) {
    setFinding(null);
    const order = clinic?.dateOrder ?? 'MDY';
    const day = clock ? slotDay(datePart(appointment.start), clock.today, order) : datePart(appointment.start);
    setNotice(`Booked ${entry.patient.name} for a ${appointment.typeName.toLowerCase()} appointment on ${day} at ${formatWallTime(timePart(appointment.start), order)} with ${appointment.providerName}. They are off the waitlist.`);
    refresh();
  }

  const list = waiting.data;
  const urgent = list?.filter((e) => e.urgency === 'urgent').length ?? 0;

  return (
    <section className="card stack" aria-labelledby="waitlist-title">
      <div className="section-header">
        <div>
          <h2 id="waitlist-title">Waitlist</h2>
          <p className="muted">Patients who want an appointment as soon as a suitable time frees up. Urgent first, then whoever has waited longest.</p>
        </div>
        {canManage && (
          <Button
            variant="primary"
            icon={<ListPlus size={16} aria-hidden="true" />}
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Add to waitlist
          </Button>
        )}
      </div>

      <div className="waitlist-toolbar">
        <p className="waitlist-count" aria-live="polite">
          {list && (list.length === 0 ? 'Nobody waiting' : `${list.length} ${list.length === 1 ? 'patient' : 'patients'} waiting`)}
          {urgent > 0 && (
            <>
              {' · '}
              <strong className="waitlist-urgent-count">{urgent} urgent</strong>
            </>
          )}
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={showHistory} onChange={(e) => setShowHistory(e.target.checked)} /> Also show booked and removed entries
        </label>
      </div>

      {!canManage && <p className="muted small">You can see the waitlist here; the front desk adds patients to it and books them.</p>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <LoadError error={waiting.error} onRetry={waiting.reload} title="The waitlist could not be loaded" />
      {(waiting.loading || !clock) && !list && <Loading label="Loading the waitlist…" />}
      {list && clock && list.length === 0 && (
        <EmptyState title="Nobody is waiting for an appointment">
          {canManage
            ? 'When a patient wants an earlier or a first appointment and nothing suits today, add them with “Add to waitlist”. Use “Find a slot” to offer them the next free time.'
            : 'When the front desk adds a patient who wants an earlier appointment, they appear here.'}
        </EmptyState>
      )}
      {list && clock && list.length > 0 && (
        <WaitingTable
          entries={list}
          clock={clock}
          canManage={canManage}
          onFind={(e) => {
            setNotice(null);
            setFinding(e);
          }}
          onRemove={(e) => {
            setNotice(null);
            setRemoving(e);
          }}
        />
      )}

      {showHistory && clock && (
        <section className="stack waitlist-history" aria-labelledby="waitlist-history-title">
          <h3 id="waitlist-history-title">No longer waiting</h3>
          <LoadError error={history.error} onRetry={history.reload} title="Past waitlist entries could not be loaded" />
          {history.loading && !history.data && <Loading label="Loading past entries…" />}
          {history.data && history.data.length === 0 && <p className="muted">Nobody has been booked from the waitlist or removed from it yet.</p>}
          {history.data && history.data.length > 0 && <HistoryTable entries={history.data} clock={clock} />}
        </section>
      )}

      <AddToWaitlistDialog
        open={adding}
        waiting={list ?? []}
        onClose={() => setAdding(false)}
        onAdded={(entry) => {
          setAdding(false);
          setNotice(`Added ${entry.patient.name} to the waitlist for a ${entry.typeName.toLowerCase()} appointment.`);
          refresh();
        }}
      />
      <FindSlotDialog entry={finding} onClose={() => setFinding(null)} onBooked={booked} />
      <RemoveFromWaitlistDialog
        entry={removing}
        onClose={() => setRemoving(null)}
        onRemoved={(entry) => {
          setRemoving(null);
          setNotice(`Removed ${entry.patient.name} from the waitlist.`);
          refresh();
        }}
      />
    </section>
  );
}

function WaitingTable({ entries, clock, canManage, onFind, onRemove }: { entries: WaitlistEntry[]; clock: Clock; canManage: boolean; onFind: (e: WaitlistEntry) => void; onRemove: (e: WaitlistEntry) => void }) {
  return (
    <div className="table-wrap">
      <table className="table waitlist-table">
        <caption className="sr-only">Patients waiting, urgent first, then by the date they were added</caption>
        <thead>
          <tr>
            <th scope="col">Urgency</th>
            <th scope="col">Patient</th>
            <th scope="col">Needs</th>
            <th scope="col">Would suit</th>
            <th scope="col">Note</th>
            <th scope="col">Waiting</th>
            {canManage && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className={entry.urgency === 'urgent' ? 'waitlist-row-urgent' : undefined}>
              <td>
                <UrgencyBadge urgency={entry.urgency} />
              </td>
              <td>
                <WaitlistPatient patient={entry.patient} />
              </td>
              <td>{entry.typeName}</td>
              <td>
                <WaitlistWishes entry={entry} order={clock.order} />
              </td>
              <td className="waitlist-note">{entry.note || <span className="muted">—</span>}</td>
              <td className="nowrap">
                <WaitingSince addedAt={entry.addedAt} zone={clock.zone} order={clock.order} today={clock.today} />
              </td>
              {canManage && (
                <td className="cell-actions">
                  <div className="waitlist-actions">
                    <Button icon={<CalendarSearch size={16} aria-hidden="true" />} onClick={() => onFind(entry)} aria-label={`Find a slot for ${entry.patient.name}`}>
                      Find a slot
                    </Button>
                    <Button variant="ghost" icon={<X size={16} aria-hidden="true" />} onClick={() => onRemove(entry)} aria-label={`Remove ${entry.patient.name} from the waitlist`}>
                      Remove
                    </Button>
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HistoryTable({ entries, clock }: { entries: WaitlistEntry[]; clock: Clock }) {
  const shown = entries.slice(0, HISTORY_SHOWN);
  return (
    <>
      {entries.length > shown.length && (
        <p className="muted small">
          Showing the {shown.length} most recently added of {entries.length}.
        </p>
      )}
      <div className="table-wrap">
        <table className="table waitlist-table waitlist-history-table">
          <caption className="sr-only">Entries no longer waiting, most recently added first</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Patient</th>
              <th scope="col">Needed</th>
              <th scope="col">Urgency</th>
              <th scope="col">Note</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) => (
              <tr key={entry.id} className="row-inactive">
                <td>{entry.status === 'booked' ? <Badge tone="good">Booked</Badge> : <Badge tone="neutral">Removed</Badge>}</td>
                <td>
                  <WaitlistPatient patient={entry.patient} />
                </td>
                <td>{entry.typeName}</td>
                <td>
                  <UrgencyBadge urgency={entry.urgency} />
                </td>
                <td className="waitlist-note">{entry.note || <span className="muted">—</span>}</td>
                <td className="nowrap">
                  <WaitingSince addedAt={entry.addedAt} zone={clock.zone} order={clock.order} today={clock.today} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
