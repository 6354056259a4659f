import { useState } from 'react';
import { authContract } from '../../../shared/contract/auth';
import { MIN_PASSWORD } from '../../../shared/contract/fields';
import { call } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { Button } from '../../ui/Button';
import { Alert } from '../../ui/Feedback';
import { TextField } from '../../ui/Field';

/** Change one's own password; everyone may. */
export function ChangePasswordForm({ onDone, submitLabel = 'Change password' }: { onDone: () => void; submitLabel?: string }) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [saved, setSaved] = useState(false);
  const form = useFormSubmit();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (newPassword !== confirm) {
      form.setErrors({ confirm: 'The two new passwords are not the same' });
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    const done = await form.submit(authContract['auth.changePassword'].input, { currentPassword, newPassword }, (input) => call('auth.changePassword', input));
    if (done !== undefined) {
      setCurrent('');
      setNew('');
      setConfirm('');
      setSaved(true);
      onDone();
    }
  }

  return (
    <form onSubmit={submit} noValidate className="stack" aria-label="Change password">
      <TextField label="Current password" type="password" value={currentPassword} onChange={setCurrent} error={form.errors.currentPassword} autoComplete="current-password" />
      <TextField label="New password" type="password" value={newPassword} onChange={setNew} error={form.errors.newPassword} hint={`At least ${MIN_PASSWORD} characters`} autoComplete="new-password" />
      <TextField label="New password again" type="password" value={confirm} onChange={setConfirm} error={form.errors.confirm} autoComplete="new-password" />
      {form.message && <Alert>{form.message}</Alert>}
      {saved && <Alert tone="success">Your password has been changed.</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
