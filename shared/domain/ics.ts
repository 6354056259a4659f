import type { Appointment } from '../contract/appointments';
import { offsetAt, wallMinutes, type WallTime } from './time';

/**
 * An iCalendar (RFC 5545) file of appointments, times in UTC so every calendar
 * app places them right without a VTIMEZONE. Only initials of the patient go
 * into a personal calendar.
 */

function utc(wall: WallTime, zone: string): string {
  const ms = (wallMinutes(wall) - offsetAt(wall, zone)) * 60_000;
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded: CRLF and a space (§3.1). */
export function foldLine(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = new TextEncoder().encode(char).length;
    if (size + length > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const initials = (name: string) =>
  name
    .replace(/\(.*\)/, '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .reverse()
    .map((w) => `${w[0]}.`)
    .join(' ');

export function buildIcs(input: { calendarName: string; zone: string; stamp: string; events: readonly Appointment[] }): string {
  const stamp = new Date(input.stamp).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Keel//Keel schedule//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(input.calendarName)}`];
  for (const a of input.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${a.id}@keel`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utc(a.start, input.zone)}`,
      `DTEND:${utc(a.end, input.zone)}`,
      `SUMMARY:${icsText(`${a.typeName} — ${initials(a.patient.name)}`)}`,
      ...(a.roomName ? [`LOCATION:${icsText(a.roomName)}`] : []),
      `STATUS:${a.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
