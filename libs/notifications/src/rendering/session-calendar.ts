import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Person, SessionFacts } from './render-notification.js';

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
 * updates the event it already has instead of adding another.
 */
export function sessionCalendarEvent(input: SessionCalendarInput): string {
  const { session } = input;
  const request = input.method === 'REQUEST';
  const calendar = ical({
    prodId: { company: 'Tandem', product: 'Tandem', language: 'EN' },
    method: request ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  calendar.createEvent({
    id: `session-${session.id}@${input.productDomain}`,
    sequence: session.version,
    stamp: input.stamp ?? session.startsAt,
    // Times are written in UTC: a TZID would need a VTIMEZONE definition that not every client can do without.
    start: session.startsAt,
    end: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000),
    summary: input.summary,
    description: input.description,
    location: session.meetingUrl,
    url: session.meetingUrl,
    status: request ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    organizer: { name: commonName(input.organizer), email: input.organizer.email },
    attendees: [
      {
        name: commonName(input.attendee),
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: request,
      },
    ],
  });
  return calendar.toString();
}

/** A CN parameter is quoted and may not contain a double quote at all (RFC 5545 §3.2). */
function commonName(person: Person): string {
  return person.name.replace(/"/g, "'");
}
