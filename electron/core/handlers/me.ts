import { DEFAULT_IDLE_LOCK_MINUTES } from '../../../shared/domain/sessions';
import type { Clinic, Me } from '../../../shared/contract/index';
import type { SignedInUser } from './types';


export function describeMe(user: SignedInUser, locked: boolean, clinic: Pick<Clinic, 'idleLockMinutes'> | undefined): Me {
  return {
    user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role },
    mustChangePassword: user.mustChangePassword,
    locked,
    idleLockMinutes: clinic?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES,
  };
}

/** "14:05" in the clinic's time zone, for messages about lock times. */
export function clinicClock(clinic: Pick<Clinic, 'timeZone'> | undefined, instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: clinic?.timeZone ?? 'UTC', hour: '2-digit', minute: '2-digit' }).format(instant);
}
