import { ROLE_LABELS } from '../../../shared/domain/permissions';
import { setMe, signOut, useSession } from '../../app/session-store';
import { Button } from '../../ui/Button';
import { ChangePasswordForm } from './ChangePasswordForm';

/** My account: who I am, change my password. */
export function AccountPage() {
  const me = useSession((s) => s.me);
  if (!me) return null;
  return (
    <div className="page-narrow stack">
      <section className="card" aria-labelledby="me-heading">
        <h2 id="me-heading">Signed in</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{me.user.fullName}</dd>
          <dt>Username</dt>
          <dd>{me.user.username}</dd>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[me.user.role]}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <ChangePasswordForm onDone={() => setMe({ ...me, mustChangePassword: false })} />
      </section>
    </div>
  );
}

/** After a manager set or reset the password, the person chooses their own before anything else. */
export function ChooseOwnPasswordPage() {
  const me = useSession((s) => s.me);
  if (!me) return null;
  return (
    <main className="centered-page">
      <section className="card signin" aria-labelledby="choose-title">
        <h1 id="choose-title">Choose your own password</h1>
        <p>
          Welcome, {me.user.fullName}. The office manager set a temporary password for you. Enter it once more, then choose your own; only you will know it.
        </p>
        <ChangePasswordForm onDone={() => setMe({ ...me, mustChangePassword: false })} submitLabel="Save my password" />
        <Button variant="ghost" className="btn-block" onClick={() => void signOut()}>
          Sign out
        </Button>
      </section>
    </main>
  );
}
