import { MessageSquarePlus } from 'lucide-react';
import { useState } from 'react';
import type { Concern } from '../../../../shared/contract/concerns';
import { CONCERN_CATEGORY_LABELS } from '../../../../shared/domain/patients';
import { roleHas } from '../../../../shared/domain/permissions';
import { call } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, Loading, LoadError } from '../../../ui/Feedback';
import { ConcernDetailDialog, LogConcernDialog } from './ConcernDialogs';
import { DaysOpen, loggedNotice, OpenedOn, SeverityBadge, StatusBadge, useSeesStaffConduct } from './ConcernParts';

/** A patient's concerns and complaints, newest first, with a way to log one for them. */
export function PatientConcerns({ patientId, patientName }: { patientId: string; patientName: string }) {
  const me = useSession((s) => s.me);
  const canManage = me ? roleHas(me.user.role, 'concerns.manage') : false;
  const seesStaffConduct = useSeesStaffConduct();
  const { data, error, loading, reload } = useLoad(() => call('concerns.list', { patientId }), `patient-concerns-${patientId}`);
  const [logging, setLogging] = useState(false);
  const [detail, setDetail] = useState<Concern | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const unresolved = (data ?? []).filter((c) => c.status === 'open' || c.status === 'in_progress').length;

  return (
    <section className="card stack" aria-labelledby="patient-concerns-title">
      <div className="section-header">
        <div>
          <h2 id="patient-concerns-title">Concerns</h2>
          {data && data.length > 0 && (
            <p className="muted">
              {data.length === 1 ? '1 concern' : `${data.length} concerns`} logged, {unresolved === 0 ? 'none unresolved' : `${unresolved} unresolved`}.
            </p>
          )}
        </div>
        {canManage && (
          <Button icon={<MessageSquarePlus size={16} aria-hidden="true" />} onClick={() => setLogging(true)}>
            Log a concern
          </Button>
        )}
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      <LoadError error={error} onRetry={reload} />
      {loading && !data && <Loading label="Loading concerns…" />}
      {data && data.length === 0 && <p className="muted">No concerns logged for {patientName}.</p>}
      {data && data.length > 0 && (
        <div className="table-wrap">
          <table className="table concern-table" aria-busy={loading || undefined}>
            <caption className="sr-only">Concerns logged for {patientName}</caption>
            <thead>
              <tr>
                <th scope="col">Opened</th>
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
                    {CONCERN_CATEGORY_LABELS[c.category]}
                    <div className="muted small concern-snippet">{c.description}</div>
                  </td>
                  <td>
                    <SeverityBadge severity={c.severity} />
                  </td>
                  <td className="nowrap">{c.owner ? c.owner.name : <span className="muted">Nobody yet</span>}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>
                    <DaysOpen concern={c} />
                  </td>
                  <td className="cell-actions">
                    <Button variant="ghost" onClick={() => setDetail(c)} aria-label={`Open the ${CONCERN_CATEGORY_LABELS[c.category].toLowerCase()} concern`}>
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
        patient={{ id: patientId, name: patientName }}
        onClose={() => setLogging(false)}
        onLogged={(c) => {
          setLogging(false);
          setNotice(loggedNotice(c, seesStaffConduct, false));
          reload();
        }}
      />
      <ConcernDetailDialog
        concern={detail}
        onClose={() => setDetail(null)}
        onChanged={(c) => {
          setDetail(c);
          reload();
        }}
      />
    </section>
  );
}
