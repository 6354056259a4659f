import { z } from 'zod';
import { ROLES } from '../domain/permissions';
import { isValidTimeZone, daysBetween } from '../domain/time';

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

/**
 * Characters no one types and no one should store: C0 and C1 control characters
 * (NUL included) and DEL; the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), which reorder how the text around them is
 * shown ("Trojan Source"); and lone UTF-16 surrogates, half a character left by a
 * broken copy. Tab and line breaks are allowed in multi-line text only. The
 * left-to-right and right-to-left marks (U+200E, U+200F, U+061C) are kept: they
 * are invisible but reorder nothing beyond their neighbour, and names that mix
 * Hebrew or Arabic with Latin letters use them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;
// eslint-disable-next-line no-control-regex -- the same, tab and line breaks left out
const UNSAFE_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

export interface TextOptions {
  /** Notes and the like, typed in a box of several lines: tab and line breaks are allowed. */
  multiline?: boolean;
}

/** What is wrong with a character the text helpers refuse, in words, naming its code point. */
export function unsafeCharacterProblem(text: string, options: TextOptions = {}): string | null {
  const found = (options.multiline ? UNSAFE_MULTI_LINE : UNSAFE_ONE_LINE).exec(text)?.[0];
  if (found === undefined) return null;
  const code = `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (found === '\n' || found === '\r') return 'Contains a line break; this field takes one line';
  if (/\p{Cs}/u.test(found)) return `Contains a broken character (${code}) — retype it`;
  return `Contains an invisible control character (${code}) — retype it`;
}

function refuseUnsafeCharacters(options: TextOptions) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = unsafeCharacterProblem(value, options);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/** Required text, trimmed, not empty, without control characters (tab and line breaks in multi-line text only). */
export const text = (max: number = MAX_NAME, options: TextOptions = {}) =>
  z
    .string({ error: expected('text') })
    .max(max * 2, `Use at most ${max} characters`)
    .trim()
    .superRefine(refuseUnsafeCharacters(options))
    .min(1, 'Required')
    .max(max, `Use at most ${max} characters`);

/** Optional text, trimmed; empty becomes an empty string. The same characters are refused as by `text`. */
export const optionalText = (max: number = MAX_NAME, options: TextOptions = {}) =>
  z
    .string({ error: expected('text') })
    .max(max * 2, `Use at most ${max} characters`)
    .trim()
    .superRefine(refuseUnsafeCharacters(options))
    .max(max, `Use at most ${max} characters`);

/** How many entries an array has, or an object keys; anything else counts as none. */
function entryCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return 0;
}

/**
 * Refuses an array or object with more than `max` entries before `schema` looks
 * at any of them. zod checks an array's length or a record's size only after
 * parsing every entry, so a million-key record held the process for seconds;
 * counted first, it is refused in a moment.
 */
export function atMost<S extends z.ZodType>(schema: S, max: number, message: string) {
  return z.preprocess<unknown, S, z.input<S>>((value, ctx) => {
    if (entryCount(value) > max) ctx.addIssue({ code: 'custom', message });
    return value;
  }, schema);
}

/** How many unknown fields an object may carry and still be checked field by field (each named "Unknown field"). */
const UNKNOWN_FIELDS_NAMED = 20;

/**
 * A strict object (unknown fields refused) that counts its fields first: zod
 * names every unknown field, so a million of them took seconds and answered with
 * a million issues. Past a few, the object is refused whole, in a moment.
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const known = Object.keys(shape).length;
  return z.preprocess<unknown, z.ZodObject<Shape, z.core.$strict>, z.input<z.ZodObject<Shape, z.core.$strict>>>((value, ctx) => {
    const count = entryCount(value);
    if (!Array.isArray(value) && count > known + UNKNOWN_FIELDS_NAMED) ctx.addIssue({ code: 'custom', message: `${count.toLocaleString('en-US')} fields given; this takes at most ${known}` });
    return value;
  }, z.strictObject(shape));
}

/** A list of at most `max` items (counted before any item is checked), and at least `min` when given. */
export function list<T extends z.ZodType>(item: T, max: number, options: { tooMany?: string; min?: number; tooFew?: string } = {}) {
  const tooMany = options.tooMany ?? `Give at most ${max}`;
  const array = options.min === undefined ? z.array(item) : z.array(item).min(options.min, options.tooFew);
  return atMost(array.max(max, tooMany), max, tooMany);
}

/** A record of at most `maxKeys` entries, counted before any key or value is checked (and said in `GET /api`'s JSON Schema). */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V, maxKeys: number, message = `Give at most ${maxKeys} entries`) {
  return atMost(z.record(key, value), maxKeys, message).meta({ maxProperties: maxKeys });
}

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
export const empty = () => strictObject({});

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
export const colour = () => z.string({ error: expected('a color') }).regex(/^#[0-9a-fA-F]{6}$/, 'Use a color like #1d4e89');

export const optionalDate = () => z.union([date(), z.null()]);

/** What is wrong with a typed phone number, in words; null when it is fine or empty. An extension may be written "x 12" or "ext. 12". */
export function phoneProblem(phone: string): string | null {
  const text = phone.trim();
  if (!text) return null;
  const [number = '', extension] = text.split(/\s*(?:ext\.?|x)\s*(?=\d+$)/i);
  if (/\p{L}/u.test(number) || (extension !== undefined && !/^\d+$/.test(extension))) return 'Letters are not allowed in a phone number: type its digits, like (555) 123-4567 (an extension as x 12)';
  if (/[^\d\s()+./-]/.test(number)) return 'Use only digits, spaces and ( ) + - . in a phone number';
  const digits = number.replace(/\D/g, '');
  if (digits.length < 7) return 'A phone number needs at least 7 digits';
  if (digits.length > 15) return 'A phone number has at most 15 digits';
  return null;
}

/** A phone number, any format; empty, or at least 7 digits and no letters (besides an extension). */
export const phoneNumber = (max = 40) =>
  optionalText(max).superRefine((p, ctx) => {
    const problem = phoneProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A range of dates, `from` to `to` included, of at most `maxDays` days. */
export const dateRange = (maxDays: number) =>
  strictObject({ from: date(), to: date() }).superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range ends before it starts' });
    else if (daysBetween(r.from, r.to) >= maxDays) ctx.addIssue({ code: 'custom', path: ['to'], message: `Choose at most ${maxDays} days` });
  });

/** ISO weekdays, 1 (Monday) to 7 (Sunday), each at most once. */
export const weekdays = () =>
  atMost(
    z
      .array(z.number({ error: expected('weekday numbers 1–7') }).int().min(1, 'Weekdays go from 1 (Monday) to 7 (Sunday)').max(7, 'Weekdays go from 1 (Monday) to 7 (Sunday)'))
      .min(1, 'Choose at least one weekday')
      .max(7, 'Choose at most 7 weekdays')
      .refine((d) => new Set(d).size === d.length, 'Each weekday once'),
    7,
    'Choose at most 7 weekdays',
  );
