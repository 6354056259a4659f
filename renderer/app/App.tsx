import { lazy, Suspense, useEffect } from 'react';
import { ChooseOwnPasswordPage } from '../features/account/AccountPage';
import { LockScreen } from '../features/account/LockScreen';
import { SignInPage } from '../features/account/SignInPage';
import { SetupPage } from '../features/setup/SetupPage';
import { Button } from '../ui/Button';
import { Alert, Loading } from '../ui/Feedback';
import { subscribe } from './api';
import { boot, markLocked, useSession } from './session-store';
import { Shell } from './Shell';
import { useIdleLock } from './useIdleLock';

// Only ever needed when the database is damaged.
const RecoveryPage = lazy(() => import('../features/recovery/RecoveryPage').then((m) => ({ default: m.RecoveryPage })));

export function App() {
  const phase = useSession((s) => s.phase);
  const me = useSession((s) => s.me);
  const loadError = useSession((s) => s.loadError);

  useEffect(() => {
    void boot();
  }, []);
  useIdleLock(me?.idleLockMinutes ?? 5, phase === 'signedIn' && me !== null && !me.locked);
  useEffect(() => {
    if (phase !== 'signedIn') return;
    return subscribe('session.locked', () => markLocked());
  }, [phase]);

  switch (phase) {
    case 'loading':
      return (
        <main className="centered-page">
          <Loading label="Opening Keel…" />
        </main>
      );
    case 'unreachable':
      return (
        <main className="centered-page">
          <div className="card signin">
            <Alert title="Keel could not start">{loadError}</Alert>
            <Button variant="primary" onClick={() => void boot()}>
              Try again
            </Button>
          </div>
        </main>
      );
    case 'recovery':
      return (
        <Suspense fallback={<Loading label="Opening Keel…" />}>
          <RecoveryPage />
        </Suspense>
      );
    case 'setup':
      return <SetupPage />;
    case 'signedOut':
      return <SignInPage />;
    case 'signedIn':
      if (!me) return null;
      if (me.locked) return <LockScreen />;
      if (me.mustChangePassword) return <ChooseOwnPasswordPage />;
      return <Shell />;
  }
}
