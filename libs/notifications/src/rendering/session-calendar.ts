import type { Person, SessionFacts } from './session-facts.js';

export interface SessionCalendarInput {
  method: 'REQUEST' | 'CANCEL';
  session: SessionFacts;
  organizer: Person;
  attendee: Person;
  summary: string;
  description: string;
  /** The host part of the event's UID, e.g. tandem.example.com. */
  productDomain: string;
  /** DTSTAMP: when this message was created. Defaults to the session's start so the output stays a pure function of its input. */
  stamp?: Date;
}

/**
 * An iTIP invitation (REQUEST) or cancellation (CANCEL) for one session. The
 * UID never changes and SEQUENCE is the session's version, so a calendar
 * updates the event it already has instead of adding another. A CANCEL goes
 * one higher: an invite is only ever sent at the session's current version, and
 * RFC 5546 has a calendar ignore a CANCEL whose SEQUENCE is not above the
 * event's. Every content line, the last one included, ends with CRLF (RFC 5545 §3.1).
 *
 * Written out directly (one VEVENT of fixed shape) rather than through
 * ical-generator: the output is the same, line for line, but ical-generator's
 * line folding built a TextEncoder per character, about 4 % of the worker's
 * CPU per reminder.
 */
export function sessionCalendarEvent(input: SessionCalendarInput): string {
  const { session } = input;
  const request = input.method === 'REQUEST';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tandem//Tandem//EN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:session-${session.id}@${input.productDomain}`,
    `SEQUENCE:${calendarSequence(input.method, session.version)}`,
    `DTSTAMP:${utc(input.stamp ?? session.startsAt)}`,
    // Times are written in UTC: a TZID would need a VTIMEZONE definition that not every client can do without.
    `DTSTART:${utc(session.startsAt)}`,
    `DTEND:${utc(new Date(session.startsAt.getTime() + session.durationMinutes * 60_000))}`,
    `SUMMARY:${text(input.summary)}`,
    ...(session.meetingUrl ? [`LOCATION:${text(session.meetingUrl)}`] : []),
    ...(input.description ? [`DESCRIPTION:${text(input.description)}`] : []),
    `ORGANIZER;CN="${quoted(commonName(input.organizer))}":mailto:${text(input.organizer.email)}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=${request ? 'TRUE' : 'FALSE'}` +
      (input.attendee.name ? `;CN="${quoted(commonName(input.attendee))}"` : '') +
      `:MAILTO:${text(input.attendee.email)}`,
    ...(session.meetingUrl ? [`URL;VALUE=URI:${text(session.meetingUrl)}`] : []),
    `STATUS:${request ? 'CONFIRMED' : 'CANCELLED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** The SEQUENCE of a session's REQUEST or CANCEL: above every invite sent before the cancellation. */
function calendarSequence(method: SessionCalendarInput['method'], version: number): number {
  return method === 'CANCEL' ? version + 1 : version;
}

/** A CN parameter is quoted and may not contain a double quote at all (RFC 5545 §3.2). */
function commonName(person: Person): string {
  return person.name.replace(/"/g, "'");
}

/** 20270105T090000Z (whole seconds, UTC). */
function utc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/[-:]/g, '');
}

const newline = /\r\n|\r|\n/g;

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as \n. */
function text(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(newline, '\\n');
}

/** Inside a quoted parameter value (the same escaping ical-generator applies). */
function quoted(value: string): string {
  return value.replace(/[\\"]/g, (c) => `\\${c}`).replace(newline, '\\n');
}

/** Folds a content line at 75 octets of UTF-8 (RFC 5545 §3.1), never inside a character. */
export function fold(line: string): string {
  // Almost every line is short ASCII: nothing to do.
  if (line.length <= 18 || (line.length <= 74 && !/[\u0080-\uffff]/.test(line))) return line;
  let out = '';
  let octets = 0;
  for (const char of line) {
    const code = char.codePointAt(0)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    octets += size;
    if (octets > 74) {
      out += '\r\n ';
      octets = size;
    }
    out += char;
  }
  return out;
}
