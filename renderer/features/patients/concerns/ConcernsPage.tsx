import { MessageSquarePlus } from 'lucide-react';
import { useId, useState } from 'react';
import { concernsContract } from '../../../../shared/contract/concerns';
import type { Concern } from '../../../../shared/contract/concerns';
import { CONCERN_CATEGORY_LABELS, CONCERN_STATUS_LABELS, CONCERN_STATUSES, DEFAULT_CONCERN_TARGET_DAYS, type ConcernCategory, type ConcernStatus } from '../../../../shared/domain/patients';
import { roleHas } from '../../../../shared/domain/permissions';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { navigate, useRoute } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { SelectField } from '../../../ui/Field';
import { ConcernDetailDialog, LogConcernDialog } from './ConcernDialogs';
import { ConcernPatient, DaysOpen, listedCategories, loggedNotice, OpenedOn, SeverityBadge, StatusBadge, useOwners, useSeesStaffConduct } from './ConcernParts';

type StatusFilter = ConcernStatus | 'unresolved' | 'all';

const STATUS_OPTIONS: ReadonlyArray<{ value: StatusFilter; label: string }> = [
  { value: 'unresolved', label: 'Unresolved (open or in progress)' },
  ...CONCERN_STATUSES.map((s) => ({ value: s, label: CONCERN_STATUS_LABELS[s] })),
  { value: 'all', label: 'All' },
];

/** The concerns and complaints log: filter, log a new one, follow each up to closed. */
export function ConcernsPage() {
  const me = useSession((s) => s.me);
  const route = useRoute();
  const owners = useOwners();
  const seesStaffConduct = useSeesStaffConduct();
  const [status, setStatus] = useState<StatusFilter>('unresolved');
  const [category, setCategory] = useState<ConcernCategory | ''>('');
  const [ownerId, setOwnerId] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [logging, setLogging] = useState(false);
  const [detail, setDetail] = useState<Concern | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canManage = me ? roleHas(me.user.role, 'concerns.manage') : false;

  const filters = { ...(status !== 'all' ? { status } : {}), ...(category ? { category } : {}), ...(ownerId ? { ownerId } : {}), ...(overdueOnly ? { overdueOnly } : {}) };
  const { data, error, loading, reload } = useLoad(() => call('concerns.list', filters), JSON.stringify(filters));

  // `#/patients/concerns/<id>` (from the Today card) opens that concern.
  const routeId = /^\/patients\/concerns\/([\w-]+)/.exec(route)?.[1];
  const routed = useLoad(() => (routeId ? call('concerns.list', {}).then((all) => all.find((c) => c.id === routeId) ?? null) : Promise.resolve(null)), `concern-${routeId ?? ''}`);
  const shown = detail ?? (routeId ? routed.data : null);

  const filtered = status !== 'unresolved' || category !== '' || ownerId !== '' || overdueOnly;
  const ownerChoices = [{ value: '', label: 'Anyone' }, ...(me ? [{ value: me.user.id, label: 'Me' }] : []), ...(owners ?? []).filter((u) => u.id !== me?.user.id).map((u) => ({ value: u.id, label: u.fullName }))];

  function closeDetail() {
    setDetail(null);
    if (routeId) navigate('/patients/concerns');
  }

  return (
    <section className="card stack" aria-labelledby="concerns-title">
      <div className="section-header">
        <div>
          <h2 id="concerns-title">Concerns and complaints</h2>
          <p className="muted">Everything a patient or visitor raised, from the first call until it is put right and closed.</p>
        </div>
        {canManage && (
          <Button variant="primary" icon={<MessageSquarePlus size={16} aria-hidden="true" />} onClick={() => setLogging(true)}>
            Log a concern
          </Button>
        )}
      </div>
      <TargetLine onChanged={reload} />
      <div className="concern-filters">
        <SelectField label="Status" value={status} onChange={(v) => setStatus(v as StatusFilter)} options={STATUS_OPTIONS} />
        <SelectField label="Category" value={category} onChange={(v) => setCategory(v as ConcernCategory | '')} options={[{ value: '', label: 'All categories' }, ...listedCategories(seesStaffConduct).map((c) => ({ value: c, label: CONCERN_CATEGORY_LABELS[c] }))]} />
        <SelectField label="Owner" value={ownerId} onChange={setOwnerId} options={ownerChoices} />
        <label className="checkbox concern-overdue-filter">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> Overdue only
        </label>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {routeId && routed.data === null && !routed.loading && !routed.error && <Alert tone="warning">That concern could not be found.</Alert>}
      <LoadError error={error} onRetry={reload} />
      {loading && !data && <Loading label="Loading concerns…" />}
      {data && data.length === 0 && (
        <EmptyState title={filtered ? 'No concerns match these filters' : 'No unresolved concerns — good.'}>
          {filtered ? 'Try another status, category or owner.' : canManage ? 'When someone raises a concern, log it here with “Log a concern”.' : undefined}
        </EmptyState>
      )}
      {data && data.length > 0 && (
        <div className="table-wrap">
          <table className="table concern-table" aria-busy={loading || undefined}>
            <caption className="sr-only">Concerns, {data.length} shown</caption>
            <thead>
              <tr>
                <th scope="col">Opened</th>
                <th scope="col">Patient</th>
                <th scope="col">Category</th>
                <th scope="col">Severity</th>
                <th scope="col">Owner</th>
                <th scope="col">Status</th>
                <th scope="col">Days open</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.id} className={c.status === 'closed' ? 'row-inactive' : undefined}>
                  <td>
                    <OpenedOn date={c.openedOn} />
                  </td>
                  <td>
                    <ConcernPatient concern={c} />
                  </td>
                  <td>{CONCERN_CATEGORY_LABELS[c.category]}</td>
                  <td>
                    <SeverityBadge severity={c.severity} />
                  </td>
                  <td>{c.owner ? c.owner.name : <span className="muted">Nobody yet</span>}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>
                    <DaysOpen concern={c} />
                  </td>
                  <td className="cell-actions">
                    <Button variant="ghost" onClick={() => {
                        setNotice(null);
                        setDetail(c);
                      }} aria-label={`Open the ${CONCERN_CATEGORY_LABELS[c.category].toLowerCase()} concern ${c.patient ? `from ${c.patient.name}` : '(anonymous)'}`}>
                      Open…
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LogConcernDialog
        open={logging}
        onClose={() => setLogging(false)}
        onLogged={(c) => {
          setLogging(false);
          setNotice(loggedNotice(c, seesStaffConduct));
          reload();
        }}
      />
      <ConcernDetailDialog
        concern={shown}
        onClose={closeDetail}
        onChanged={(c) => {
          setDetail(c);
          reload();
        }}
      />
    </section>
  );
}

/** "Concerns unresolved after 30 days are overdue", and the manager's way to change it. */
function TargetLine({ onChanged }: { onChanged: () => void }) {
  const targetErrorId = useId();
  const me = useSession((s) => s.me);
  const mayChange = me ? roleHas(me.user.role, 'concerns.settings') : false;
  const { data, reload } = useLoad(() => call('concerns.settings', {}), 'concern-target');
  const [editing, setEditing] = useState(false);
  const [days, setDays] = useState('');
  const form = useFormSubmit();
  const target = data?.targetDays ?? DEFAULT_CONCERN_TARGET_DAYS;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const value = Number(days);
    if (days.trim() === '' || !Number.isInteger(value)) {
      form.setErrors({ targetDays: 'Enter a number of days, from 1 to 365' });
      return;
    }
    const saved = await form.submit(concernsContract['concerns.setTarget'].input, { targetDays: value }, (i) => call('concerns.setTarget', i));
    if (saved) {
      setEditing(false);
      reload();
      onChanged();
    }
  }

  if (editing) {
    const error = form.errors.targetDays ?? form.message ?? undefined;
    return (
      <form className="concern-target-form" onSubmit={save} noValidate aria-label="Change when concerns are overdue">
        <div className="concern-target-row">
          <span aria-hidden="true">Concerns unresolved after</span>
          <input
            type="number"
            className="concern-target-input"
            aria-label="Days before an unresolved concern is overdue"
            aria-describedby={error ? targetErrorId : undefined}
            aria-invalid={Boolean(error) || undefined}
            min={1}
            max={365}
            step={1}
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            autoFocus
          />
          <span aria-hidden="true">days are overdue.</span>
          <Button type="submit" variant="primary" busy={form.busy}>
            Save
          </Button>
          <Button
            onClick={() => {
              setEditing(false);
              form.reset();
            }}
          >
            Cancel
          </Button>
        </div>
        {error && (
          <p className="field-error" id={targetErrorId}>
            {error}
          </p>
        )}
      </form>
    );
  }
  return (
    <p className="concern-target">
      <span>
        Concerns unresolved after <strong>{target} days</strong> are overdue.
      </span>
      {mayChange && (
        <Button
          variant="ghost"
          onClick={() => {
            setDays(String(target));
            setEditing(true);
          }}
        >
          Change…
        </Button>
      )}
    </p>
  );
}
