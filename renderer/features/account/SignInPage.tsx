import { useState } from 'react';
import { authContract } from '../../../shared/contract/auth';
import { ROLE_LABELS } from '../../../shared/domain/permissions';
import { call } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { signedIn, useSession } from '../../app/session-store';
import { Button } from '../../ui/Button';
import { Alert } from '../../ui/Feedback';
import { TextField } from '../../ui/Field';

export function SignInPage() {
  const clinicName = useSession((s) => s.clinicName);
  const notice = useSession((s) => s.notice);
  const demoAccounts = useSession((s) => s.demoAccounts);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormSubmit();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const me = await form.submit(authContract['auth.login'].input, { username, password }, (input) => call('auth.login', input));
    if (me) await signedIn(me);
    else setPassword('');
  }

  return (
    <main className="centered-page">
      <form className="card signin" onSubmit={submit} noValidate aria-labelledby="signin-title">
        <div className="brand" aria-hidden="true">
          <img src="./favicon.svg" alt="" width={28} height={28} />
          <span>Keel</span>
        </div>
        <h1 id="signin-title">Sign in</h1>
        {clinicName && <p className="muted signin-clinic">{clinicName}</p>}
        {notice && !form.message && <Alert tone="info">{notice}</Alert>}
        <TextField label="Username" value={username} onChange={setUsername} error={form.errors.username} autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus />
        <TextField label="Password" type="password" value={password} onChange={setPassword} error={form.errors.password} autoComplete="current-password" />
        {form.message && <Alert>{form.message}</Alert>}
        <Button type="submit" variant="primary" busy={form.busy} className="btn-block">
          Sign in
        </Button>
        <p className="muted small">Forgot your password? Ask the office manager to reset it.</p>
      </form>
      {demoAccounts && (
        <section className="card demo-accounts" aria-labelledby="demo-accounts-title">
          <h2 id="demo-accounts-title">Demo accounts</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Username</th>
                <th scope="col">Password</th>
                <th scope="col">
                  <span className="sr-only">Use</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {demoAccounts.map((a) => (
                <tr key={a.username}>
                  <td>{ROLE_LABELS[a.role]}</td>
                  <td>
                    <code>{a.username}</code>
                  </td>
                  <td>
                    <code>{a.password}</code>
                  </td>
                  <td>
                    <Button
                      variant="ghost"
                      onClick={() => {
                        setUsername(a.username);
                        setPassword(a.password);
                      }}
                      aria-label={`Fill in ${ROLE_LABELS[a.role]} account`}
                    >
                      Use
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
