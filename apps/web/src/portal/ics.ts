/**
 * A one-event iCalendar file (RFC 5545) for "Add to calendar", built in the browser. Times are
 * written in UTC so no VTIMEZONE is needed; the UID and SEQUENCE follow the invitations the API
 * emails (session-<id>@<host>, the session's version), so a calendar that already holds the
 * emailed event updates it instead of adding a second one.
 */
export interface CalendarEvent {
  sessionId: string;
  /** Grows with every reschedule; the event's SEQUENCE. */
  version: number;
  startsAt: string;
  durationMinutes: number;
  summary: string;
  description?: string | null;
  meetingUrl?: string | null;
  /** The host part of the UID, e.g. tandem.example.com. */
  host: string;
  /** DTSTAMP: when the file was made. */
  stamp: Date;
}

export function sessionIcs(event: CalendarEvent): string {
  const start = new Date(event.startsAt);
  const end = new Date(start.getTime() + event.durationMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tandem//Tandem web//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:session-${event.sessionId}@${event.host || 'tandem.localhost'}`,
    `SEQUENCE:${event.version}`,
    `DTSTAMP:${icsUtc(event.stamp)}`,
    `DTSTART:${icsUtc(start)}`,
    `DTEND:${icsUtc(end)}`,
    `SUMMARY:${icsText(event.summary)}`,
  ];
  if (event.meetingUrl) lines.push(`LOCATION:${icsText(event.meetingUrl)}`);
  if (event.description) lines.push(`DESCRIPTION:${icsText(event.description)}`);
  if (event.meetingUrl) lines.push(`URL;VALUE=URI:${event.meetingUrl.replace(/[\r\n]/g, '')}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  // Every line, the last one included, ends with CRLF.
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** 20260303T090000Z: whole seconds, UTC. */
export function icsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A TEXT value: backslash, semicolon and comma escaped, any line break written as \n. */
export function icsText(value: string): string {
  return value.replace(/([\\;,])/g, '\\$1').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Breaks a content line so no physical line exceeds 75 octets of UTF-8; continuations start with a space. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  // The first line may hold 75 octets; a continuation's leading space counts, leaving 74.
  let limit = 75;
  for (const char of line) {
    const octets = encoder.encode(char).length;
    if (size + octets > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74;
    }
    current += char;
    size += octets;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A safe file name for the download, e.g. "tandem-session-2026-03-03.ics". */
export function icsFileName(startsAt: string): string {
  return `tandem-session-${startsAt.slice(0, 10)}.ics`;
}
