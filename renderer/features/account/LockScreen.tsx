import { useState } from 'react';
import { authContract } from '../../../shared/contract/auth';
import { ROLE_LABELS } from '../../../shared/domain/permissions';
import { call } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { setMe, signOut, useSession } from '../../app/session-store';
import { Button } from '../../ui/Button';
import { Alert } from '../../ui/Feedback';
import { TextField } from '../../ui/Field';

/** Covers everything after idle time on a shared PC; the same person's password unlocks. */
export function LockScreen() {
  const me = useSession((s) => s.me);
  const clinicName = useSession((s) => s.clinicName);
  const [password, setPassword] = useState('');
  const form = useFormSubmit();
  if (!me) return null;

  async function unlock(event: React.FormEvent) {
    event.preventDefault();
    const next = await form.submit(authContract['auth.unlock'].input, { password }, (input) => call('auth.unlock', input));
    setPassword('');
    if (next) setMe(next);
  }

  return (
    <main className="centered-page lock-screen">
      <form className="card signin" onSubmit={unlock} noValidate aria-labelledby="lock-title">
        <h1 id="lock-title">Keel is locked</h1>
        {clinicName && <p className="muted">{clinicName}</p>}
        <p>
          <strong>{me.user.fullName}</strong> ({ROLE_LABELS[me.user.role]}) is signed in. Enter the password to continue.
        </p>
        <TextField label="Password" type="password" value={password} onChange={setPassword} error={form.errors.password} autoComplete="current-password" autoFocus />
        {form.message && !form.errors.password && <Alert>{form.message}</Alert>}
        <Button type="submit" variant="primary" busy={form.busy} className="btn-block">
          Unlock
        </Button>
        <Button variant="ghost" className="btn-block" onClick={() => void signOut()}>
          Not {me.user.fullName.split(' ')[0]}? Sign out
        </Button>
      </form>
    </main>
  );
}
