import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { CoachingReads, isOverdue, type OpenItem, type SessionDetails } from '#tandem/coaching';
import { AppConfig } from '#tandem/config';
import { GroupBatcher } from './group-batcher.js';
import type { Notification } from './notification.entity.js';
import type { ItemFacts, NotificationContent, SessionFacts } from './rendering/render-notification.js';
import { NUDGE_HORIZON_DAYS } from './planning/notification-planning.js';
import { openText } from './sealed-text.js';
import { replyAddress, signReplyToken } from './inbound/reply-token.js';
import { signCheckInToken, type CheckInLinkAnswer } from './check-in/check-in-token.js';

/** A check-in's answer links still work this long after the next session starts. */
const CHECK_IN_LINK_GRACE_DAYS = 7;

/** The email to send now, or why it no longer applies. */
export type Resolution =
  | { send: true; content: NotificationContent; recipientName: string; practiceName: string; replyTo?: string }
  | { send: false; reason: string };

/** How long a conversation's reply address is accepted after the email that carries it. */
export const REPLY_ADDRESS_DAYS = 30;

/**
 * Re-reads the current state behind a notification at send time: a session
 * moved or cancelled, items completed, a link already used all make the email
 * not apply any more. It reads shared summaries, never private notes.
 */
@Injectable()
export class NotificationContentLoader {
  /** Sends running at once read their sessions in one statement (see GroupBatcher), with or without open items. */
  private readonly sessionsWithItems = new GroupBatcher<string, SessionDetails | null>((ids) => this.readSessions(ids, true));
  private readonly sessionsAlone = new GroupBatcher<string, SessionDetails | null>((ids) => this.readSessions(ids, false));

  constructor(
    private readonly coaching: CoachingReads,
    private readonly config: AppConfig,
  ) {}

  async resolve(notification: Notification, now: Date): Promise<Resolution> {
    switch (notification.kind) {
      case 'SESSION_REMINDER':
      case 'SESSION_PREP':
        return this.sessionAhead(notification, now);
      case 'SESSION_CANCELLED':
        return this.sessionCancelled(notification);
      case 'SESSION_SUMMARY':
        return this.summary(notification);
      case 'ACCOUNTABILITY_NUDGE':
        return this.nudge(notification, now);
      case 'COACH_DIGEST':
        return this.digest(notification, now);
      case 'INVITE':
      case 'PASSWORD_RESET':
      case 'SIGN_UP':
        return this.link(notification, now);
      case 'ACCOUNT_EXISTS':
        return this.accountExists(notification);
      case 'NEW_MESSAGES':
        return this.newMessages(notification, now);
      case 'MID_CYCLE_CHECK_IN':
        return this.checkIn(notification, now);
      case 'CHECK_IN_NEEDS_HELP':
        return this.checkInNeedsHelp(notification);
    }
  }

  private async sessionAhead(notification: Notification, now: Date): Promise<Resolution> {
    // The client's open items come with the session: one round trip per email instead of two.
    const session = await this.session(notification.sessionId, { withOpenItems: true });
    if (!session) return { send: false, reason: 'session deleted' };
    if (session.status !== 'SCHEDULED') return { send: false, reason: `session ${session.status.toLowerCase()}` };
    if (session.version !== notification.sessionVersion) return { send: false, reason: 'session rescheduled' };
    if (session.startsAt <= now) return { send: false, reason: 'session already started' };
    const forCoach = notification.data.forCoach === true;
    const openActionItems = itemFacts(session.openItems ?? [], now, notification.recipientTimeZone);
    const base = { session: sessionFacts(session), coach: session.coach, client: session.client };
    if (notification.kind === 'SESSION_PREP') {
      return {
        send: true,
        recipientName: session.client.name,
        practiceName: session.practiceName,
        content: { kind: 'SESSION_PREP', ...base, openActionItems, goals: await this.coaching.goals(session.engagementId) },
      };
    }
    const minutesBefore = reminderLeadMinutes(session.startsAt, now, Number(notification.data.offsetMinutes));
    return {
      send: true,
      recipientName: forCoach ? session.coach.name : session.client.name,
      practiceName: session.practiceName,
      content: { kind: 'SESSION_REMINDER', ...base, forCoach, minutesBefore, openActionItems },
    };
  }

  private async sessionCancelled(notification: Notification): Promise<Resolution> {
    const session = await this.session(notification.sessionId);
    if (!session) return { send: false, reason: 'session deleted' };
    if (session.status !== 'CANCELLED') return { send: false, reason: `session ${session.status.toLowerCase()}` };
    const forCoach = notification.data.forCoach === true;
    return {
      send: true,
      recipientName: forCoach ? session.coach.name : session.client.name,
      practiceName: session.practiceName,
      content: { kind: 'SESSION_CANCELLED', session: sessionFacts(session), coach: session.coach, client: session.client },
    };
  }

  private async summary(notification: Notification): Promise<Resolution> {
    const session = await this.session(notification.sessionId);
    if (!session?.summaryPublishedAt || !session.sharedSummary) return { send: false, reason: 'summary not published' };
    const items = await this.coaching.openItemsOfSession(session.id);
    const nextSession = await this.coaching.nextSession(session.engagementId);
    return {
      send: true,
      recipientName: session.client.name,
      practiceName: session.practiceName,
      content: {
        kind: 'SESSION_SUMMARY',
        session: sessionFacts(session),
        coach: session.coach,
        client: session.client,
        summary: session.sharedSummary,
        actionItems: items.map((i) => ({ title: i.title, dueDate: i.dueDate, overdue: false })),
        nextSession,
      },
    };
  }

  private async nudge(notification: Notification, now: Date): Promise<Resolution> {
    const client = notification.clientId ? await this.coaching.activeClient(notification.clientId) : null;
    if (!client) return { send: false, reason: 'client archived' };
    const zone = notification.recipientTimeZone;
    const items = itemFacts(await this.coaching.openItems(notification.clientId!), now, zone).filter(
      (i) => i.dueDate !== null && (i.overdue || i.dueDate <= inDays(now, zone, NUDGE_HORIZON_DAYS)),
    );
    // Follow-ups due today or overdue, in the client's zone at send time.
    const today = inDays(now, zone, 0);
    const followUps = (await this.coaching.followUpsDue(notification.clientId!, today)).map((f) => ({ ...f, overdue: f.dueDate < today }));
    if (!items.length && !followUps.length) return { send: false, reason: 'nothing due' };
    return {
      send: true,
      recipientName: client.name,
      practiceName: client.practiceName,
      content: { kind: 'ACCOUNTABILITY_NUDGE', client: { name: client.name, email: client.email }, items, followUps },
    };
  }

  private async digest(notification: Notification, now: Date): Promise<Resolution> {
    const coachId = notification.recipientUserId;
    const coach = coachId ? await this.coaching.activeUser(coachId) : null;
    if (!coachId || !coach) return { send: false, reason: 'coach disabled or removed' };
    const weekStart = DateTime.fromJSDate(now, { zone: coach.timeZone }).startOf('week');
    const week = await this.coaching.coachWeek(coachId, weekStart.toJSDate(), weekStart.plus({ weeks: 1 }).toJSDate());
    return {
      send: true,
      recipientName: coach.name,
      practiceName: coach.practiceName,
      content: {
        kind: 'COACH_DIGEST',
        coach: { name: coach.name, email: coach.email },
        weekStarting: weekStart.toISODate()!,
        ...week,
      },
    };
  }

  private async link(notification: Notification, now: Date): Promise<Resolution> {
    const tokenId = notification.data.tokenId;
    const token = typeof tokenId === 'string' ? await this.coaching.linkToken(tokenId) : null;
    if (!token || token.usedAt || token.expiresAt <= now) return { send: false, reason: 'link already used or expired' };
    const url = typeof notification.data.sealedUrl === 'string' ? openText(notification.data.sealedUrl, this.config.jwtSecret) : null;
    if (!url) return { send: false, reason: 'link not readable (secret changed?)' };
    const recipientName = String(notification.data.recipientName ?? '');
    const content: NotificationContent =
      notification.kind === 'INVITE'
        ? {
            kind: 'INVITE',
            inviteeName: recipientName,
            practiceName: token.practiceName,
            url,
            logInUrl: notification.data.accountExists ? `${this.config.appUrl}/login` : undefined,
          }
        : notification.kind === 'SIGN_UP'
          ? { kind: 'SIGN_UP', practiceName: token.practiceName, url }
          : { kind: 'PASSWORD_RESET', url };
    return { send: true, recipientName, practiceName: token.practiceName, content };
  }

  /** Carries no link that logs anyone in: only where to log in. */
  private async accountExists(notification: Notification): Promise<Resolution> {
    return {
      send: true,
      recipientName: String(notification.data.recipientName ?? ''),
      practiceName: (await this.coaching.practiceName(notification.practiceId)) ?? 'Tandem',
      content: { kind: 'ACCOUNT_EXISTS', logInUrl: `${this.config.appUrl}/login` },
    };
  }

  /** The conversation's messages the recipient has still not read; none left (read in the app meanwhile): nothing to send. */
  private async newMessages(notification: Notification, now: Date): Promise<Resolution> {
    const engagementId = notification.data.engagementId;
    const userId = notification.recipientUserId;
    const unread = typeof engagementId === 'string' && userId ? await this.coaching.unreadMessages(engagementId, userId) : null;
    if (!unread) return { send: false, reason: 'conversation out of reach' };
    if (!unread.messages.length) return { send: false, reason: 'messages already read' };
    const inbound = this.config.inboundMail;
    const replyTo = inbound
      ? replyAddress(
          signReplyToken(
            { userId: userId!, engagementId: engagementId as string, expiresAt: new Date(now.getTime() + REPLY_ADDRESS_DAYS * 86_400_000) },
            this.config.jwtSecret,
          ),
          inbound.domain,
        )
      : undefined;
    return {
      send: true,
      recipientName: unread.recipientName,
      practiceName: unread.practiceName,
      ...(replyTo ? { replyTo } : {}),
      content: {
        kind: 'NEW_MESSAGES',
        clientName: unread.clientName,
        engagementTitle: unread.engagementTitle,
        conversationPath: unread.recipientIsClient ? '/messages' : `/clients/${encodeURIComponent(unread.clientId)}/messages`,
        messages: unread.messages,
        unreadCount: unread.unreadCount,
        canReplyByEmail: replyTo !== undefined,
      },
    };
  }

  private async checkIn(notification: Notification, now: Date): Promise<Resolution> {
    const { engagementId, afterSessionId, nextSessionId, nextSessionVersion, dueDate } = notification.data;
    if (
      typeof engagementId !== 'string' ||
      typeof afterSessionId !== 'string' ||
      typeof nextSessionId !== 'string' ||
      typeof dueDate !== 'string'
    )
      return { send: false, reason: 'check-in without its sessions' };
    const facts = await this.coaching.checkInToSend(engagementId, afterSessionId, nextSessionId);
    if (!facts) return { send: false, reason: 'engagement or session deleted' };
    if (!facts.active) return { send: false, reason: 'engagement not active' };
    if (facts.answered) return { send: false, reason: 'check-in already answered' };
    const next = facts.nextSession;
    if (!next || next.status !== 'SCHEDULED' || next.version !== nextSessionVersion) return { send: false, reason: 'sessions moved' };
    if (next.startsAt <= now) return { send: false, reason: 'next session already started' };
    const expiresAt = new Date(next.startsAt.getTime() + CHECK_IN_LINK_GRACE_DAYS * 86_400_000);
    const answerUrl = (answer: CheckInLinkAnswer) =>
      `${this.config.appUrl}/check-in?token=${signCheckInToken(
        { practiceId: facts.practiceId, engagementId, afterSessionId, dueDate, answer, expiresAt },
        this.config.jwtSecret,
      )}`;
    return {
      send: true,
      recipientName: facts.client.name,
      practiceName: facts.practiceName,
      content: {
        kind: 'MID_CYCLE_CHECK_IN',
        client: facts.client,
        coach: facts.coach,
        nextSession: { startsAt: next.startsAt, timeZone: next.timeZone },
        openActionItems: itemFacts(await this.coaching.openItems(facts.clientId), now, notification.recipientTimeZone),
        goals: await this.coaching.goals(engagementId),
        answerUrls: { onTrack: answerUrl('ON_TRACK'), stuck: answerUrl('STUCK'), needHelp: answerUrl('NEED_HELP') },
      },
    };
  }

  private async checkInNeedsHelp(notification: Notification): Promise<Resolution> {
    const checkInId = notification.data.checkInId;
    const checkIn = typeof checkInId === 'string' ? await this.coaching.checkInAnswer(checkInId) : null;
    if (!checkIn || checkIn.coach.id !== notification.recipientUserId) return { send: false, reason: 'check-in deleted or coach changed' };
    return {
      send: true,
      recipientName: checkIn.coach.name,
      practiceName: checkIn.practiceName,
      content: {
        kind: 'CHECK_IN_NEEDS_HELP',
        coach: { name: checkIn.coach.name, email: checkIn.coach.email },
        clientName: checkIn.clientName,
        clientId: checkIn.clientId,
        note: checkIn.note,
        dueDate: checkIn.dueDate,
      },
    };
  }

  private session(id: string | null, options: { withOpenItems?: boolean } = {}): Promise<SessionDetails | null> {
    if (!id) return Promise.resolve(null);
    return (options.withOpenItems ? this.sessionsWithItems : this.sessionsAlone).run(id);
  }

  private async readSessions(ids: string[], withOpenItems: boolean): Promise<Array<SessionDetails | null>> {
    const byId = new Map((await this.coaching.sessions(ids, { withOpenItems })).map((session) => [session.id, session]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}

/** A reminder sent this close to its planned time says its planned offset. */
const ON_TIME_MINUTES = 5;

/**
 * How long before the session a reminder goes out, in whole minutes, for its wording: the planned
 * offset when it goes out on time ("in 2 days", not "in 47 hours and 59 minutes" for a few
 * seconds' delay), else the time actually left (a catch-up reminder for a session booked 31
 * minutes ahead says "in 31 minutes"; one held by quiet hours says what is left).
 */
export function reminderLeadMinutes(startsAt: Date, now: Date, plannedOffsetMinutes: number): number {
  const left = (startsAt.getTime() - now.getTime()) / 60_000;
  if (Number.isFinite(plannedOffsetMinutes) && Math.abs(left - plannedOffsetMinutes) <= ON_TIME_MINUTES) return plannedOffsetMinutes;
  return Math.max(1, Math.round(left));
}

/** Overdue as coaching decides it (isOverdue), in the recipient's zone. */
function itemFacts(items: readonly OpenItem[], now: Date, timeZone: string): ItemFacts[] {
  return items.map((item) => ({ ...item, overdue: isOverdue({ status: 'OPEN', dueDate: item.dueDate }, timeZone, now) }));
}

function inDays(now: Date, timeZone: string, days: number): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).plus({ days }).toISODate()!;
}

function sessionFacts(session: SessionDetails): SessionFacts {
  return {
    id: session.id,
    startsAt: session.startsAt,
    durationMinutes: session.durationMinutes,
    timeZone: session.timeZone,
    meetingUrl: session.meetingUrl,
    agenda: session.agenda,
    sequence: session.sequence,
    version: session.version,
  };
}
