import { create } from 'zustand';
import type { Clinic, DemoAccount, Me } from '../../shared/contract/index';
import { ApiFailure, call, messageOf, onApiFailure } from './api';

/** `recovery`: the database is damaged and Keel shows only its recovery screen. */
type Phase = 'loading' | 'unreachable' | 'recovery' | 'setup' | 'signedOut' | 'signedIn';

interface SessionState {
  phase: Phase;
  me: Me | null;
  clinic: Clinic | null;
  clinicName: string | null;
  /** A one-off message for the sign-in screen ("You were signed out"). */
  notice: string | null;
  /** Demo sign-ins to show after "Open the demo clinic". */
  demoAccounts: DemoAccount[] | null;
  loadError: string | null;
}

export const useSession = create<SessionState>(() => ({
  phase: 'loading',
  me: null,
  clinic: null,
  clinicName: null,
  notice: null,
  demoAccounts: null,
  loadError: null,
}));

async function loadClinic(): Promise<void> {
  const clinic = await call('clinic.get', {});
  useSession.setState({ clinic, clinicName: clinic.name });
}

/** First thing the app does: is there a clinic, and is someone signed in? */
export async function boot(): Promise<void> {
  useSession.setState({ phase: 'loading', loadError: null });
  try {
    const status = await call('setup.status', {});
    if (status.needsSetup) {
      useSession.setState({ phase: 'setup', clinicName: null });
      return;
    }
    useSession.setState({ clinicName: status.clinicName });
    try {
      const me = await call('auth.me', {});
      useSession.setState({ me, phase: 'signedIn' });
      await loadClinic();
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'unauthenticated') useSession.setState({ phase: 'signedOut', me: null });
      else throw error;
    }
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'damaged') useSession.setState({ phase: 'recovery' });
    else useSession.setState({ phase: 'unreachable', loadError: messageOf(error) });
  }
}

export async function signedIn(me: Me): Promise<void> {
  useSession.setState({ me, phase: 'signedIn', notice: null, demoAccounts: null });
  await loadClinic().catch(() => undefined);
}

export async function signOut(): Promise<void> {
  await call('auth.logout', {}).catch(() => undefined);
  // The next person starts on Today, not on whatever screen the last one left open.
  window.location.hash = '#/today';
  useSession.setState({ phase: 'signedOut', me: null, notice: 'You are signed out.' });
}

export async function lockNow(): Promise<void> {
  const { me } = useSession.getState();
  if (!me || me.locked) return;
  useSession.setState({ me: { ...me, locked: true } });
  await call('auth.lock', {}).catch(() => undefined);
}

export function markLocked(): void {
  const { me } = useSession.getState();
  if (me && !me.locked) useSession.setState({ me: { ...me, locked: true } });
}

export function setMe(me: Me): void {
  useSession.setState({ me });
}

export function setClinic(clinic: Clinic): void {
  useSession.setState({ clinic, clinicName: clinic.name });
}

export async function showDemoAccounts(accounts: DemoAccount[]): Promise<void> {
  const status = await call('setup.status', {}).catch(() => null);
  useSession.setState({
    demoAccounts: accounts,
    clinicName: status?.clinicName ?? null,
    phase: 'signedOut',
    notice: 'The demo clinic is ready. Sign in with one of the accounts below.',
  });
}

// Any call can find the session locked (idle) or gone (deactivated, restarted).
onApiFailure((failure) => {
  const state = useSession.getState();
  if (failure.code === 'locked') markLocked();
  if (failure.code === 'unauthenticated' && state.phase === 'signedIn') {
    useSession.setState({ phase: 'signedOut', me: null, notice: failure.message });
  }
});
