import { z } from 'zod';
import type { Role } from '../domain/permissions';
import { channel, returns } from './channel';
import { empty, expected, givenPassword, newPassword, strictObject } from './fields';

/** The signed-in person and their session. */
export interface Me {
  user: { id: string; username: string; fullName: string; role: Role };
  /** After a manager reset the password, the user must choose a new one first. */
  mustChangePassword: boolean;
  /** The session is locked after idle time; only unlock or sign out work. */
  locked: boolean;
  idleLockMinutes: number;
}

export const authContract = {
  'auth.login': channel({
    input: strictObject({ username: z.string({ error: expected('a username') }).trim().toLowerCase().min(1, 'Required').max(64, 'Use at most 32 characters'), password: givenPassword() }),
    output: returns<Me>(),
    access: 'public',
    audit: 'admin',
    summary: 'Sign in; starts a session. Wrong username or password get the same answer.',
    example: { username: 'nobody-here', password: 'not-the-password' },
  }),
  'auth.logout': channel({
    input: empty(),
    output: returns<null>(),
    access: 'account.self',
    audit: 'admin',
    summary: 'Sign out and end the session.',
    example: {},
    whileLocked: true,
  }),
  'auth.me': channel({
    input: empty(),
    output: returns<Me>(),
    access: 'account.self',
    audit: 'none',
    summary: 'The signed-in person, their role and whether the session is locked.',
    example: {},
    whileLocked: true,
  }),
  'auth.lock': channel({
    input: empty(),
    output: returns<null>(),
    access: 'account.self',
    audit: 'admin',
    summary: 'Lock the session now (shared front-desk PC); unlock needs the password.',
    example: {},
    whileLocked: true,
  }),
  'auth.unlock': channel({
    input: strictObject({ password: givenPassword() }),
    output: returns<Me>(),
    access: 'account.self',
    audit: 'admin',
    summary: 'Unlock an idle-locked session with the same person’s password.',
    example: { password: 'not-the-password' },
    whileLocked: true,
  }),
  'auth.changePassword': channel({
    input: strictObject({ currentPassword: givenPassword(), newPassword: newPassword() }),
    output: returns<null>(),
    access: 'account.self',
    audit: 'admin',
    summary: 'Change one’s own password (at least 10 characters).',
    example: { currentPassword: 'not-the-password', newPassword: 'a-new-long-password' },
  }),
} as const;
