import { z } from 'zod';
import type { Role } from '../domain/permissions';
import { channel, returns } from './channel';
import { empty, expected, id, newPassword, role, strictObject, text, username } from './fields';

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

export const usersContract = {
  'users.list': channel({
    input: empty(),
    output: returns<UserSummary[]>(),
    access: 'users.manage',
    audit: 'none',
    summary: 'Every user account, active ones first.',
    example: {},
  }),
  'users.create': channel({
    input: strictObject({ username: username(), fullName: text(120), role: role(), password: newPassword() }),
    output: returns<UserSummary>(),
    access: 'users.manage',
    audit: 'admin',
    summary: 'Create a user account. The person must choose their own password at first sign-in.',
    example: { username: 'new.person', fullName: 'New Person', role: 'receptionist', password: 'first-password-1' },
  }),
  'users.update': channel({
    input: strictObject({
      id: id(),
      fullName: text(120).optional(),
      role: role().optional(),
      active: z.boolean({ error: expected('true or false') }).optional(),
      resetPassword: newPassword().optional(),
    }),
    output: returns<UserSummary>(),
    access: 'users.manage',
    audit: 'admin',
    summary: 'Rename, change role, reset the password (also unlocks), deactivate or reactivate an account.',
    example: { id: '00000000-0000-7000-8000-000000000000', fullName: 'Renamed Person' },
  }),
} as const;
