import { Plus } from 'lucide-react';
import { useState } from 'react';
import type { Equipment } from '../../../../shared/contract/equipment';
import type { Room } from '../../../../shared/contract/rooms';
import { formatDate } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { ROOM_KIND_LABELS } from '../../../../shared/domain/staff';
import { dateInZone, daysBetween } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { EquipmentDialog, RecordServiceDialog } from './EquipmentDialogs';
import { RoomDialog } from './RoomDialog';
import './facilities.css';

/** Days ahead in which a coming service is flagged. */
const DUE_SOON_DAYS = 30;

/** Rooms, and equipment with its service dates. Managers and reception change them; providers look. */
export function FacilitiesPage() {
  const me = useSession((s) => s.me);
  const canManage = me ? roleHas(me.user.role, 'rooms.manage') : false;
  const canManageEquipment = me ? roleHas(me.user.role, 'equipment.manage') : false;
  // Equipment shows room names, so a room change reloads the equipment too.
  const [roomsChanged, setRoomsChanged] = useState(0);
  return (
    <div className="stack">
      <RoomsSection canManage={canManage} onChanged={() => setRoomsChanged((n) => n + 1)} />
      <EquipmentSection canManage={canManageEquipment} refreshKey={roomsChanged} />
    </div>
  );
}

function RoomsSection({ canManage, onChanged }: { canManage: boolean; onChanged: () => void }) {
  const [showRetired, setShowRetired] = useState(false);
  const { data: rooms, error, loading, reload } = useLoad(() => call('rooms.list', { includeInactive: showRetired }), `rooms-${showRetired}`);
  const [editing, setEditing] = useState<Room | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  function open(room: Room | null) {
    setNotice(null);
    setEditing(room);
    setDialogOpen(true);
  }

  return (
    <section className="card stack" aria-labelledby="rooms-title">
      <div className="section-header">
        <div>
          <h2 id="rooms-title">Rooms</h2>
          <p className="muted">Exam, procedure and lab rooms. Retired rooms stay in the history.</p>
        </div>
        {canManage && (
          <Button variant="primary" icon={<Plus size={16} aria-hidden="true" />} onClick={() => open(null)}>
            Add room
          </Button>
        )}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
        <span>Show retired rooms</span>
      </label>
      {notice && <Alert tone="success">{notice}</Alert>}
      <LoadError error={error} onRetry={reload} />
      {loading && !rooms && <Loading label="Loading rooms…" />}
      {rooms && rooms.length === 0 && (
        <EmptyState title={showRetired ? 'No rooms yet' : 'No rooms in use'}>
          {canManage ? 'Add the clinic’s rooms with “Add room”.' : 'The office manager or reception adds rooms here.'}
        </EmptyState>
      )}
      {rooms && rooms.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-busy={loading || undefined}>
            <caption className="sr-only">Rooms, {rooms.length}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Note</th>
                <th scope="col">Status</th>
                {canManage && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rooms.map((r) => (
                <tr key={r.id} className={r.active ? undefined : 'row-inactive'}>
                  <td className="facilities-name">
                    {r.name}
                  </td>
                  <td>{ROOM_KIND_LABELS[r.kind]}</td>
                  <td>{r.note || <span className="muted">—</span>}</td>
                  <td>{r.active ? <Badge tone="good">In use</Badge> : <Badge tone="neutral">Retired</Badge>}</td>
                  {canManage && (
                    <td className="cell-actions">
                      <Button variant="ghost" onClick={() => open(r)} aria-label={`Edit room ${r.name}`}>
                        Edit
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <RoomDialog
          open={dialogOpen}
          room={editing}
          onClose={() => setDialogOpen(false)}
          onSaved={(room, added) => {
            setDialogOpen(false);
            setNotice(added ? `Room “${room.name}” added.` : room.active ? `Room “${room.name}” saved.` : `Room “${room.name}” is retired.`);
            reload();
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function interval(months: number | null) {
  if (!months) return <span className="muted">—</span>;
  return `${months} ${months === 1 ? 'month' : 'months'}`;
}

function statusBadges(item: Equipment, today: string) {
  const badges = [];
  if (!item.active) badges.push(<Badge key="retired">Retired</Badge>);
  if (item.overdue)
    badges.push(
      <Badge key="overdue" tone="bad">
        Service overdue
      </Badge>,
    );
  if (item.outOfService)
    badges.push(
      <Badge key="out" tone="warn">
        Out of service
      </Badge>,
    );
  if (item.active && !item.overdue && item.nextServiceOn && daysBetween(today, item.nextServiceOn) <= DUE_SOON_DAYS)
    badges.push(
      <Badge key="soon" tone="warn">
        Due within {DUE_SOON_DAYS} days
      </Badge>,
    );
  if (badges.length === 0)
    badges.push(
      <Badge key="ok" tone="good">
        OK
      </Badge>,
    );
  return <span className="badges">{badges}</span>;
}

function EquipmentSection({ canManage, refreshKey }: { canManage: boolean; refreshKey: number }) {
  const clinic = useSession((s) => s.clinic);
  const order = clinic?.dateOrder ?? 'MDY';
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : new Date().toISOString().slice(0, 10);
  const [showRetired, setShowRetired] = useState(false);
  const { data: items, error, loading, reload } = useLoad(() => call('equipment.list', { includeInactive: showRetired }), `equipment-${showRetired}-${refreshKey}`);
  const [editing, setEditing] = useState<Equipment | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [servicing, setServicing] = useState<Equipment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const date = (d: string | null) => (d ? formatDate(d, order) : <span className="muted">—</span>);
  const overdueCount = items?.filter((e) => e.overdue).length ?? 0;

  function open(item: Equipment | null) {
    setNotice(null);
    setEditing(item);
    setDialogOpen(true);
  }

  return (
    <section className="card stack" aria-labelledby="equipment-title">
      <div className="section-header">
        <div>
          <h2 id="equipment-title">Equipment</h2>
          <p className="muted">Service and calibration dates. Overdue equipment is listed first.</p>
        </div>
        {canManage && (
          <Button variant="primary" icon={<Plus size={16} aria-hidden="true" />} onClick={() => open(null)}>
            Add equipment
          </Button>
        )}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
        <span>Show retired equipment</span>
      </label>
      {notice && <Alert tone="success">{notice}</Alert>}
      {overdueCount > 0 && (
        <Alert tone="warning">
          {overdueCount === 1 ? '1 piece of equipment is past its service date.' : `${overdueCount} pieces of equipment are past their service date.`}
          {canManage ? ' Record the service once it is done.' : ''}
        </Alert>
      )}
      <LoadError error={error} onRetry={reload} />
      {loading && !items && <Loading label="Loading equipment…" />}
      {items && items.length === 0 && (
        <EmptyState title={showRetired ? 'No equipment yet' : 'No equipment in use'}>
          {canManage ? 'Add autoclaves, ECG machines, scales and the like with “Add equipment”, so their service dates are not missed.' : 'The office manager or reception adds equipment here.'}
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <div className="table-wrap facilities-equipment-wrap">
          <table className={canManage ? 'table facilities-equipment' : 'table facilities-equipment facilities-readonly'} aria-busy={loading || undefined}>
            <caption className="sr-only">Equipment, {items.length} items, overdue first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="facilities-wide">
                  Serial number
                </th>
                <th scope="col">Room</th>
                <th scope="col" className="facilities-wide">
                  Service every
                </th>
                <th scope="col" className="facilities-wide">
                  Last service
                </th>
                <th scope="col">Next service</th>
                <th scope="col">Status</th>
                {canManage && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} className={e.active ? undefined : 'row-inactive'}>
                  <td className="facilities-name">
                    {e.name}
                    {e.serialNumber && <div className="muted small facilities-narrow">
                        Serial no. <span className="facilities-nowrap">{e.serialNumber}</span>
                      </div>}
                    {e.note && <div className="muted small facilities-row-note">{e.note}</div>}
                  </td>
                  <td className="facilities-wide facilities-nowrap">{e.serialNumber ? <code>{e.serialNumber}</code> : <span className="muted">—</span>}</td>
                  <td>{e.roomName ?? <span className="muted">No room</span>}</td>
                  <td className="facilities-wide facilities-nowrap">{interval(e.serviceIntervalMonths)}</td>
                  <td className="facilities-wide facilities-nowrap">{date(e.lastServiceOn)}</td>
                  <td className="facilities-nowrap">
                    {e.nextServiceOn ? formatDate(e.nextServiceOn, order) : <span className="muted">Not set</span>}
                    <div className="muted small facilities-narrow">
                      Last {e.lastServiceOn ? formatDate(e.lastServiceOn, order) : 'not recorded'}
                      {e.serviceIntervalMonths ? `, every ${interval(e.serviceIntervalMonths)}` : ''}
                    </div>
                  </td>
                  <td>{statusBadges(e, today)}</td>
                  {canManage && (
                    <td className="cell-actions">
                      <div className="facilities-actions">
                        {e.active && (
                          <Button
                            variant="ghost"
                            onClick={() => {
                              setNotice(null);
                              setServicing(e);
                            }}
                            aria-label={`Record service for ${e.name}`}
                          >
                            Record service
                          </Button>
                        )}
                        <Button variant="ghost" onClick={() => open(e)} aria-label={`Edit ${e.name}`}>
                          Edit
                        </Button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <>
          <EquipmentDialog
            open={dialogOpen}
            item={editing}
            onClose={() => setDialogOpen(false)}
            onSaved={(item, added) => {
              setDialogOpen(false);
              const next = item.nextServiceOn ? ` Next service due ${formatDate(item.nextServiceOn, order)}.` : '';
              setNotice(`${item.name} ${added ? 'added' : item.active ? 'saved' : 'retired'}.${item.active ? next : ''}`);
              reload();
            }}
          />
          <RecordServiceDialog
            item={servicing}
            onClose={() => setServicing(null)}
            onSaved={(item) => {
              setServicing(null);
              setNotice(
                item.nextServiceOn
                  ? `Service recorded for ${item.name}. Next service due ${formatDate(item.nextServiceOn, order)}.`
                  : `Service recorded for ${item.name}. It has no service interval, so no next service is set.`,
              );
              reload();
            }}
          />
        </>
      )}
    </section>
  );
}
