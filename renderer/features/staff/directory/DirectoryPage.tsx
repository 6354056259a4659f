import { UserPlus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { formatDate } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { EMPLOYMENT_LABELS, STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../../../shared/domain/staff';
import { call } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { SelectField, TextField } from '../../../ui/Field';
import { FlagBadge } from '../FlagBadge';
import { StaffDialog } from '../person/StaffDialog';

type Status = 'active' | 'inactive' | 'all';

/** The staff directory: search, filter by role and status, add a person. */
export function DirectoryPage() {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [status, setStatus] = useState<Status>('active');
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), 200);
    return () => clearTimeout(timer);
  }, [query]);
  const filters = { ...(debounced ? { query: debounced } : {}), ...(role ? { staffRole: role } : {}), status };
  const { data: staff, error, loading, reload } = useLoad(() => call('staff.list', filters), JSON.stringify(filters));
  const canManage = me ? roleHas(me.user.role, 'staff.manage') : false;

  return (
    <section className="card stack" aria-labelledby="directory-title">
      <div className="section-header">
        <div>
          <h2 id="directory-title">Staff directory</h2>
          <p className="muted">Everyone who works at the clinic. People who left stay here with their history.</p>
        </div>
        {canManage && (
          <Button variant="primary" icon={<UserPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
            Add person
          </Button>
        )}
      </div>
      <div className="filters">
        <TextField label="Search" type="search" value={query} onChange={setQuery} placeholder="Name, title, phone or email" autoComplete="off" />
        <SelectField label="Role" value={role} onChange={(v) => setRole(v as StaffRole | '')} options={[{ value: '', label: 'All roles' }, ...STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))]} />
        <SelectField
          label="Status"
          value={status}
          onChange={(v) => setStatus(v as Status)}
          options={[
            { value: 'active', label: 'Working here' },
            { value: 'inactive', label: 'Left the practice' },
            { value: 'all', label: 'Everyone' },
          ]}
        />
      </div>
      <LoadError error={error} onRetry={reload} />
      {loading && !staff && <Loading label="Loading the directory…" />}
      {staff && staff.length === 0 && (
        <EmptyState title={debounced || role || status !== 'active' ? 'Nobody matches' : 'No staff yet'}>
          {debounced || role || status !== 'active' ? 'Try another search or filter.' : canManage ? 'Add the first person with “Add person”.' : 'The office manager adds people here.'}
        </EmptyState>
      )}
      {staff && staff.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-busy={loading || undefined}>
            <caption className="sr-only">Staff directory, {staff.length} people</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Phone</th>
                <th scope="col">Email</th>
                <th scope="col">Employment</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={s.id} className={s.active ? undefined : 'row-inactive'}>
                  <td>
                    <span className="person-cell">
                      <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
                      <a
                        href={`#/staff/person/${s.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(`/staff/person/${s.id}`);
                        }}
                      >
                        {s.fullName}
                      </a>
                      {!s.active && <span className="muted small"> (left)</span>}
                    </span>
                    <FlagBadge flag={s.active ? s.flag : null} />
                  </td>
                  <td>
                    {STAFF_ROLE_LABELS[s.staffRole]}
                    {s.jobTitle && <div className="muted small">{s.jobTitle}</div>}
                  </td>
                  <td className="nowrap">{s.phone || <span className="muted">—</span>}</td>
                  <td>{s.email || <span className="muted">—</span>}</td>
                  <td>{EMPLOYMENT_LABELS[s.employmentType]}</td>
                  <td>{clinic ? formatDate(s.startDate, clinic.dateOrder) : s.startDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <StaffDialog
        open={adding}
        person={null}
        onClose={() => setAdding(false)}
        onSaved={(person) => {
          setAdding(false);
          navigate(`/staff/person/${person.id}`);
        }}
      />
    </section>
  );
}
