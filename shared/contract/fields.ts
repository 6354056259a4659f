import { z } from 'zod';
import { ROLES } from '../domain/permissions';
import { isValidTimeZone } from '../domain/time';

/**
 * Schema helpers shared by every contract, so one kind of value is checked one
 * way everywhere. Every string has a maximum length.
 */

export const MAX_NAME = 120;

/** The message for a wrong type: "Required" when the field is missing, else what was expected. */
export const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'Required' : `Expected ${what}`);
export const MAX_NOTE = 2000;

/** A UUIDv7 (or any UUID) as text. */
export const id = () =>
  z
    .string({ error: expected('an id') })
    .max(36, 'Not a valid id')
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Not a valid id');

/** Required text, trimmed, not empty. */
export const text = (max: number = MAX_NAME) =>
  z
    .string({ error: expected('text') })
    .max(max * 2, `Use at most ${max} characters`)
    .trim()
    .min(1, 'Required')
    .max(max, `Use at most ${max} characters`);

/** Optional text, trimmed; empty becomes an empty string. */
export const optionalText = (max: number = MAX_NAME) =>
  z
    .string({ error: expected('text') })
    .max(max * 2, `Use at most ${max} characters`)
    .trim()
    .max(max, `Use at most ${max} characters`);

export const USERNAME_RULE = '3–32 characters: letters, digits, dot, dash or underscore';

export const username = () =>
  z
    .string({ error: expected('a username') })
    .max(64, 'Use at most 32 characters')
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,32}$/, `Use ${USERNAME_RULE}`);

export const MIN_PASSWORD = 10;

/** A new password: at least 10 characters. */
export const newPassword = () =>
  z
    .string({ error: expected('a password') })
    .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters`)
    .max(200, 'Use at most 200 characters');

/** A password being checked (sign-in, unlock): any non-empty string. */
export const givenPassword = () =>
  z.string({ error: expected('a password') }).min(1, 'Required').max(200, 'Use at most 200 characters');

export const role = () => z.enum(ROLES, { error: expected(`one of: ${ROLES.join(', ')}`) });

/** Wall-clock time of day, 24-hour `HH:MM`. */
export const timeOfDay = () =>
  z.string({ error: expected('a time') }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 08:30');

/** Calendar date `YYYY-MM-DD`. */
export const date = () =>
  z
    .string({ error: expected('a date') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-07')
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, 'Not a real calendar date');

export const timeZone = () =>
  z
    .string({ error: expected('a time zone') })
    .max(64, 'Not a known time zone')
    .refine(isValidTimeZone, 'Not a known time zone, e.g. America/New_York');

export const email = () => z.email({ error: (issue) => (issue.input === undefined ? 'Required' : 'Not a valid email address') }).max(254, 'Use at most 254 characters');

/** An empty object: channels that take no input. */
export const empty = () => z.strictObject({});

/** Clinic wall-clock time `YYYY-MM-DDTHH:MM` on a 5-minute grid. */
export const wallTime = () =>
  z
    .string({ error: expected('a date and time') })
    .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'Use a date and time like 2026-03-02T08:30')
    .refine((s) => {
      const d = new Date(`${s}:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 16) === s;
    }, 'Not a real calendar date')
    .refine((s) => Number(s.slice(14, 16)) % 5 === 0, 'Use times on a 5-minute grid (8:00, 8:05, 8:10…)');

/** Money in whole cents, never negative. */
export const cents = () => z.number({ error: expected('an amount in cents') }).int('Use whole cents').min(0, 'Cannot be negative').max(100_000_000_00, 'Too large');

/** A calendar colour `#rrggbb`. */
export const colour = () => z.string({ error: expected('a colour') }).regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d4e89');

export const optionalDate = () => z.union([date(), z.null()]);
