import { heading, link, list, paragraph, quote, renderHtml, renderText, type Block } from './email-layout.js';
import { calendarDate, count, displayZone, inAdvance, longDateTime, oneLine, shortDate, shortDateTime } from './format.js';
import { sessionCalendarEvent } from './session-calendar.js';
import type { Person, SessionFacts } from './session-facts.js';

export type { Person, SessionFacts } from './session-facts.js';

export interface ItemFacts {
  title: string;
  dueDate: string | null;
  overdue: boolean;
}

/** A networking contact whose follow-up is due (today) or overdue. */
export interface FollowUpFacts {
  name: string;
  organisation: string | null;
  /** yyyy-MM-dd, the client's local date. */
  dueDate: string;
  overdue: boolean;
}

export type NotificationContent =
  | {
      kind: 'SESSION_REMINDER';
      session: SessionFacts;
      coach: Person;
      client: Person;
      forCoach: boolean;
      /** How long before the session the email goes out, in whole minutes. */
      minutesBefore: number;
      openActionItems: ItemFacts[];
    }
  | {
      kind: 'SESSION_PREP';
      session: SessionFacts;
      coach: Person;
      client: Person;
      openActionItems: ItemFacts[];
      goals: Array<{ title: string; progress: number }>;
    }
  | { kind: 'SESSION_CANCELLED'; session: SessionFacts; coach: Person; client: Person }
  | { kind: 'ACCOUNTABILITY_NUDGE'; client: Person; items: ItemFacts[]; followUps?: FollowUpFacts[] }
  | {
      kind: 'SESSION_SUMMARY';
      session: SessionFacts;
      coach: Person;
      client: Person;
      summary: string;
      actionItems: ItemFacts[];
      nextSession: { startsAt: Date; timeZone: string } | null;
    }
  | {
      kind: 'COACH_DIGEST';
      coach: Person;
      /** YYYY-MM-DD */
      weekStarting: string;
      sessions: Array<{ clientName: string; startsAt: Date }>;
      clientsWithOverdueItems: Array<{ clientName: string; overdueCount: number }>;
      engagementsWithoutNextSession: Array<{ clientName: string; title: string }>;
      /** Mid-cycle check-ins answered lately, newest first. */
      checkIns?: Array<{ clientName: string; answer: string; note: string | null; answeredAt: Date }>;
    }
  | {
      kind: 'MID_CYCLE_CHECK_IN';
      client: Person;
      coach: Person;
      nextSession: { startsAt: Date; timeZone: string };
      openActionItems: ItemFacts[];
      goals: Array<{ title: string; progress: number }>;
      /** Signed one-click answer links. */
      answerUrls: { onTrack: string; stuck: string; needHelp: string };
    }
  | {
      kind: 'CHECK_IN_NEEDS_HELP';
      coach: Person;
      clientName: string;
      clientId: string;
      note: string | null;
      /** YYYY-MM-DD */
      dueDate: string;
    }
  | { kind: 'INVITE'; inviteeName: string; practiceName: string; url: string; logInUrl?: string | undefined }
  | { kind: 'PASSWORD_RESET'; url: string }
  | { kind: 'SIGN_UP'; practiceName: string; url: string }
  | { kind: 'ACCOUNT_EXISTS'; logInUrl: string }
  | {
      kind: 'NEW_MESSAGES';
      clientName: string;
      engagementTitle: string;
      /** Where the recipient reads the conversation in the app. */
      conversationPath: string;
      /** The unread messages quoted, oldest first (the latest ones when there are many). */
      messages: Array<{ authorName: string; body: string; createdAt: Date }>;
      unreadCount: number;
      /** The email carries a reply address the inbound receiver accepts. */
      canReplyByEmail: boolean;
    };

export interface RenderOptions {
  practiceName: string;
  appUrl: string;
  recipientName: string;
  recipientTimeZone: string;
  unsubscribeUrl: string | null;
  /** When the email goes out: the DTSTAMP of a calendar part. Without it the output depends on the content alone. */
  sentAt?: Date;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

interface Draft {
  subject: string;
  body: Block[];
  calendar?: RenderedEmail['calendar'];
}

/** What a renderer needs besides the content: where links point and how times read. */
class Context {
  readonly zone: string;
  private readonly base: string;

  constructor(readonly options: RenderOptions) {
    this.zone = displayZone(options.recipientTimeZone);
    this.base = options.appUrl.replace(/\/+$/, '');
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  sessionUrl(session: SessionFacts): string {
    return this.url(`/sessions/${encodeURIComponent(session.id)}`);
  }

  long(instant: Date): string {
    return longDateTime(instant, this.zone);
  }

  short(instant: Date): string {
    return shortDateTime(instant, this.zone);
  }

  greeting(name = this.options.recipientName): Block {
    return paragraph(`Hello ${name},`);
  }

  productDomain(): string {
    try {
      return new URL(this.base).hostname || 'tandem.localhost';
    } catch {
      return 'tandem.localhost';
    }
  }
}

/** Renders one email from plain facts: no I/O, no clock. Only the fields named in the content types are ever read. */
export function renderNotification(content: NotificationContent, options: RenderOptions): RenderedEmail {
  const context = new Context(options);
  const draft = draftOf(content, context);
  const subject = oneLine(draft.subject);
  const footer = footerOf(content.kind, options);
  return {
    subject,
    text: renderText(draft.body, footer),
    html: renderHtml(subject, draft.body, footer),
    ...(draft.calendar ? { calendar: draft.calendar } : {}),
  };
}

function isAnswerToRecipient(kind: NotificationContent['kind']): boolean {
  return kind === 'INVITE' || kind === 'PASSWORD_RESET' || kind === 'SIGN_UP' || kind === 'ACCOUNT_EXISTS';
}

function footerOf(kind: NotificationContent['kind'], options: RenderOptions): Block[] {
  const sender = paragraph(`Sent by Tandem for ${options.practiceName}.`);
  // Invitations and password resets answer something the recipient did: there is nothing to unsubscribe from.
  if (isAnswerToRecipient(kind) || !options.unsubscribeUrl) return [sender];
  return [sender, link('Unsubscribe', options.unsubscribeUrl)];
}

function draftOf(content: NotificationContent, context: Context): Draft {
  switch (content.kind) {
    case 'SESSION_REMINDER':
      return reminder(content, context);
    case 'SESSION_PREP':
      return prep(content, context);
    case 'SESSION_CANCELLED':
      return cancelled(content, context);
    case 'ACCOUNTABILITY_NUDGE':
      return nudge(content, context);
    case 'SESSION_SUMMARY':
      return summary(content, context);
    case 'COACH_DIGEST':
      return digest(content, context);
    case 'INVITE':
      return invite(content);
    case 'PASSWORD_RESET':
      return passwordReset(content, context);
    case 'SIGN_UP':
      return signUp(content, context);
    case 'ACCOUNT_EXISTS':
      return accountExists(content, context);
    case 'NEW_MESSAGES':
      return newMessages(content, context);
    case 'MID_CYCLE_CHECK_IN':
      return checkIn(content, context);
    case 'CHECK_IN_NEEDS_HELP':
      return checkInNeedsHelp(content, context);
  }
}

type Content<K extends NotificationContent['kind']> = Extract<NotificationContent, { kind: K }>;

function itemLine(item: ItemFacts): string {
  const due = item.dueDate ? ` (due ${calendarDate(item.dueDate)})` : '';
  return `${item.title}${due}${item.overdue ? ' – overdue' : ''}`;
}

function when(session: SessionFacts, context: Context): string {
  return `When: ${context.long(session.startsAt)}, ${count(session.durationMinutes, 'minute')}`;
}

/** The meeting link and agenda, when the session has them. */
function sessionDetails(session: SessionFacts): Block[] {
  return [
    ...(session.meetingUrl ? [link('Join the meeting', session.meetingUrl)] : []),
    ...(session.agenda?.trim() ? [heading('Agenda'), quote(session.agenda)] : []),
  ];
}

function openItems(items: ItemFacts[], context: Context): Block[] {
  if (!items.length) return [];
  return [heading('Open action items'), list(items.map(itemLine)), link('Review the action items', context.url('/action-items'))];
}

function calendarPart(
  method: 'REQUEST' | 'CANCEL',
  content: { session: SessionFacts; coach: Person; client: Person },
  context: Context,
): NonNullable<RenderedEmail['calendar']> {
  const { session, coach, client } = content;
  const description = [
    ...(session.agenda?.trim() ? [`Agenda:\n${session.agenda.trim()}`] : []),
    ...(session.meetingUrl ? [`Join the meeting: ${session.meetingUrl}`] : []),
    `Session in Tandem: ${context.sessionUrl(session)}`,
  ].join('\n\n');
  const calendar = sessionCalendarEvent({
    method,
    session,
    organizer: coach,
    attendee: client,
    summary: `Coaching session: ${client.name} with ${coach.name}`,
    description,
    productDomain: context.productDomain(),
    ...(context.options.sentAt ? { stamp: context.options.sentAt } : {}),
  });
  return { method, content: calendar };
}

function reminder(content: Content<'SESSION_REMINDER'>, context: Context): Draft {
  const { session, coach, client, forCoach } = content;
  const other = forCoach ? client : coach;
  return {
    subject: forCoach
      ? `Reminder: session with ${client.name} ${context.short(session.startsAt)}`
      : `Reminder: coaching session ${context.short(session.startsAt)}`,
    body: [
      context.greeting(),
      paragraph(`Your coaching session with ${other.name} is ${inAdvance(content.minutesBefore)}.`),
      paragraph(when(session, context)),
      ...sessionDetails(session),
      ...openItems(content.openActionItems, context),
      link('Open the session', context.sessionUrl(session)),
      paragraph('The attached invitation adds the session to your calendar, or updates it there.'),
    ],
    calendar: calendarPart('REQUEST', content, context),
  };
}

function goalLines(goals: Array<{ title: string; progress: number }>): string[] {
  return goals.map((goal) => `${goal.title}: ${Math.round(Math.min(1, Math.max(0, goal.progress)) * 100)}%`);
}

const CHECK_IN_ANSWER_LABELS: Record<string, string> = { ON_TRACK: 'On track', STUCK: 'Stuck', NEED_HELP: 'Need help' };

function checkIn(content: Content<'MID_CYCLE_CHECK_IN'>, context: Context): Draft {
  const goals = goalLines(content.goals);
  return {
    subject: 'Halfway to your next session: how is it going?',
    body: [
      context.greeting(content.client.name),
      paragraph(
        `You are halfway to your next coaching session with ${content.coach.name}, on ${context.long(content.nextSession.startsAt)}. How are things going? One click tells your coach.`,
      ),
      link('On track', content.answerUrls.onTrack),
      link('Stuck', content.answerUrls.stuck),
      link('Need help', content.answerUrls.needHelp),
      ...openItems(content.openActionItems, context),
      ...(goals.length ? [heading('Goal progress'), list(goals)] : []),
      paragraph('Each link opens a page where you can add a note before sending.'),
    ],
  };
}

function checkInNeedsHelp(content: Content<'CHECK_IN_NEEDS_HELP'>, context: Context): Draft {
  return {
    subject: `${content.clientName} asked for help`,
    body: [
      context.greeting(content.coach.name),
      paragraph(`${content.clientName} answered their mid-cycle check-in of ${calendarDate(content.dueDate)} with "Need help".`),
      ...(content.note ? [heading('Their note'), quote(content.note)] : []),
      link(`Open ${content.clientName}'s page`, context.url(`/clients/${encodeURIComponent(content.clientId)}`)),
    ],
  };
}

function prep(content: Content<'SESSION_PREP'>, context: Context): Draft {
  const { session, coach } = content;
  const goals = content.goals.map((goal) => `${goal.title}: ${Math.round(Math.min(1, Math.max(0, goal.progress)) * 100)}%`);
  return {
    subject: `Prepare for your session ${context.short(session.startsAt)}`,
    body: [
      context.greeting(),
      paragraph(
        `Your next coaching session with ${coach.name} is coming up. A few minutes with your action items and goals beforehand makes the most of it.`,
      ),
      paragraph(when(session, context)),
      ...sessionDetails(session),
      ...openItems(content.openActionItems, context),
      ...(goals.length ? [heading('Goals'), list(goals)] : []),
      link('Open the session', context.sessionUrl(session)),
    ],
  };
}

function cancelled(content: Content<'SESSION_CANCELLED'>, context: Context): Draft {
  const { session, coach, client } = content;
  return {
    subject: `Session cancelled: ${context.short(session.startsAt)}`,
    body: [
      context.greeting(),
      paragraph(`The coaching session of ${client.name} with ${coach.name} on ${context.long(session.startsAt)} has been cancelled.`),
      paragraph('The attached cancellation removes it from your calendar.'),
      link('Open the session', context.sessionUrl(session)),
    ],
    calendar: calendarPart('CANCEL', content, context),
  };
}

/**
 * Each item counted once: an overdue item is not also "due". "1 action item overdue", "2 action
 * items due, 1 overdue"; follow-ups after them ("… and 1 follow-up due"), or alone.
 */
function nudgeSubject(items: ItemFacts[], followUps: FollowUpFacts[]): string {
  const overdue = items.filter((item) => item.overdue).length;
  const due = items.length - overdue;
  const followUpPart = followUps.length ? `${count(followUps.length, 'networking follow-up')} due` : '';
  if (!items.length) return followUpPart.charAt(0).toUpperCase() + followUpPart.slice(1);
  const itemPart = !overdue
    ? `${count(due, 'action item')} due`
    : !due
      ? `${count(overdue, 'action item')} overdue`
      : `${count(due, 'action item')} due, ${overdue} overdue`;
  return followUpPart ? `${itemPart} and ${followUpPart}` : itemPart;
}

/** "Priya Shah (Acme), due today" / "…, overdue since 3 Dec 2026". */
function followUpLine(followUp: FollowUpFacts): string {
  const who = followUp.organisation ? `${oneLine(followUp.name)} (${oneLine(followUp.organisation)})` : oneLine(followUp.name);
  return `${who}: ${followUp.overdue ? `overdue since ${calendarDate(followUp.dueDate)}` : 'due today'}`;
}

function nudge(content: Content<'ACCOUNTABILITY_NUDGE'>, context: Context): Draft {
  const followUps = content.followUps ?? [];
  return {
    subject: nudgeSubject(content.items, followUps),
    body: [
      context.greeting(content.client.name),
      ...(content.items.length
        ? [
            paragraph('A quick check-in on the action items from your coaching that are still open:'),
            list(content.items.map(itemLine)),
            link('Review your action items', context.url('/action-items')),
            paragraph('Done with one? Mark it complete so your coach sees the progress.'),
          ]
        : []),
      ...(followUps.length
        ? [
            heading('Networking follow-ups'),
            paragraph(
              content.items.length
                ? 'People you planned to get back in touch with:'
                : 'People you planned to get back in touch with today:',
            ),
            list(followUps.map(followUpLine)),
            link('Open your contacts', context.url('/contacts')),
          ]
        : []),
    ],
  };
}

function summary(content: Content<'SESSION_SUMMARY'>, context: Context): Draft {
  const { session, coach, nextSession } = content;
  return {
    subject: `Summary of your session on ${shortDate(session.startsAt, context.zone)}`,
    body: [
      context.greeting(),
      paragraph(`${coach.name} shared the summary of your session on ${context.long(session.startsAt)}:`),
      quote(content.summary),
      ...(content.actionItems.length
        ? [heading('Action items'), list(content.actionItems.map(itemLine)), link('Review your action items', context.url('/action-items'))]
        : []),
      paragraph(nextSession ? `Next session: ${context.long(nextSession.startsAt)}.` : 'No next session is scheduled yet.'),
      link('Open the session', context.sessionUrl(session)),
    ],
  };
}

function digest(content: Content<'COACH_DIGEST'>, context: Context): Draft {
  const sessions = [...content.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const overdue = content.clientsWithOverdueItems;
  const unplanned = content.engagementsWithoutNextSession;
  return {
    subject: `Your week of ${calendarDate(content.weekStarting)}: ${count(sessions.length, 'session')}`,
    body: [
      context.greeting(content.coach.name),
      paragraph(`Your week starting ${calendarDate(content.weekStarting)} at a glance.`),
      heading(`Sessions (${sessions.length})`),
      sessions.length ? list(sessions.map((s) => `${context.long(s.startsAt)}: ${s.clientName}`)) : paragraph('No sessions this week.'),
      ...(overdue.length
        ? [
            heading('Clients with overdue action items'),
            list(overdue.map((c) => `${c.clientName}: ${count(c.overdueCount, 'overdue item')}`)),
          ]
        : []),
      ...(unplanned.length
        ? [heading('Engagements without a next session'), list(unplanned.map((e) => `${e.clientName}: ${e.title}`))]
        : []),
      ...(content.checkIns?.length
        ? [
            heading('Check-in answers'),
            list(
              content.checkIns.map(
                (k) =>
                  `${k.clientName}: ${CHECK_IN_ANSWER_LABELS[k.answer] ?? k.answer} (${shortDate(k.answeredAt, context.zone)})${k.note ? ` – ${oneLine(k.note)}` : ''}`,
              ),
            ),
          ]
        : []),
      link('Open Tandem', context.url('/')),
    ],
  };
}

function invite(content: Content<'INVITE'>): Draft {
  // The address already has an account: the inviter was not told, its owner is.
  if (content.logInUrl) {
    return {
      subject: `${content.practiceName} invited you to Tandem`,
      body: [
        paragraph(`Hello ${content.inviteeName},`),
        paragraph(
          `${content.practiceName} invited this address to Tandem, but it already has a Tandem account, so the invitation cannot create another.`,
        ),
        link('Log in', content.logInUrl),
        paragraph(
          'If you forgot your password, choose "Forgot your password?" on that page. Your coach can invite you at another address if you want a separate log-in.',
        ),
      ],
    };
  }
  return {
    subject: `You're invited to ${content.practiceName} on Tandem`,
    body: [
      paragraph(`Hello ${content.inviteeName},`),
      paragraph(`${content.practiceName} invited you to Tandem, where coaching sessions, action items and goals are kept in one place.`),
      link('Accept the invitation', content.url),
      paragraph('If you were not expecting this invitation, you can ignore this email.'),
    ],
  };
}

function passwordReset(content: Content<'PASSWORD_RESET'>, context: Context): Draft {
  return {
    subject: 'Reset your Tandem password',
    body: [
      context.greeting(),
      paragraph('Someone asked to reset the password of your Tandem account.'),
      link('Choose a new password', content.url),
      paragraph('If it was not you, ignore this email: your password stays as it is.'),
    ],
  };
}

function signUp(content: Content<'SIGN_UP'>, context: Context): Draft {
  return {
    subject: 'Confirm your address to open your practice on Tandem',
    body: [
      context.greeting(),
      paragraph(`Someone signed up for Tandem with this address to open ${content.practiceName}.`),
      link('Confirm and log in', content.url),
      paragraph('The link works once, for 24 hours. If it was not you, ignore this email: nothing is created without it.'),
    ],
  };
}

// Someone signed up with an address that has an account: the person signing up was not told, its owner is.
function accountExists(content: Content<'ACCOUNT_EXISTS'>, context: Context): Draft {
  return {
    subject: 'You already have a Tandem account',
    body: [
      context.greeting(),
      paragraph(
        'Someone tried to sign up for Tandem with this address, but it already has a Tandem account, so no new practice was opened.',
      ),
      link('Log in', content.logInUrl),
      paragraph(
        'If you forgot your password, choose "Forgot your password?" on that page. To open a separate practice, sign up with another address. If it was not you, ignore this email.',
      ),
    ],
  };
}

function newMessages(content: Content<'NEW_MESSAGES'>, context: Context): Draft {
  const authors = [...new Set(content.messages.map((message) => message.authorName))];
  const earlier = content.unreadCount - content.messages.length;
  return {
    subject: `${content.unreadCount === 1 ? 'New message' : `${content.unreadCount} new messages`} from ${authors.join(', ')}`,
    body: [
      context.greeting(),
      paragraph(
        `${content.unreadCount === 1 ? 'A new message' : `${content.unreadCount} new messages`} in your coaching conversation (${content.engagementTitle}):`,
      ),
      ...(earlier > 0 ? [paragraph(`… and ${count(earlier, 'earlier message')} in Tandem.`)] : []),
      ...content.messages.flatMap((message) => [
        paragraph(`${message.authorName}, ${context.short(message.createdAt)}:`),
        quote(message.body),
      ]),
      link('Open the conversation', context.url(content.conversationPath)),
      ...(content.canReplyByEmail
        ? [paragraph('You can also reply to this email: your answer (above the quoted text) joins the conversation.')]
        : []),
    ],
  };
}
