import type { CountryCode } from '../domain/postal';
import type { Role } from '../domain/permissions';

/** A person who can sign in, as managers see them in Settings. */
export interface UserSummary {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  active: boolean;
  /** Set while the account is locked after failed sign-ins (UTC instant). */
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}

/** The signed-in person and their session. */
export interface Me {
  user: { id: string; username: string; fullName: string; role: Role };
  /** After a manager reset the password, the user must choose a new one first. */
  mustChangePassword: boolean;
  /** The session is locked after idle time; only unlock or sign out work. */
  locked: boolean;
  idleLockMinutes: number;
}

export interface OpeningHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** `HH:MM`, or null when closed that day. */
  opens: string | null;
  closes: string | null;
}

export type DateOrder = 'MDY' | 'DMY' | 'YMD';

export interface Clinic {
  name: string;
  timeZone: string;
  slotMinutes: number;
  phone: string;
  email: string;
  address: string;
  idleLockMinutes: number;
  dateOrder: DateOrder;
  /** Where the clinic is, for postal codes and address labels; the United States unless set. */
  country?: CountryCode;
  openingHours: OpeningHours[];
  updatedAt: string;
}

export interface SetupStatus {
  needsSetup: boolean;
  clinicName: string | null;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  fullName: string;
}
