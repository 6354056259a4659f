import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import type { UserSummary } from '../../../shared/contract/index';
import { formatInstant } from '../../../shared/domain/format';
import { ROLE_LABELS } from '../../../shared/domain/permissions';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { useLoad } from '../../app/useLoad';
import { Button } from '../../ui/Button';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../ui/Feedback';
import { CreateUserDialog, EditUserDialog } from './UserDialogs';

function statusOf(user: UserSummary, now: string) {
  if (!user.active) return <Badge tone="neutral">Deactivated</Badge>;
  if (user.lockedUntil && user.lockedUntil > now) return <Badge tone="bad">Locked after failed sign-ins</Badge>;
  if (user.mustChangePassword) return <Badge tone="warn">Must choose a password</Badge>;
  return <Badge tone="good">Active</Badge>;
}

export function UsersSettings() {
  const clinic = useSession((s) => s.clinic);
  const me = useSession((s) => s.me);
  const { data: users, error, reload: load } = useLoad(() => call('users.list', {}), 'users');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const now = new Date().toISOString();
  return (
    <section className="card stack" aria-labelledby="users-title">
      <div className="section-header">
        <div>
          <h2 id="users-title">User accounts</h2>
          <p className="muted">Everyone who signs in to Keel. Deactivated people cannot sign in, but their names stay in the history.</p>
        </div>
        <Button variant="primary" icon={<UserPlus size={16} aria-hidden="true" />} onClick={() => setCreating(true)}>
          Add user
        </Button>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      <LoadError error={error} onRetry={load} />
      {!users && !error && <Loading label="Loading user accounts…" />}
      {users && users.length === 0 && <EmptyState title="No user accounts yet" />}
      {users && users.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">User accounts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={u.active ? undefined : 'row-inactive'}>
                  <td>
                    {u.fullName}
                    {u.id === me?.user.id && <span className="muted"> (you)</span>}
                  </td>
                  <td>
                    <code>{u.username}</code>
                  </td>
                  <td>{ROLE_LABELS[u.role]}</td>
                  <td>{statusOf(u, now)}</td>
                  <td>{u.lastLoginAt && clinic ? formatInstant(u.lastLoginAt, clinic.timeZone, clinic.dateOrder) : <span className="muted">Never</span>}</td>
                  <td className="cell-actions">
                    <Button variant="ghost" onClick={() => setEditing(u)} aria-label={`Edit ${u.fullName}`}>
                      Edit
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateUserDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          setNotice(`${user.fullName} can now sign in as “${user.username}” with the password you set, and will be asked to choose their own.`);
          load();
        }}
      />
      <EditUserDialog
        user={editing}
        isSelf={editing?.id === me?.user.id}
        onClose={() => setEditing(null)}
        onSaved={(user, what) => {
          setEditing(null);
          setNotice(`${user.fullName}: ${what}.`);
          load();
        }}
      />
    </section>
  );
}
