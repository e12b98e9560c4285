import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { OVERDUE_SQL } from '#tandem/coaching';
import { AppConfig } from '#tandem/config';
import { preparedQuery } from '#tandem/database';
import type { Notification } from './notification.entity.js';
import type { ItemFacts, NotificationContent, Person, SessionFacts } from './rendering/render-notification.js';
import { NUDGE_HORIZON_DAYS } from './planning/notification-planning.js';
import { openText } from './sealed-text.js';

/** The email to send now, or why it no longer applies. */
export type Resolution =
  { send: true; content: NotificationContent; recipientName: string; practiceName: string } | { send: false; reason: string };

interface SessionRow {
  id: string;
  status: string;
  version: number;
  starts_at: Date;
  duration_minutes: number;
  time_zone: string;
  meeting_url: string | null;
  agenda: string | null;
  sequence: number;
  shared_summary: string | null;
  summary_published_at: Date | null;
  engagement_id: string;
  client_id: string;
  client_name: string;
  client_email: string;
  coach_name: string;
  coach_email: string;
  practice_name: string;
  /** Only when asked for (withOpenItems). */
  open_items?: ItemRow[];
}

const MAX_ITEMS = 20;

/**
 * Re-reads the current state behind a notification at send time: a session
 * moved or cancelled, items completed, a link already used all make the email
 * not apply any more. It reads shared summaries, never private notes.
 */
@Injectable()
export class NotificationContentLoader {
  constructor(
    private readonly dataSource: DataSource,
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
    }
  }

  private async sessionAhead(notification: Notification, now: Date): Promise<Resolution> {
    // The client's open items come with the session: one round trip per email instead of two.
    const session = await this.session(notification.sessionId, { withOpenItems: true });
    if (!session) return { send: false, reason: 'session deleted' };
    if (session.status !== 'SCHEDULED') return { send: false, reason: `session ${session.status.toLowerCase()}` };
    if (session.version !== notification.sessionVersion) return { send: false, reason: 'session rescheduled' };
    if (new Date(session.starts_at) <= now) return { send: false, reason: 'session already started' };
    const forCoach = notification.data.forCoach === true;
    const openActionItems = itemFacts(session.open_items ?? [], now, notification.recipientTimeZone);
    const base = { session: sessionFacts(session), coach: coachOf(session), client: clientOf(session) };
    if (notification.kind === 'SESSION_PREP') {
      const goals = (await this.dataSource.query(
        `SELECT g.title, g.metric_baseline, g.metric_target,
                (SELECT ci.value FROM goal_check_in ci WHERE ci.goal_id = g.id ORDER BY ci.recorded_at DESC LIMIT 1) AS latest
           FROM goal g WHERE g.engagement_id = $1 ORDER BY g.created_at LIMIT ${MAX_ITEMS}`,
        [session.engagement_id],
      )) as Array<{ title: string; metric_baseline: number; metric_target: number; latest: number | null }>;
      return {
        send: true,
        recipientName: session.client_name,
        practiceName: session.practice_name,
        content: {
          kind: 'SESSION_PREP',
          ...base,
          openActionItems,
          goals: goals.map((g) => ({ title: g.title, progress: progress(g.metric_baseline, g.metric_target, g.latest) })),
        },
      };
    }
    const minutesBefore = reminderLeadMinutes(new Date(session.starts_at), now, Number(notification.data.offsetMinutes));
    return {
      send: true,
      recipientName: forCoach ? session.coach_name : session.client_name,
      practiceName: session.practice_name,
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
      recipientName: forCoach ? session.coach_name : session.client_name,
      practiceName: session.practice_name,
      content: { kind: 'SESSION_CANCELLED', session: sessionFacts(session), coach: coachOf(session), client: clientOf(session) },
    };
  }

  private async summary(notification: Notification): Promise<Resolution> {
    const session = await this.session(notification.sessionId);
    if (!session?.summary_published_at || !session.shared_summary) return { send: false, reason: 'summary not published' };
    const items = (await this.dataSource.query(
      `SELECT title, due_date::text AS due_date FROM action_item WHERE session_id = $1 AND status = 'OPEN' ORDER BY due_date NULLS LAST, id LIMIT ${MAX_ITEMS}`,
      [session.id],
    )) as Array<{ title: string; due_date: string | null }>;
    const [next] = (await this.dataSource.query(
      `SELECT starts_at, time_zone FROM coaching_session WHERE engagement_id = $1 AND status = 'SCHEDULED' AND starts_at > now() ORDER BY starts_at LIMIT 1`,
      [session.engagement_id],
    )) as Array<{ starts_at: Date; time_zone: string }>;
    return {
      send: true,
      recipientName: session.client_name,
      practiceName: session.practice_name,
      content: {
        kind: 'SESSION_SUMMARY',
        session: sessionFacts(session),
        coach: coachOf(session),
        client: clientOf(session),
        summary: session.shared_summary,
        actionItems: items.map((i) => ({ title: i.title, dueDate: i.due_date, overdue: false })),
        nextSession: next ? { startsAt: new Date(next.starts_at), timeZone: next.time_zone } : null,
      },
    };
  }

  private async nudge(notification: Notification, now: Date): Promise<Resolution> {
    const [client] = (await this.dataSource.query(
      `SELECT c.name, c.email, p.name AS practice_name FROM client c JOIN practice p ON p.id = c.practice_id WHERE c.id = $1 AND c.archived_at IS NULL`,
      [notification.clientId],
    )) as Array<{ name: string; email: string; practice_name: string }>;
    if (!client) return { send: false, reason: 'client archived' };
    const items = (await this.openItems(notification.clientId!, now, notification.recipientTimeZone)).filter(
      (i) => i.dueDate !== null && (i.overdue || i.dueDate <= inDays(now, notification.recipientTimeZone, NUDGE_HORIZON_DAYS)),
    );
    if (!items.length) return { send: false, reason: 'nothing due' };
    return {
      send: true,
      recipientName: client.name,
      practiceName: client.practice_name,
      content: { kind: 'ACCOUNTABILITY_NUDGE', client: { name: client.name, email: client.email }, items },
    };
  }

  private async digest(notification: Notification, now: Date): Promise<Resolution> {
    const [coach] = (await this.dataSource.query(
      `SELECT u.name, u.email, u.time_zone, p.name AS practice_name FROM app_user u JOIN practice p ON p.id = u.practice_id
        WHERE u.id = $1 AND NOT u.disabled`,
      [notification.recipientUserId],
    )) as Array<{ name: string; email: string; time_zone: string; practice_name: string }>;
    if (!coach) return { send: false, reason: 'coach disabled or removed' };
    const weekStart = DateTime.fromJSDate(now, { zone: coach.time_zone }).startOf('week');
    const sessions = (await this.dataSource.query(
      `SELECT c.name AS client_name, s.starts_at FROM coaching_session s JOIN client c ON c.id = s.client_id
        WHERE s.coach_id = $1 AND s.status = 'SCHEDULED' AND s.starts_at >= $2 AND s.starts_at < $3 ORDER BY s.starts_at LIMIT 100`,
      [notification.recipientUserId, weekStart.toJSDate(), weekStart.plus({ weeks: 1 }).toJSDate()],
    )) as Array<{ client_name: string; starts_at: Date }>;
    const overdue = (await this.dataSource.query(
      `SELECT c.name AS client_name, count(*)::int AS overdue FROM action_item a JOIN client c ON c.id = a.client_id
        WHERE c.coach_id = $1 AND c.archived_at IS NULL AND ${OVERDUE_SQL('a', 'c.time_zone')}
        GROUP BY c.name ORDER BY c.name LIMIT 100`,
      [notification.recipientUserId],
    )) as Array<{ client_name: string; overdue: number }>;
    const idle = (await this.dataSource.query(
      `SELECT c.name AS client_name, e.title FROM engagement e JOIN client c ON c.id = e.client_id
        WHERE e.coach_id = $1 AND e.status = 'ACTIVE'
          AND NOT EXISTS (SELECT 1 FROM coaching_session s WHERE s.engagement_id = e.id AND s.status = 'SCHEDULED' AND s.starts_at > now())
        ORDER BY c.name LIMIT 100`,
      [notification.recipientUserId],
    )) as Array<{ client_name: string; title: string }>;
    return {
      send: true,
      recipientName: coach.name,
      practiceName: coach.practice_name,
      content: {
        kind: 'COACH_DIGEST',
        coach: { name: coach.name, email: coach.email },
        weekStarting: weekStart.toISODate()!,
        sessions: sessions.map((s) => ({ clientName: s.client_name, startsAt: new Date(s.starts_at) })),
        clientsWithOverdueItems: overdue.map((o) => ({ clientName: o.client_name, overdueCount: o.overdue })),
        engagementsWithoutNextSession: idle.map((i) => ({ clientName: i.client_name, title: i.title })),
      },
    };
  }

  private async link(notification: Notification, now: Date): Promise<Resolution> {
    const [token] = (await this.dataSource.query(
      `SELECT t.used_at, t.expires_at, p.name AS practice_name FROM user_token t JOIN practice p ON p.id = t.practice_id WHERE t.id = $1`,
      [notification.data.tokenId],
    )) as Array<{ used_at: Date | null; expires_at: Date; practice_name: string }>;
    if (!token || token.used_at || new Date(token.expires_at) <= now) return { send: false, reason: 'link already used or expired' };
    const url = typeof notification.data.sealedUrl === 'string' ? openText(notification.data.sealedUrl, this.config.jwtSecret) : null;
    if (!url) return { send: false, reason: 'link not readable (secret changed?)' };
    const recipientName = String(notification.data.recipientName ?? '');
    const content: NotificationContent =
      notification.kind === 'INVITE'
        ? {
            kind: 'INVITE',
            inviteeName: recipientName,
            practiceName: token.practice_name,
            url,
            logInUrl: notification.data.accountExists ? `${this.config.appUrl}/login` : undefined,
          }
        : notification.kind === 'SIGN_UP'
          ? { kind: 'SIGN_UP', practiceName: token.practice_name, url }
          : { kind: 'PASSWORD_RESET', url };
    return { send: true, recipientName, practiceName: token.practice_name, content };
  }

  /** Carries no link that logs anyone in: only where to log in. */
  private async accountExists(notification: Notification): Promise<Resolution> {
    const [practice] = (await this.dataSource.query(`SELECT name FROM practice WHERE id = $1`, [notification.practiceId])) as Array<{
      name: string;
    }>;
    return {
      send: true,
      recipientName: String(notification.data.recipientName ?? ''),
      practiceName: practice?.name ?? 'Tandem',
      content: { kind: 'ACCOUNT_EXISTS', logInUrl: `${this.config.appUrl}/login` },
    };
  }

  /** The session with its people; `withOpenItems` adds the client's open action items (as openItems() reads them). */
  private async session(id: string | null, options: { withOpenItems?: boolean } = {}): Promise<SessionRow | undefined> {
    if (!id) return undefined;
    const openItems = options.withOpenItems
      ? `, (SELECT coalesce(json_agg(json_build_object('title', i.title, 'due_date', i.due_date::text) ORDER BY i.due_date NULLS LAST, i.id), '[]'::json)
              FROM (SELECT a.id, a.title, a.due_date FROM action_item a WHERE a.client_id = s.client_id AND a.status = 'OPEN'
                     ORDER BY a.due_date NULLS LAST, a.id LIMIT ${MAX_ITEMS}) i) AS open_items`
      : '';
    const [row] = await preparedQuery<SessionRow>(
      this.dataSource.manager,
      `SELECT s.id, s.status, s.version, s.starts_at, s.duration_minutes, s.time_zone, coalesce(s.meeting_url, e.meeting_url) AS meeting_url, s.agenda, s.sequence,
              s.shared_summary, s.summary_published_at, s.engagement_id, s.client_id,
              c.name AS client_name, c.email AS client_email, u.name AS coach_name, u.email AS coach_email, p.name AS practice_name${openItems}
         FROM coaching_session s
         JOIN engagement e ON e.id = s.engagement_id
         JOIN client c ON c.id = s.client_id
         JOIN app_user u ON u.id = s.coach_id
         JOIN practice p ON p.id = s.practice_id
        WHERE s.id = $1`,
      [id],
    );
    return row;
  }

  private async openItems(clientId: string, now: Date, timeZone: string): Promise<ItemFacts[]> {
    const rows = (await this.dataSource.query(
      `SELECT title, due_date::text AS due_date FROM action_item WHERE client_id = $1 AND status = 'OPEN' ORDER BY due_date NULLS LAST, id LIMIT ${MAX_ITEMS}`,
      [clientId],
    )) as ItemRow[];
    return itemFacts(rows, now, timeZone);
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

interface ItemRow {
  title: string;
  /** YYYY-MM-DD */
  due_date: string | null;
}

function itemFacts(rows: ItemRow[], now: Date, timeZone: string): ItemFacts[] {
  const today = inDays(now, timeZone, 0);
  return rows.map((r) => ({ title: r.title, dueDate: r.due_date, overdue: r.due_date !== null && r.due_date < today }));
}

function inDays(now: Date, timeZone: string, days: number): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).plus({ days }).toISODate()!;
}

function progress(baseline: number, target: number, latest: number | null): number {
  if (latest === null) return 0;
  return Math.min(1, Math.max(0, (latest - baseline) / (target - baseline)));
}

function sessionFacts(row: SessionRow): SessionFacts {
  return {
    id: row.id,
    startsAt: new Date(row.starts_at),
    durationMinutes: row.duration_minutes,
    timeZone: row.time_zone,
    meetingUrl: row.meeting_url,
    agenda: row.agenda,
    sequence: row.sequence,
    version: row.version,
  };
}

const coachOf = (row: SessionRow): Person => ({ name: row.coach_name, email: row.coach_email });
const clientOf = (row: SessionRow): Person => ({ name: row.client_name, email: row.client_email });
