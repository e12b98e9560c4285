import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { fold, sessionCalendarEvent, type SessionCalendarInput } from './session-calendar.js';

/**
 * What ical-generator wrote for the same input (the library this module replaced on the send
 * path), with the two fixes made since: a CANCEL's SEQUENCE one above the version, and the CRLF
 * after END:VCALENDAR that ical-generator left out.
 */
function viaIcalGenerator(input: SessionCalendarInput): string {
  const { session } = input;
  const request = input.method === 'REQUEST';
  const calendar = ical({
    prodId: { company: 'Tandem', product: 'Tandem', language: 'EN' },
    method: request ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  calendar.createEvent({
    id: `session-${session.id}@${input.productDomain}`,
    sequence: request ? session.version : session.version + 1,
    stamp: input.stamp ?? session.startsAt,
    start: session.startsAt,
    end: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000),
    summary: input.summary,
    description: input.description,
    location: session.meetingUrl,
    url: session.meetingUrl,
    status: request ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    organizer: { name: input.organizer.name.replace(/"/g, "'"), email: input.organizer.email },
    attendees: [
      {
        name: input.attendee.name.replace(/"/g, "'"),
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: request,
      },
    ],
  });
  return `${calendar.toString()}\r\n`;
}

const base: SessionCalendarInput = {
  method: 'REQUEST',
  session: {
    id: '0b6c1a52-6f0e-4d0c-9d59-3f1c2a4e5b6d',
    startsAt: new Date('2027-01-05T09:00:00.500Z'),
    durationMinutes: 60,
    timeZone: 'Europe/London',
    meetingUrl: 'https://meet.example.com/abc-defg-hij?pwd=1;2,3',
    agenda: null,
    sequence: 2,
    version: 3,
  },
  organizer: { name: 'Coach "Q" O\\Neil', email: 'coach@example.com' },
  attendee: { name: 'Client, Two', email: 'client@example.com' },
  summary: 'Coaching session: Client, Two with Coach "Q" O\\Neil',
  description:
    'Agenda:\nReview the interview feedback; prepare.\r\n\r\nJoin the meeting: https://meet.example.com/abc\n\nSession in Tandem: https://tandem.example.com/sessions/0b6c',
  productDomain: 'tandem.example.com',
  stamp: new Date('2026-12-01T10:11:12.999Z'),
};

describe('sessionCalendarEvent', () => {
  const cases: Array<[string, SessionCalendarInput]> = [
    ['an invitation', base],
    [
      'a cancellation without a meeting link or stamp',
      { ...base, method: 'CANCEL', session: { ...base.session, meetingUrl: null }, stamp: undefined },
    ],
    [
      'non-ASCII text folded at 75 octets',
      {
        ...base,
        summary: `Séance de coaching : Zoë Ørsted avec 李小龍 🚀 ${'ü'.repeat(90)}`,
        attendee: { name: 'Zoë 🚀 Ørsted', email: 'zoe@example.com' },
      },
    ],
    [
      'lines of exactly 74, 75 and 76 octets',
      {
        ...base,
        summary: 'x'.repeat(74 - 'SUMMARY:'.length),
        description: 'y'.repeat(75 - 'DESCRIPTION:'.length),
        productDomain: `${'z'.repeat(76 - 'UID:session-0b6c1a52-6f0e-4d0c-9d59-3f1c2a4e5b6d@'.length)}`,
      },
    ],
  ];
  it.each(cases)('writes %s exactly as ical-generator did', (_name, input) => {
    expect(sessionCalendarEvent(input)).toBe(viaIcalGenerator(input));
  });

  it('ends every content line with CRLF, the last one (END:VCALENDAR) included', () => {
    const ics = sessionCalendarEvent(base);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('gives a CANCEL a higher SEQUENCE than the invite it withdraws', () => {
    const sequence = (ics: string) => Number(/^SEQUENCE:(\d+)\r$/m.exec(ics)![1]);
    const invite = sessionCalendarEvent(base);
    const cancel = sessionCalendarEvent({ ...base, method: 'CANCEL' });
    expect(sequence(invite)).toBe(3);
    expect(sequence(cancel)).toBe(4);
    expect(cancel).toContain('UID:session-0b6c1a52-6f0e-4d0c-9d59-3f1c2a4e5b6d@tandem.example.com\r\n');
  });

  it('never folds inside a character', () => {
    const folded = fold(`SUMMARY:${'🚀'.repeat(40)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'🚀'.repeat(40)}`);
  });
});
