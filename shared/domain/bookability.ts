import type { DateOrder } from '../contract/clinic';
import { formatDate, formatWallTime } from './format';
import { flagOn, type CredentialStanding } from './roster';
import { CREDENTIAL_LABELS, TIME_OFF_LABELS, type CredentialKind, type TimeOffKind } from './staff';

/**
 * Why a stretch of a calendar column cannot be booked, in the words the
 * keyboard cursor speaks and the column shows. Pure, and the same rules the
 * main process checks at booking (see findConflicts): a lapsed credential is
 * never booked over; not working, time off and closed hours only by a manager
 * with a reason.
 */

export type UnbookableKind = 'credential' | 'closure' | 'time_off' | 'not_working' | 'clinic_closed';

export interface Unbookable {
  kind: UnbookableKind;
  /** Lower-case, to follow "not bookable: " ("DEA registration expired 12/05/2026"). */
  reason: string;
  /** As short as a narrow column header can hold ("DEA expired 12/05"). */
  short: string;
  /** True when a manager may book over it with an override reason. */
  overridable: boolean;
}

/** A stretch of a day as minutes since its midnight, end exclusive. */
export type MinuteSpan = readonly [number, number];

/** What a column knows of its day, as minutes of that day. */
export interface ColumnDay {
  /**
   * Reasons that hold for the whole day, before its hours: a lapsed or
   * missing credential, and a clinic closure. Whatever makes a day
   * unbookable for one column is added here.
   */
  wholeDay: readonly Unbookable[];
  /** The person's bookable time; null when the column is not a person (a room): then the clinic's hours count. */
  working: readonly MinuteSpan[] | null;
  timeOff: ReadonlyArray<{ span: MinuteSpan; kind: string }>;
  /** The clinic's opening hours that day, or null when it is closed. */
  open: MinuteSpan | null;
  order: DateOrder;
}

const SHORT_CREDENTIAL: Record<CredentialKind, string> = { licence: 'License', dea: 'DEA', board_cert: 'Board cert.', cpr_bls: 'CPR/BLS', osha_bbp: 'OSHA', hipaa: 'HIPAA', other: 'Credential' };

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const spanText = ([s, e]: MinuteSpan, order: DateOrder) => `${formatWallTime(clock(s), order)}–${formatWallTime(clock(Math.min(e, 1439)), order)}`;
const overlapsSpan = (a: MinuteSpan, from: number, to: number) => a[0] < to && from < a[1];

/**
 * A clinic closure day (a holiday): no one is booked, and no override lifts it
 * (the booking service refuses it too). Its name is shown on the day itself.
 */
export const CLOSURE_REASON: Unbookable = { kind: 'closure', reason: 'the clinic is closed that day', short: 'clinic closed', overridable: false };

/** The whole-day reason of a provider's credentials on a date: the first one missing or expired, with its date. */
export function credentialReason(standing: CredentialStanding | null | undefined, date: string, order: DateOrder): Unbookable | null {
  const flag = flagOn(standing ?? undefined, date);
  if (!flag) return null;
  const missing = flag.missing[0];
  if (missing) return { kind: 'credential', reason: `${CREDENTIAL_LABELS[missing]} missing`, short: `${SHORT_CREDENTIAL[missing]} missing`, overridable: false };
  const kind = flag.expired[0]!;
  const expiresOn = standing?.expiries.find((e) => e.kind === kind)?.expiresOn;
  const on = expiresOn ? formatDate(expiresOn, order) : '';
  return {
    kind: 'credential',
    reason: `${CREDENTIAL_LABELS[kind]} expired${on ? ` ${on}` : ''}`,
    // Without the year: the column is that week's.
    short: `${SHORT_CREDENTIAL[kind]} expired${on ? ` ${order === 'YMD' ? on.slice(5) : on.slice(0, 5)}` : ''}`,
    overridable: false,
  };
}

/** The reason the stretch [from, to) of a column's day cannot be booked, most binding first; null when it can be. */
export function whyNotBookable(day: ColumnDay, from: number, to: number): Unbookable | null {
  const whole = day.wholeDay.find((u) => !u.overridable) ?? day.wholeDay[0];
  if (whole) return whole;
  const off = day.timeOff.find((t) => overlapsSpan(t.span, from, to));
  if (off) {
    const label = TIME_OFF_LABELS[off.kind as TimeOffKind]?.toLowerCase() ?? 'time off';
    const reason = `on approved time off${label === 'other' || label === 'time off' ? '' : ` (${label})`}`;
    return { kind: 'time_off', reason, short: reason, overridable: true };
  }
  if (day.working) {
    if (day.working.some(([s, e]) => s <= from && to <= e)) return null;
    const hours = day.working.length ? ` (works ${day.working.map((w) => spanText(w, day.order)).join(', ')})` : ' this day';
    return { kind: 'not_working', reason: `not working${day.working.length ? ' then' : ''}${hours}`, short: 'not working', overridable: true };
  }
  if (day.open && day.open[0] <= from && to <= day.open[1]) return null;
  const reason = day.open ? `the clinic is closed then (open ${spanText(day.open, day.order)})` : 'the clinic is closed this day';
  return { kind: 'clinic_closed', reason, short: 'clinic closed', overridable: true };
}

/** A reason for the whole column, shown under its name: whole-day reasons, or no working time at all. */
export function columnReason(day: ColumnDay): Unbookable | null {
  const whole = day.wholeDay.find((u) => !u.overridable) ?? day.wholeDay[0];
  if (whole) return whole;
  if (day.working && day.working.length === 0) {
    const off = day.timeOff[0];
    if (off) return whyNotBookable({ ...day, working: [] }, off.span[0], off.span[0] + 1);
    return { kind: 'not_working', reason: 'not working this day', short: 'not working', overridable: true };
  }
  if (!day.working && !day.open) return { kind: 'clinic_closed', reason: 'the clinic is closed this day', short: 'clinic closed', overridable: true };
  return null;
}

/** "Not working this day" from "not working this day": a reason as a heading. */
export function capitalised(reason: string): string {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}
