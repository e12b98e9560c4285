// Long on purpose: every email kind and rendering rule (times, user text, links, footer, calendar part) with its fixtures.
import ICAL from 'ical.js';
import {
  renderNotification,
  type ItemFacts,
  type NotificationContent,
  type RenderOptions,
  type RenderedEmail,
  type SessionFacts,
} from './render-notification.js';

const SESSION_ID = '0b6f7c1e-7f8a-4f64-9d8e-3c2b1a0f9e8d';
const APP_URL = 'https://tandem.example.com';
const UNSUBSCRIBE_URL = `${APP_URL}/unsubscribe?token=abc.def`;
const coach = { name: 'Jane Coach', email: 'jane@coaching.test' };
const client = { name: 'Ana Lopez', email: 'Ana.Lopez@client.test' };

function aSession(overrides: Partial<SessionFacts> = {}): SessionFacts {
  return {
    id: SESSION_ID,
    startsAt: new Date('2027-01-05T14:00:00Z'),
    durationMinutes: 60,
    timeZone: 'Europe/London',
    meetingUrl: 'https://meet.example.com/abc-defg',
    agenda: 'Review the offer\nPlan the negotiation',
    sequence: 4,
    version: 2,
    ...overrides,
  };
}

function options(overrides: Partial<RenderOptions> = {}): RenderOptions {
  return {
    practiceName: 'Northstar Coaching',
    appUrl: APP_URL,
    recipientName: 'Ana Lopez',
    recipientTimeZone: 'America/New_York',
    unsubscribeUrl: UNSUBSCRIBE_URL,
    ...overrides,
  };
}

const items: ItemFacts[] = [
  { title: 'Update the CV', dueDate: '2027-01-04', overdue: true },
  { title: 'Call two former colleagues', dueDate: '2027-01-12', overdue: false },
  { title: 'Read the negotiation chapter', dueDate: null, overdue: false },
];

/** One sample of every kind, with the subject it must render to for a recipient in New York. */
const SAMPLES: Array<{ content: NotificationContent; subject: string; mentions: string[] }> = [
  {
    content: {
      kind: 'SESSION_REMINDER',
      session: aSession(),
      coach,
      client,
      forCoach: false,
      minutesBefore: 48 * 60,
      openActionItems: items,
    },
    subject: 'Reminder: coaching session Tue 5 Jan, 09:00',
    mentions: ['Your coaching session with Jane Coach is in 2 days.', 'Update the CV (due Mon 4 Jan 2027) – overdue', 'Review the offer'],
  },
  {
    content: { kind: 'SESSION_REMINDER', session: aSession(), coach, client, forCoach: true, minutesBefore: 120, openActionItems: [] },
    subject: 'Reminder: session with Ana Lopez Tue 5 Jan, 09:00',
    mentions: ['Your coaching session with Ana Lopez is in 2 hours.'],
  },
  {
    content: {
      kind: 'SESSION_PREP',
      session: aSession(),
      coach,
      client,
      openActionItems: items,
      goals: [{ title: 'Land a VP role', progress: 0.4 }],
    },
    subject: 'Prepare for your session Tue 5 Jan, 09:00',
    mentions: ['Land a VP role: 40%', 'Call two former colleagues (due Tue 12 Jan 2027)', 'Plan the negotiation'],
  },
  {
    content: { kind: 'SESSION_CANCELLED', session: aSession(), coach, client },
    subject: 'Session cancelled: Tue 5 Jan, 09:00',
    mentions: ['The coaching session of Ana Lopez with Jane Coach on Tuesday 5 January 2027, 09:00 (America/New_York) has been cancelled.'],
  },
  {
    content: { kind: 'ACCOUNTABILITY_NUDGE', client, items },
    subject: '2 action items due, 1 overdue',
    mentions: ['Read the negotiation chapter', 'Review your action items'],
  },
  {
    content: {
      kind: 'SESSION_SUMMARY',
      session: aSession(),
      coach,
      client,
      summary: 'We agreed on a target salary.\nNext: rehearse the call.',
      actionItems: items.slice(0, 1),
      nextSession: { startsAt: new Date('2027-04-06T13:00:00Z'), timeZone: 'Europe/London' },
    },
    subject: 'Summary of your session on Tue 5 Jan',
    mentions: [
      'Jane Coach shared the summary',
      'We agreed on a target salary.',
      'Next session: Tuesday 6 April 2027, 09:00 (America/New_York).',
    ],
  },
  {
    content: {
      kind: 'COACH_DIGEST',
      coach,
      weekStarting: '2027-01-04',
      sessions: [
        { clientName: 'Ben Ortiz', startsAt: new Date('2027-01-07T15:30:00Z') },
        { clientName: 'Ana Lopez', startsAt: new Date('2027-01-05T14:00:00Z') },
      ],
      clientsWithOverdueItems: [{ clientName: 'Ana Lopez', overdueCount: 1 }],
      engagementsWithoutNextSession: [{ clientName: 'Chen Wei', title: 'Leadership transition' }],
      checkIns: [
        {
          clientName: 'Dee Stone',
          answer: 'NEED_HELP',
          note: 'Offer <withdrawn>\nwhat now?',
          answeredAt: new Date('2027-01-02T15:00:00Z'),
        },
        { clientName: 'Ben Ortiz', answer: 'ON_TRACK', note: null, answeredAt: new Date('2027-01-01T12:00:00Z') },
      ],
    },
    subject: 'Your week of Mon 4 Jan 2027: 2 sessions',
    mentions: [
      'Tuesday 5 January 2027, 09:00 (America/New_York): Ana Lopez',
      'Ana Lopez: 1 overdue item',
      'Chen Wei: Leadership transition',
      'Check-in answers',
      'Dee Stone: Need help (Sat 2 Jan) – Offer <withdrawn> what now?',
      'Ben Ortiz: On track (Fri 1 Jan)',
    ],
  },
  {
    content: {
      kind: 'MID_CYCLE_CHECK_IN',
      client,
      coach,
      nextSession: { startsAt: new Date('2027-03-10T14:00:00Z'), timeZone: 'America/New_York' },
      openActionItems: [{ title: 'Call <three> recruiters', dueDate: '2027-02-01', overdue: true }],
      goals: [{ title: 'Land a director role', progress: 0.5 }],
      answerUrls: {
        onTrack: `${APP_URL}/check-in?token=on.track`,
        stuck: `${APP_URL}/check-in?token=st.uck`,
        needHelp: `${APP_URL}/check-in?token=need.help`,
      },
    },
    subject: 'Halfway to your next session: how is it going?',
    mentions: [
      'with Jane Coach, on Wednesday 10 March 2027, 09:00 (America/New_York)',
      `On track: ${APP_URL}/check-in?token=on.track`,
      `Stuck: ${APP_URL}/check-in?token=st.uck`,
      `Need help: ${APP_URL}/check-in?token=need.help`,
      'Call <three> recruiters',
      'Land a director role: 50%',
    ],
  },
  {
    content: {
      kind: 'CHECK_IN_NEEDS_HELP',
      coach,
      clientName: 'Ana Lopez',
      clientId: 'c-1',
      note: 'The <b>offer</b> fell through',
      dueDate: '2027-02-08',
    },
    subject: 'Ana Lopez asked for help',
    mentions: ['check-in of Mon 8 Feb 2027 with "Need help"', 'The <b>offer</b> fell through', `${APP_URL}/clients/c-1`],
  },
  {
    content: { kind: 'INVITE', inviteeName: 'Ana Lopez', practiceName: 'Northstar Coaching', url: `${APP_URL}/invite/xyz` },
    subject: "You're invited to Northstar Coaching on Tandem",
    mentions: ['Northstar Coaching invited you to Tandem', `Accept the invitation: ${APP_URL}/invite/xyz`],
  },
  {
    content: { kind: 'PASSWORD_RESET', url: `${APP_URL}/reset/xyz` },
    subject: 'Reset your Tandem password',
    mentions: [`Choose a new password: ${APP_URL}/reset/xyz`],
  },
];

const label = (content: NotificationContent) => `${content.kind}${'forCoach' in content && content.forCoach ? ' (coach)' : ''}`;

/** The visible text of an HTML body, entities decoded. */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body'));
  return body
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function vevent(calendar: RenderedEmail['calendar']): { root: ICAL.Component; event: ICAL.Component } {
  expect(calendar).toBeDefined();
  const root = new ICAL.Component(ICAL.parse(calendar!.content) as unknown[]);
  const event = root.getFirstSubcomponent('vevent');
  expect(event).not.toBeNull();
  return { root, event: event! };
}

/** The address of a cal-address value (the scheme is case-insensitive). */
const address = (value: unknown) => String(value).replace(/^mailto:/i, '');

const time = (event: ICAL.Component, name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate();

describe('renderNotification', () => {
  describe.each(SAMPLES.map((sample) => [label(sample.content), sample] as const))('%s', (_name, sample) => {
    const email = renderNotification(sample.content, options());

    it('renders its subject', () => {
      expect(email.subject).toBe(sample.subject);
    });

    it('renders a plain-text and an HTML body saying the same things', () => {
      expect(email.html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
      const html = visibleText(email.html);
      for (const mention of sample.mentions) {
        expect(email.text).toContain(mention);
      }
      for (const line of email.text
        .split('\n')
        .map((l) => l.replace(/^(- |> |-- ?$)/, '').trim())
        .filter(Boolean)) {
        const asLink = /^(.+): (https?:\/\/\S+)$/.exec(line);
        if (asLink) {
          expect(email.html).toContain(`href="${escapeHtml(asLink[2])}"`);
          expect(html).toContain(asLink[1]);
        } else {
          expect(html).toContain(line);
        }
      }
    });

    it('is a pure function of its input', () => {
      expect(renderNotification(sample.content, options())).toEqual(email);
    });
  });

  describe('times', () => {
    const reminder = (recipientTimeZone: string, startsAt = new Date('2027-01-05T14:00:00Z')) =>
      renderNotification(
        {
          kind: 'SESSION_REMINDER',
          session: aSession({ startsAt }),
          coach,
          client,
          forCoach: false,
          minutesBefore: 24 * 60,
          openActionItems: [],
        },
        options({ recipientTimeZone }),
      );

    it("shows a 14:00Z session at 09:00 in New York and 23:00 in Tokyo, naming the recipient's zone", () => {
      const newYork = reminder('America/New_York');
      expect(newYork.subject).toBe('Reminder: coaching session Tue 5 Jan, 09:00');
      expect(newYork.text).toContain('When: Tuesday 5 January 2027, 09:00 (America/New_York), 60 minutes');
      expect(newYork.html).toContain('Tuesday 5 January 2027, 09:00 (America/New_York)');

      const tokyo = reminder('Asia/Tokyo');
      expect(tokyo.subject).toBe('Reminder: coaching session Tue 5 Jan, 23:00');
      expect(tokyo.text).toContain('Tuesday 5 January 2027, 23:00 (Asia/Tokyo)');
      expect(tokyo.html).toContain('Tuesday 5 January 2027, 23:00 (Asia/Tokyo)');
    });

    it('follows daylight saving time in the recipient zone, not the session zone', () => {
      expect(reminder('America/New_York', new Date('2027-07-06T13:00:00Z')).text).toContain(
        'Tuesday 6 July 2027, 09:00 (America/New_York)',
      );
      expect(reminder('Europe/London', new Date('2027-07-06T13:00:00Z')).text).toContain('Tuesday 6 July 2027, 14:00 (Europe/London)');
    });

    it('falls back to UTC, and says so, for a zone it does not know', () => {
      expect(reminder('Mars/Olympus_Mons').text).toContain('Tuesday 5 January 2027, 14:00 (UTC)');
    });

    it('shows every session of a digest in the recipient zone', () => {
      const digest = renderNotification(
        SAMPLES.find((s) => s.content.kind === 'COACH_DIGEST')!.content,
        options({ recipientTimeZone: 'Asia/Tokyo' }),
      );
      expect(digest.text).toContain('Tuesday 5 January 2027, 23:00 (Asia/Tokyo): Ana Lopez');
      expect(digest.text).toContain('Friday 8 January 2027, 00:30 (Asia/Tokyo): Ben Ortiz');
    });
  });

  describe('reminder lead time', () => {
    const lead = (minutesBefore: number) =>
      renderNotification(
        { kind: 'SESSION_REMINDER', session: aSession(), coach, client, forCoach: false, minutesBefore, openActionItems: [] },
        options(),
      ).text;

    it.each([
      [31, 'in 31 minutes'],
      [60, 'in 1 hour'],
      [90, 'in 90 minutes'],
      [120, 'in 2 hours'],
      [135, 'in 2 hours and 15 minutes'],
      [24 * 60, 'in 1 day'],
      [36 * 60, 'in 36 hours'],
      [48 * 60, 'in 2 days'],
    ])('says a session %i minutes ahead is %s', (minutes, wording) => {
      expect(lead(minutes)).toContain(`Your coaching session with Jane Coach is ${wording}.`);
    });
  });

  describe('nudge subject', () => {
    const subject = (overdue: boolean[]) =>
      renderNotification(
        { kind: 'ACCOUNTABILITY_NUDGE', client, items: overdue.map((o, i) => ({ title: `Item ${i}`, dueDate: '2027-01-04', overdue: o })) },
        options(),
      ).subject;

    it('counts each item once: an overdue item is not also due', () => {
      expect(subject([true])).toBe('1 action item overdue');
      expect(subject([true, true])).toBe('2 action items overdue');
      expect(subject([false])).toBe('1 action item due');
      expect(subject([false, false, true])).toBe('2 action items due, 1 overdue');
      expect(subject([false, true, true])).toBe('1 action item due, 2 overdue');
    });

    const followUp = (name: string, overdue: boolean) => ({
      name,
      organisation: name === 'Rosa' ? 'Initech' : null,
      dueDate: '2027-01-04',
      overdue,
    });

    it('adds the networking follow-ups due, or says only them, and lists each with its organisation', () => {
      const withItems = renderNotification(
        {
          kind: 'ACCOUNTABILITY_NUDGE',
          client,
          items: [{ title: 'Item', dueDate: '2027-01-04', overdue: true }],
          followUps: [followUp('Rosa', false)],
        },
        options(),
      );
      expect(withItems.subject).toBe('1 action item overdue and 1 networking follow-up due');
      expect(withItems.text).toContain('Rosa (Initech): due today');
      const only = renderNotification(
        { kind: 'ACCOUNTABILITY_NUDGE', client, items: [], followUps: [followUp('Rosa', false), followUp('Dan', true)] },
        options(),
      );
      expect(only.subject).toBe('2 networking follow-ups due');
      expect(only.text).toContain('Dan: overdue since Mon 4 Jan 2027');
      expect(only.text).not.toContain('Review your action items');
      expect(only.text).toContain(`${APP_URL}/contacts`);
    });
  });

  describe('user-provided text', () => {
    const attack = '<script>alert("x")</script>';
    const hostile: NotificationContent[] = [
      {
        kind: 'SESSION_REMINDER',
        session: aSession({ agenda: attack, meetingUrl: 'javascript:alert(1)' }),
        coach: { name: attack, email: 'c@x.test' },
        client,
        forCoach: false,
        minutesBefore: 120,
        openActionItems: [{ title: attack, dueDate: null, overdue: false }],
      },
      {
        kind: 'SESSION_PREP',
        session: aSession({ agenda: attack }),
        coach,
        client,
        openActionItems: [],
        goals: [{ title: attack, progress: 1 }],
      },
      {
        kind: 'SESSION_SUMMARY',
        session: aSession(),
        coach,
        client,
        summary: attack,
        actionItems: [{ title: attack, dueDate: null, overdue: false }],
        nextSession: null,
      },
      {
        kind: 'ACCOUNTABILITY_NUDGE',
        client: { name: attack, email: 'a@x.test' },
        items: [{ title: attack, dueDate: null, overdue: false }],
        followUps: [{ name: attack, organisation: attack, dueDate: '2027-01-04', overdue: true }],
      },
      {
        kind: 'COACH_DIGEST',
        coach,
        weekStarting: '2027-01-04',
        sessions: [{ clientName: attack, startsAt: new Date('2027-01-05T14:00:00Z') }],
        clientsWithOverdueItems: [],
        engagementsWithoutNextSession: [{ clientName: 'A', title: attack }],
      },
      { kind: 'INVITE', inviteeName: attack, practiceName: attack, url: `${APP_URL}/invite/x` },
    ];

    it.each(hostile.map((content) => [content.kind, content] as const))(
      'is escaped in the HTML of %s and kept as written in the text',
      (_kind, content) => {
        const email = renderNotification(content, options({ practiceName: attack, recipientName: attack }));
        expect(email.html).not.toMatch(/<script/i);
        expect(email.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
        expect(email.text).toContain(attack);
      },
    );

    it('never turns a non-web meeting URL into a link', () => {
      const email = renderNotification(hostile[0], options());
      expect(email.html).not.toContain('href="javascript:');
      expect(email.text).toContain('Join the meeting: javascript:alert(1)');
    });

    it('keeps subjects on one line', () => {
      const email = renderNotification(
        { kind: 'INVITE', inviteeName: 'A', practiceName: 'Evil\r\nBcc: x@y.test', url: `${APP_URL}/i` },
        options(),
      );
      expect(email.subject).toBe("You're invited to Evil Bcc: x@y.test on Tandem");
    });

    it('reads only the session fields it knows: private notes on an entity passed by mistake never show', () => {
      const entity = { ...aSession(), privateNotes: 'PRIVATE-NOTE-TEXT', sharedSummary: null };
      for (const content of [
        { kind: 'SESSION_REMINDER', session: entity, coach, client, forCoach: true, minutesBefore: 120, openActionItems: [] },
        { kind: 'SESSION_PREP', session: entity, coach, client, openActionItems: [], goals: [] },
        { kind: 'SESSION_CANCELLED', session: entity, coach, client },
        { kind: 'SESSION_SUMMARY', session: entity, coach, client, summary: 'Shared', actionItems: [], nextSession: null },
      ] satisfies NotificationContent[]) {
        const email = renderNotification(content, options());
        expect(JSON.stringify(email)).not.toContain('PRIVATE-NOTE-TEXT');
        expect(JSON.stringify(email).toLowerCase()).not.toContain('private');
      }
    });
  });

  describe('links', () => {
    it("point at the app's session and action item pages, whatever the trailing slash", () => {
      const email = renderNotification(SAMPLES[0].content, options({ appUrl: `${APP_URL}/` }));
      expect(email.text).toContain(`Open the session: ${APP_URL}/sessions/${SESSION_ID}`);
      expect(email.text).toContain(`Review the action items: ${APP_URL}/action-items`);
      expect(email.html).toContain(`href="${APP_URL}/sessions/${SESSION_ID}"`);
      expect(email.html).toContain(`href="${APP_URL}/action-items"`);
    });

    it('carry the meeting link and agenda of a reminder and a prep email only when the session has them', () => {
      for (const content of SAMPLES.slice(0, 3).map((s) => s.content)) {
        const email = renderNotification(content, options());
        expect(email.text).toContain('Join the meeting: https://meet.example.com/abc-defg');
        expect(email.html).toContain('href="https://meet.example.com/abc-defg"');
        expect(email.text).toContain('Agenda\n\n> Review the offer\n> Plan the negotiation');
      }
      const bare = renderNotification(
        {
          kind: 'SESSION_REMINDER',
          session: aSession({ meetingUrl: null, agenda: null }),
          coach,
          client,
          forCoach: false,
          minutesBefore: 120,
          openActionItems: [],
        },
        options(),
      );
      expect(bare.text).not.toContain('Join the meeting');
      expect(bare.text).not.toContain('Agenda');
      expect(bare.text).not.toContain('Open action items');
    });
  });

  describe('unsubscribe footer', () => {
    it.each(SAMPLES.slice(0, 7).map((s) => [label(s.content), s.content] as const))(
      'is in %s when there is an unsubscribe URL',
      (_kind, content) => {
        const email = renderNotification(content, options());
        expect(email.text).toContain(`\n-- \nSent by Tandem for Northstar Coaching.\nUnsubscribe: ${UNSUBSCRIBE_URL}\n`);
        expect(email.html).toContain(`href="${escapeHtml(UNSUBSCRIBE_URL)}"`);
      },
    );

    it('is left out when there is no unsubscribe URL', () => {
      const email = renderNotification(SAMPLES[0].content, options({ unsubscribeUrl: null }));
      expect(email.text).not.toContain('Unsubscribe');
      expect(email.html).not.toContain('Unsubscribe');
      expect(email.text).toContain('Sent by Tandem for Northstar Coaching.');
    });

    it.each(['INVITE', 'PASSWORD_RESET'])('is never in %s, which answers something the recipient did', (kind) => {
      const email = renderNotification(SAMPLES.find((s) => s.content.kind === kind)!.content, options());
      expect(email.text).not.toContain('Unsubscribe');
      expect(email.html).not.toContain('unsubscribe');
    });
  });

  describe('calendar part', () => {
    const sentAt = new Date('2027-01-03T14:00:00Z');
    const reminder = (session: SessionFacts) =>
      renderNotification(
        { kind: 'SESSION_REMINDER', session, coach, client, forCoach: false, minutesBefore: 48 * 60, openActionItems: [] },
        options({ sentAt }),
      );

    it('is a METHOD:REQUEST invitation on a reminder', () => {
      const email = reminder(aSession());
      expect(email.calendar!.method).toBe('REQUEST');
      const { root, event } = vevent(email.calendar);
      expect(root.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(event.getFirstPropertyValue('uid')).toBe(`session-${SESSION_ID}@tandem.example.com`);
      expect(event.getFirstPropertyValue('sequence')).toBe(2);
      expect(time(event, 'dtstart').toISOString()).toBe('2027-01-05T14:00:00.000Z');
      expect(time(event, 'dtend').toISOString()).toBe('2027-01-05T15:00:00.000Z');
      expect(time(event, 'dtstamp').toISOString()).toBe(sentAt.toISOString());
      expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(address(event.getFirstPropertyValue('organizer'))).toBe(coach.email);
      expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe(coach.name);
      const attendee = event.getFirstProperty('attendee')!;
      expect(address(attendee.getFirstValue())).toBe(client.email);
      expect(attendee.getParameter('rsvp')).toBe('TRUE');
      expect(event.getFirstPropertyValue('location')).toBe('https://meet.example.com/abc-defg');
      expect(event.getFirstPropertyValue('url')).toBe('https://meet.example.com/abc-defg');
      expect(event.getFirstPropertyValue('description')).toContain(`${APP_URL}/sessions/${SESSION_ID}`);
    });

    it('keeps the UID and raises SEQUENCE when the session is rescheduled', () => {
      const before = vevent(reminder(aSession()).calendar).event;
      const after = vevent(reminder(aSession({ startsAt: new Date('2027-01-07T16:00:00Z'), version: 3 })).calendar).event;
      expect(after.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
      expect(after.getFirstPropertyValue('sequence')).toBe(3);
      expect(time(after, 'dtstart').toISOString()).toBe('2027-01-07T16:00:00.000Z');
    });

    it('is a METHOD:CANCEL with STATUS:CANCELLED and the same UID on a cancellation', () => {
      const email = renderNotification({ kind: 'SESSION_CANCELLED', session: aSession({ meetingUrl: null }), coach, client }, options());
      expect(email.calendar!.method).toBe('CANCEL');
      const { root, event } = vevent(email.calendar);
      expect(root.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(event.getFirstPropertyValue('uid')).toBe(vevent(reminder(aSession()).calendar).event.getFirstPropertyValue('uid'));
      // One above the invite's (version 2): a calendar ignores a CANCEL that is not newer than its event.
      expect(event.getFirstPropertyValue('sequence')).toBe(3);
      expect(time(event, 'dtstart').toISOString()).toBe('2027-01-05T14:00:00.000Z');
      expect(address(event.getFirstPropertyValue('organizer'))).toBe(coach.email);
      expect(address(event.getFirstPropertyValue('attendee'))).toBe(client.email);
      expect(event.getFirstPropertyValue('location')).toBeNull();
    });

    it('stays parseable with quotes and line breaks in names and agenda', () => {
      const email = renderNotification(
        {
          kind: 'SESSION_REMINDER',
          session: aSession({ agenda: 'One; two, "three"\nfour' }),
          coach: { name: 'Jane "JC" Coach', email: coach.email },
          client: { name: 'Ana, López', email: client.email },
          forCoach: false,
          minutesBefore: 120,
          openActionItems: [],
        },
        options(),
      );
      const { event } = vevent(email.calendar);
      expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe("Jane 'JC' Coach");
      expect(event.getFirstProperty('attendee')!.getParameter('cn')).toBe('Ana, López');
      expect(event.getFirstPropertyValue('description')).toContain('One; two, "three"\nfour');
    });

    it('is only on reminders and cancellations', () => {
      const withCalendar = SAMPLES.filter((s) => renderNotification(s.content, options()).calendar).map((s) => s.content.kind);
      expect([...new Set(withCalendar)]).toEqual(['SESSION_REMINDER', 'SESSION_CANCELLED']);
    });
  });
});

describe('NEW_MESSAGES', () => {
  const content = (overrides: Partial<Extract<NotificationContent, { kind: 'NEW_MESSAGES' }>> = {}): NotificationContent => ({
    kind: 'NEW_MESSAGES',
    clientName: 'Ana Lopez',
    engagementTitle: 'Leadership transition',
    conversationPath: '/messages',
    messages: [
      {
        authorName: 'Jane Coach',
        body: 'How did the <b>interview</b> go?\nTell me everything.',
        createdAt: new Date('2027-01-05T14:00:00Z'),
      },
      { authorName: 'Jane Coach', body: 'Also: <script>x()</script>', createdAt: new Date('2027-01-05T14:01:00Z') },
    ],
    unreadCount: 2,
    canReplyByEmail: true,
    ...overrides,
  });

  it('quotes the unread messages as text, links the conversation and says a reply by email works', () => {
    const email = renderNotification(content(), options());
    expect(email.subject).toBe('2 new messages from Jane Coach');
    expect(email.text).toContain('> How did the <b>interview</b> go?\n> Tell me everything.');
    expect(email.text).toContain(`${APP_URL}/messages`);
    expect(email.text).toContain('You can also reply to this email');
    expect(email.html).not.toMatch(/<script>|<b>interview/);
    expect(email.html).toContain('&#60;script&#62;x()&#60;/script&#62;');
  });

  it('says how many earlier ones it left out, and names no reply by email when there is no reply address', () => {
    const email = renderNotification(content({ unreadCount: 25, canReplyByEmail: false }), options());
    expect(email.subject).toBe('25 new messages from Jane Coach');
    expect(email.text).toContain('… and 23 earlier messages in Tandem.');
    expect(email.text).not.toContain('reply to this email');
  });
});
