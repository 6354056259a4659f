import { useState } from 'react';
import { MIN_PASSWORD, USERNAME_RULE } from '../../../shared/contract/fields';
import type { UserSummary } from '../../../shared/contract/index';
import { usersContract } from '../../../shared/contract/users';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/domain/permissions';
import { call } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Alert } from '../../ui/Feedback';
import { SelectField, TextField } from '../../ui/Field';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: UserSummary) => void }) {
  // The form mounts afresh each time the dialog opens, so it starts empty.
  return (
    <Dialog open={open} title="Add a user" onClose={onClose}>
      <CreateUserForm onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function CreateUserForm({ onClose, onCreated }: { onClose: () => void; onCreated: (user: UserSummary) => void }) {
  const [value, setValue] = useState({ fullName: '', username: '', role: 'receptionist' as Role, password: '' });
  const form = useFormSubmit();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const user = await form.submit(usersContract['users.create'].input, value, (input) => call('users.create', input));
    if (user) onCreated(user);
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
        <TextField label="Full name" value={value.fullName} onChange={(v) => setValue({ ...value, fullName: v })} error={form.errors.fullName} maxLength={120} autoFocus />
        <TextField label="Username" value={value.username} onChange={(v) => setValue({ ...value, username: v })} error={form.errors.username} hint={USERNAME_RULE} autoCapitalize="none" spellCheck={false} maxLength={32} autoComplete="off" />
        <SelectField label="Role" value={value.role} onChange={(v) => setValue({ ...value, role: v as Role })} options={ROLE_OPTIONS} error={form.errors.role} />
        <TextField
          label="Temporary password"
          type="password"
          value={value.password}
          onChange={(v) => setValue({ ...value, password: v })}
          error={form.errors.password}
          hint={`At least ${MIN_PASSWORD} characters. They choose their own at first sign-in.`}
          autoComplete="new-password"
        />
        {form.message && <Alert>{form.message}</Alert>}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={form.busy}>
            Add user
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
    </form>
  );
}

export function EditUserDialog({
  user,
  isSelf,
  onClose,
  onSaved,
}: {
  user: UserSummary | null;
  isSelf: boolean;
  onClose: () => void;
  onSaved: (user: UserSummary, what: string) => void;
}) {
  return (
    <Dialog open={user !== null} title={user ? `Edit ${user.fullName}` : ''} onClose={onClose}>
      {user && <EditUserForm key={user.id} user={user} isSelf={isSelf} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditUserForm({ user, isSelf, onClose, onSaved }: { user: UserSummary; isSelf: boolean; onClose: () => void; onSaved: (user: UserSummary, what: string) => void }) {
  const [fullName, setFullName] = useState(user.fullName);
  const [role, setRole] = useState<Role>(user.role);
  const [resetPassword, setResetPassword] = useState('');
  const form = useFormSubmit();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const input = {
      id: user.id,
      ...(fullName.trim() !== user.fullName ? { fullName } : {}),
      ...(role !== user.role ? { role } : {}),
      ...(resetPassword !== '' ? { resetPassword } : {}),
    };
    const saved = await form.submit(usersContract['users.update'].input, input, (i) => call('users.update', i));
    if (saved) onSaved(saved, resetPassword !== '' ? 'changes saved and password reset' : 'changes saved');
  }

  async function setActive(active: boolean) {
    const saved = await form.submit(usersContract['users.update'].input, { id: user.id, active }, (i) => call('users.update', i));
    if (saved) onSaved(saved, active ? 'reactivated; they can sign in again' : 'deactivated; they can no longer sign in');
  }

  return (
    <form onSubmit={save} noValidate className="stack">
        <p className="muted">
          Username <code>{user.username}</code> (usernames do not change).
        </p>
        <TextField label="Full name" value={fullName} onChange={setFullName} error={form.errors.fullName} maxLength={120} />
        <SelectField label="Role" value={role} onChange={(v) => setRole(v as Role)} options={ROLE_OPTIONS} error={form.errors.role} />
        {isSelf ? (
          <p className="muted">
            To change your own password, use <a href="#/account">My account</a>: it asks for your current one.
          </p>
        ) : (
          <TextField
            label="Reset password"
            type="password"
            value={resetPassword}
            onChange={setResetPassword}
            error={form.errors.resetPassword}
            hint="Leave empty to keep it. A reset also unlocks the account; they choose their own at next sign-in."
            autoComplete="new-password"
          />
        )}
        {form.message && <Alert>{form.message}</Alert>}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={form.busy}>
            Save
          </Button>
          <Button onClick={onClose}>Cancel</Button>
          <span className="spacer" />
          {user.active ? (
            !isSelf && (
              <Button variant="danger" onClick={() => void setActive(false)} disabled={form.busy}>
                Deactivate
              </Button>
            )
          ) : (
            <Button onClick={() => void setActive(true)} disabled={form.busy}>
              Reactivate
            </Button>
          )}
        </div>
    </form>
  );
}
