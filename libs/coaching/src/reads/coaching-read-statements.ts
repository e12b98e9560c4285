import { Injectable } from '@nestjs/common';
import { OVERDUE_SQL } from '../action-item/overdue.js';
import {
  type CheckInAnswerDetails,
  type CheckInTimeline,
  type CheckInToSend,
  type CoachingReads,
  type CoachWeek,
  type FollowUp,
  type FutureSessionScope,
  type GoalDetails,
  type OpenItem,
  type PlannableSession,
  type MessageRecipient,
  type Recipient,
  type UnreadMessages,
  type SessionDetails,
} from '../access/coaching-reads.js';
import { Db } from '../access/db.js';
import { goalProgress } from '../goal/goal-progress.js';

/** Items and goals an email lists at most. */
const MAX_ITEMS = 20;
/** Messages a NEW_MESSAGES email quotes at most (the latest unread). */
const MAX_MESSAGES = 20;
/** Rows a digest section lists at most. */
const MAX_DIGEST_ROWS = 100;

/** A client's open items, by due date (undated last): alone, or per session row (`s`) as JSON. */
const OPEN_ITEMS = `SELECT title, due_date::text AS due_date FROM action_item WHERE client_id = $1 AND status = 'OPEN'
  ORDER BY due_date NULLS LAST, id LIMIT ${MAX_ITEMS}`;
const OPEN_ITEMS_JSON = `(SELECT coalesce(json_agg(json_build_object('title', i.title, 'due_date', i.due_date::text) ORDER BY i.due_date NULLS LAST, i.id), '[]'::json)
    FROM (SELECT a.id, a.title, a.due_date FROM action_item a WHERE a.client_id = s.client_id AND a.status = 'OPEN'
           ORDER BY a.due_date NULLS LAST, a.id LIMIT ${MAX_ITEMS}) i) AS open_items`;
const SESSION = (extra: string) =>
  `SELECT s.id, s.status, s.version, s.starts_at, s.duration_minutes, s.time_zone, coalesce(s.meeting_url, e.meeting_url) AS meeting_url,
          s.agenda, s.sequence, s.shared_summary, s.summary_published_at, s.engagement_id, s.client_id,
          c.name AS client_name, c.email AS client_email, u.name AS coach_name, u.email AS coach_email, p.name AS practice_name${extra}
     FROM coaching_session s
     JOIN engagement e ON e.id = s.engagement_id
     JOIN client c ON c.id = s.client_id
     JOIN app_user u ON u.id = s.coach_id
     JOIN practice p ON p.id = s.practice_id
    WHERE s.id = ANY($1::uuid[])`;
const SESSIONS_ALONE = SESSION('');
const SESSIONS_WITH_ITEMS = SESSION(`, ${OPEN_ITEMS_JSON}`);

/** A session to plan emails for, with its client's and coach's addresses (PlannableSession). */
const PLANNABLE = (where: string) =>
  `SELECT s.id, s.practice_id, s.client_id, s.starts_at, s.version, s.status, s.summary_published_at,
          c.email AS client_email, c.user_id AS client_user_id, c.time_zone AS client_time_zone,
          coalesce(c.reminder_offsets_minutes, p.reminder_offsets_minutes) AS offsets,
          u.id AS coach_id, u.email AS coach_email, u.time_zone AS coach_time_zone
     FROM coaching_session s
     JOIN client c ON c.id = s.client_id
     JOIN practice p ON p.id = s.practice_id
     JOIN app_user u ON u.id = s.coach_id
    WHERE ${where}`;
const PLANNABLE_BY_ID = PLANNABLE('s.id = ANY($1::uuid[])');
const FUTURE = (condition: string) => PLANNABLE(`s.status = 'SCHEDULED' AND s.starts_at > $1 AND ${condition}`);
const FUTURE_OF_CLIENT = FUTURE('s.client_id = $2');
const FUTURE_ON_PRACTICE_DEFAULTS = FUTURE('s.practice_id = $2 AND c.reminder_offsets_minutes IS NULL');
const FUTURE_OF_ADDRESS = FUTURE('s.practice_id = $2 AND (lower(c.email) = lower($3) OR lower(u.email) = lower($3))');

interface PlannableRow {
  id: string;
  practice_id: string;
  client_id: string;
  starts_at: Date;
  version: number;
  status: string;
  summary_published_at: Date | null;
  client_email: string;
  client_user_id: string | null;
  client_time_zone: string;
  offsets: number[];
  coach_id: string;
  coach_email: string;
  coach_time_zone: string;
}

const plannable = (row: PlannableRow): PlannableSession => ({
  id: row.id,
  practiceId: row.practice_id,
  clientId: row.client_id,
  startsAt: new Date(row.starts_at),
  version: row.version,
  status: row.status,
  offsets: row.offsets,
  client: { email: row.client_email, userId: row.client_user_id, timeZone: row.client_time_zone },
  coach: { id: row.coach_id, email: row.coach_email, timeZone: row.coach_time_zone },
  summaryPublishedAt: row.summary_published_at ? new Date(row.summary_published_at) : null,
});

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
  open_items?: ItemRow[];
}

interface ItemRow {
  title: string;
  due_date: string | null;
}

const openItem = (row: ItemRow): OpenItem => ({ title: row.title, dueDate: row.due_date });

const sessionDetails = (row: SessionRow): SessionDetails => ({
  id: row.id,
  status: row.status,
  version: row.version,
  startsAt: new Date(row.starts_at),
  durationMinutes: row.duration_minutes,
  timeZone: row.time_zone,
  meetingUrl: row.meeting_url,
  agenda: row.agenda,
  sequence: row.sequence,
  sharedSummary: row.shared_summary,
  summaryPublishedAt: row.summary_published_at ? new Date(row.summary_published_at) : null,
  engagementId: row.engagement_id,
  clientId: row.client_id,
  client: { name: row.client_name, email: row.client_email },
  coach: { name: row.coach_name, email: row.coach_email },
  practiceName: row.practice_name,
  ...(row.open_items ? { openItems: row.open_items.map(openItem) } : {}),
});

/**
 * Every statement the CoachingReads port runs, as prepared statements (the SQL toolkit),
 * in the caller's transaction when there is one. Covered by test/coaching-reads.spec.ts
 * and, through the emails they fill, by the notification e2e specs.
 */
@Injectable()
export class CoachingReadStatements implements CoachingReads {
  constructor(private readonly db: Db) {}

  async session(sessionId: string, options: { withOpenItems?: boolean } = {}): Promise<SessionDetails | null> {
    const [details] = await this.sessions([sessionId], options);
    return details ?? null;
  }

  async sessions(sessionIds: readonly string[], options: { withOpenItems?: boolean } = {}): Promise<SessionDetails[]> {
    const rows = await this.db.preparedQuery<SessionRow>(options.withOpenItems ? SESSIONS_WITH_ITEMS : SESSIONS_ALONE, [sessionIds]);
    return rows.map(sessionDetails);
  }

  async goals(engagementId: string): Promise<GoalDetails[]> {
    const rows = await this.db.preparedQuery<{ title: string; metric_baseline: number; metric_target: number; latest: number | null }>(
      `SELECT g.title, g.metric_baseline, g.metric_target,
              (SELECT ci.value FROM goal_check_in ci WHERE ci.goal_id = g.id ORDER BY ci.recorded_at DESC LIMIT 1) AS latest
         FROM goal g WHERE g.engagement_id = $1 ORDER BY g.created_at LIMIT ${MAX_ITEMS}`,
      [engagementId],
    );
    return rows.map((row) => ({
      title: row.title,
      progress: goalProgress({ metricBaseline: row.metric_baseline, metricTarget: row.metric_target }, row.latest),
    }));
  }

  async openItemsOfSession(sessionId: string): Promise<OpenItem[]> {
    const rows = await this.db.preparedQuery<ItemRow>(
      `SELECT title, due_date::text AS due_date FROM action_item WHERE session_id = $1 AND status = 'OPEN'
        ORDER BY due_date NULLS LAST, id LIMIT ${MAX_ITEMS}`,
      [sessionId],
    );
    return rows.map(openItem);
  }

  async openItems(clientId: string): Promise<OpenItem[]> {
    return (await this.db.preparedQuery<ItemRow>(OPEN_ITEMS, [clientId])).map(openItem);
  }

  async nextSession(engagementId: string): Promise<{ startsAt: Date; timeZone: string } | null> {
    const [row] = await this.db.preparedQuery<{ starts_at: Date; time_zone: string }>(
      `SELECT starts_at, time_zone FROM coaching_session WHERE engagement_id = $1 AND status = 'SCHEDULED' AND starts_at > now()
        ORDER BY starts_at LIMIT 1`,
      [engagementId],
    );
    return row ? { startsAt: new Date(row.starts_at), timeZone: row.time_zone } : null;
  }

  async activeClient(clientId: string): Promise<{ name: string; email: string; practiceName: string } | null> {
    const [row] = await this.db.preparedQuery<{ name: string; email: string; practice_name: string }>(
      `SELECT c.name, c.email, p.name AS practice_name FROM client c JOIN practice p ON p.id = c.practice_id
        WHERE c.id = $1 AND c.archived_at IS NULL`,
      [clientId],
    );
    return row ? { name: row.name, email: row.email, practiceName: row.practice_name } : null;
  }

  async activeUser(userId: string): Promise<{ name: string; email: string; timeZone: string; practiceName: string } | null> {
    const [row] = await this.db.preparedQuery<{ name: string; email: string; time_zone: string; practice_name: string }>(
      `SELECT u.name, u.email, u.time_zone, p.name AS practice_name FROM app_user u JOIN practice p ON p.id = u.practice_id
        WHERE u.id = $1 AND NOT u.disabled`,
      [userId],
    );
    return row ? { name: row.name, email: row.email, timeZone: row.time_zone, practiceName: row.practice_name } : null;
  }

  async coachWeek(coachId: string, from: Date, to: Date): Promise<CoachWeek> {
    const sessions = await this.db.preparedQuery<{ client_name: string; starts_at: Date }>(
      `SELECT c.name AS client_name, s.starts_at FROM coaching_session s JOIN client c ON c.id = s.client_id
        WHERE s.coach_id = $1 AND s.status = 'SCHEDULED' AND s.starts_at >= $2 AND s.starts_at < $3 ORDER BY s.starts_at LIMIT ${MAX_DIGEST_ROWS}`,
      [coachId, from, to],
    );
    const overdue = await this.db.preparedQuery<{ client_name: string; overdue: number }>(
      `SELECT c.name AS client_name, count(*)::int AS overdue FROM action_item a JOIN client c ON c.id = a.client_id
        WHERE c.coach_id = $1 AND c.archived_at IS NULL AND ${OVERDUE_SQL('a', 'c.time_zone')}
        GROUP BY c.name ORDER BY c.name LIMIT ${MAX_DIGEST_ROWS}`,
      [coachId],
    );
    const idle = await this.db.preparedQuery<{ client_name: string; title: string }>(
      `SELECT c.name AS client_name, e.title FROM engagement e JOIN client c ON c.id = e.client_id
        WHERE e.coach_id = $1 AND e.status = 'ACTIVE'
          AND NOT EXISTS (SELECT 1 FROM coaching_session s WHERE s.engagement_id = e.id AND s.status = 'SCHEDULED' AND s.starts_at > now())
        ORDER BY c.name LIMIT ${MAX_DIGEST_ROWS}`,
      [coachId],
    );
    const checkIns = await this.db.preparedQuery<{ client_name: string; answer: string; note: string | null; answered_at: Date }>(
      `SELECT c.name AS client_name, k.answer, k.note, k.answered_at FROM check_in k JOIN client c ON c.id = k.client_id
        WHERE c.coach_id = $1 AND k.answered_at >= $2::timestamptz - interval '7 days' AND k.answered_at < $3
        ORDER BY k.answered_at DESC LIMIT ${MAX_DIGEST_ROWS}`,
      [coachId, from, to],
    );
    return {
      sessions: sessions.map((s) => ({ clientName: s.client_name, startsAt: new Date(s.starts_at) })),
      checkIns: checkIns.map((k) => ({ clientName: k.client_name, answer: k.answer, note: k.note, answeredAt: new Date(k.answered_at) })),
      clientsWithOverdueItems: overdue.map((o) => ({ clientName: o.client_name, overdueCount: o.overdue })),
      engagementsWithoutNextSession: idle.map((i) => ({ clientName: i.client_name, title: i.title })),
    };
  }

  async linkToken(tokenId: string): Promise<{ usedAt: Date | null; expiresAt: Date; practiceName: string } | null> {
    const [row] = await this.db.preparedQuery<{ used_at: Date | null; expires_at: Date; practice_name: string }>(
      `SELECT t.used_at, t.expires_at, p.name AS practice_name FROM user_token t JOIN practice p ON p.id = t.practice_id WHERE t.id = $1`,
      [tokenId],
    );
    return row
      ? { usedAt: row.used_at ? new Date(row.used_at) : null, expiresAt: new Date(row.expires_at), practiceName: row.practice_name }
      : null;
  }

  async practiceName(practiceId: string): Promise<string | null> {
    const [row] = await this.db.preparedQuery<{ name: string }>(`SELECT name FROM practice WHERE id = $1`, [practiceId]);
    return row?.name ?? null;
  }

  async userEmail(userId: string): Promise<string | null> {
    const [row] = await this.db.preparedQuery<{ email: string }>(`SELECT email FROM app_user WHERE id = $1`, [userId]);
    return row?.email ?? null;
  }

  async sessionsToPlan(sessionIds: readonly string[]): Promise<PlannableSession[]> {
    return (await this.db.preparedQuery<PlannableRow>(PLANNABLE_BY_ID, [sessionIds])).map(plannable);
  }

  async futureSessionsToPlan(scope: FutureSessionScope, after: Date): Promise<PlannableSession[]> {
    const [sql, values] =
      'clientId' in scope
        ? [FUTURE_OF_CLIENT, [scope.clientId]]
        : 'practiceDefaults' in scope
          ? [FUTURE_ON_PRACTICE_DEFAULTS, [scope.practiceDefaults]]
          : [FUTURE_OF_ADDRESS, [scope.practiceId, scope.recipientEmail]];
    return (await this.db.preparedQuery<PlannableRow>(sql, [after, ...values])).map(plannable);
  }

  async clientContact(clientId: string): Promise<{ practiceId: string; email: string; userId: string | null; timeZone: string } | null> {
    const [row] = await this.db.preparedQuery<{ practice_id: string; email: string; user_id: string | null; time_zone: string }>(
      `SELECT practice_id, email, user_id, time_zone FROM client WHERE id = $1`,
      [clientId],
    );
    return row ? { practiceId: row.practice_id, email: row.email, userId: row.user_id, timeZone: row.time_zone } : null;
  }

  async earliestOpenDueDate(clientId: string): Promise<{ timeZone: string; dueDate: string | null; followUpDate: string | null } | null> {
    const [row] = await this.db.preparedQuery<{ time_zone: string; due_date: string | null; follow_up_date: string | null }>(
      `SELECT c.time_zone,
              (SELECT min(a.due_date)::text FROM action_item a WHERE a.client_id = c.id AND a.status = 'OPEN' AND a.due_date IS NOT NULL) AS due_date,
              (SELECT min(n.next_follow_up_date)::text FROM networking_contact n WHERE n.client_id = c.id) AS follow_up_date
         FROM client c WHERE c.id = $1`,
      [clientId],
    );
    return row ? { timeZone: row.time_zone, dueDate: row.due_date, followUpDate: row.follow_up_date } : null;
  }

  async clientsWithItemsDue(now: Date, days: number): Promise<Recipient[]> {
    const rows = await this.db.preparedQuery<{ id: string; practice_id: string; email: string; user_id: string | null; time_zone: string }>(
      `SELECT c.id, c.practice_id, c.email, c.user_id, c.time_zone
         FROM client c
        WHERE c.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM action_item a
                       WHERE a.client_id = c.id AND a.status = 'OPEN' AND a.due_date IS NOT NULL
                         AND a.due_date <= (($1::timestamptz AT TIME ZONE c.time_zone)::date + $2::int))`,
      [now, days],
    );
    return rows.map((row) => ({ id: row.id, practiceId: row.practice_id, email: row.email, userId: row.user_id, timeZone: row.time_zone }));
  }

  async clientsWithFollowUpsDue(now: Date, days: number): Promise<Array<Recipient & { followUpDate: string }>> {
    const rows = await this.db.preparedQuery<{
      id: string;
      practice_id: string;
      email: string;
      user_id: string | null;
      time_zone: string;
      follow_up_date: string;
    }>(
      `SELECT c.id, c.practice_id, c.email, c.user_id, c.time_zone, f.follow_up_date
         FROM client c
         JOIN LATERAL (SELECT min(n.next_follow_up_date)::text AS follow_up_date FROM networking_contact n
                        WHERE n.client_id = c.id
                          AND n.next_follow_up_date <= (($1::timestamptz AT TIME ZONE c.time_zone)::date + $2::int)) f
           ON f.follow_up_date IS NOT NULL
        WHERE c.archived_at IS NULL`,
      [now, days],
    );
    return rows.map((row) => ({
      id: row.id,
      practiceId: row.practice_id,
      email: row.email,
      userId: row.user_id,
      timeZone: row.time_zone,
      followUpDate: row.follow_up_date,
    }));
  }

  async followUpsDue(clientId: string, date: string): Promise<FollowUp[]> {
    const rows = await this.db.preparedQuery<{ name: string; organisation: string | null; due_date: string }>(
      `SELECT name, organisation, next_follow_up_date::text AS due_date FROM networking_contact
        WHERE client_id = $1 AND next_follow_up_date <= $2::date
        ORDER BY next_follow_up_date, name, id LIMIT ${MAX_ITEMS}`,
      [clientId, date],
    );
    return rows.map((row) => ({ name: row.name, organisation: row.organisation, dueDate: row.due_date }));
  }

  async activeCoaches(): Promise<Recipient[]> {
    const rows = await this.db.preparedQuery<{ id: string; practice_id: string; email: string; time_zone: string }>(
      `SELECT u.id, u.practice_id, u.email, u.time_zone FROM app_user u
        WHERE u.role IN ('OWNER', 'COACH') AND NOT u.disabled AND u.password_hash IS NOT NULL`,
      [],
    );
    return rows.map((row) => ({ id: row.id, practiceId: row.practice_id, email: row.email, userId: row.id, timeZone: row.time_zone }));
  }

  async scheduledSessionsWithin(now: Date, days: number): Promise<Array<{ id: string; version: number }>> {
    return this.db.preparedQuery<{ id: string; version: number }>(
      `SELECT s.id, s.version FROM coaching_session s
        WHERE s.status = 'SCHEDULED' AND s.starts_at > $1 AND s.starts_at < $1 + make_interval(days => $2::int)`,
      [now, days],
    );
  }

  async messageRecipient(messageId: string): Promise<MessageRecipient | null> {
    // The other side: a message by the client's login goes to their coach; any other (the coach's) to the client.
    const [row] = await this.db.preparedQuery<{
      practice_id: string;
      client_id: string;
      engagement_id: string;
      created_at: Date;
      user_id: string | null;
      email: string | null;
      time_zone: string | null;
    }>(
      `SELECT m.practice_id, m.client_id, m.engagement_id, m.created_at, r.id AS user_id, r.email, r.time_zone
         FROM message m
         JOIN client c ON c.id = m.client_id
         LEFT JOIN app_user r ON r.id = CASE WHEN m.author_id = c.user_id THEN c.coach_id ELSE c.user_id END AND NOT r.disabled
        WHERE m.id = $1`,
      [messageId],
    );
    if (!row?.user_id || !row.email || !row.time_zone) return null;
    return {
      practiceId: row.practice_id,
      clientId: row.client_id,
      engagementId: row.engagement_id,
      postedAt: new Date(row.created_at),
      recipient: { userId: row.user_id, email: row.email, timeZone: row.time_zone },
    };
  }

  async unreadMessages(engagementId: string, userId: string): Promise<UnreadMessages | null> {
    const [row] = await this.db.preparedQuery<{
      recipient_name: string;
      practice_name: string;
      recipient_is_client: boolean;
      client_id: string;
      client_name: string;
      engagement_title: string;
      unread_count: number;
      messages: Array<{ author_name: string | null; body: string; created_at: string }>;
    }>(
      `WITH thread AS (
         SELECT e.id, e.title, c.id AS client_id, c.name AS client_name, c.user_id AS client_user_id, u.name AS recipient_name,
                p.name AS practice_name, (u.id = c.user_id) AS recipient_is_client, rd.read_at
           FROM engagement e
           JOIN client c ON c.id = e.client_id
           JOIN app_user u ON u.id = $2 AND u.practice_id = e.practice_id AND NOT u.disabled
           JOIN practice p ON p.id = e.practice_id
           LEFT JOIN message_read rd ON rd.engagement_id = e.id AND rd.user_id = u.id
          WHERE e.id = $1 AND (u.id = c.user_id OR u.id = c.coach_id)),
       unread AS (
         SELECT m.id, m.body, m.created_at, a.name AS author_name
           FROM thread t
           JOIN message m ON m.engagement_id = t.id
           LEFT JOIN app_user a ON a.id = m.author_id
          WHERE (CASE WHEN t.recipient_is_client THEN m.author_id IS DISTINCT FROM $2 ELSE m.author_id = t.client_user_id END)
            AND (t.read_at IS NULL OR m.created_at > t.read_at))
       SELECT t.recipient_name, t.practice_name, t.recipient_is_client, t.client_id, t.client_name, t.title AS engagement_title,
              (SELECT count(*)::int FROM unread) AS unread_count,
              coalesce((SELECT json_agg(json_build_object('author_name', l.author_name, 'body', l.body, 'created_at', l.created_at) ORDER BY l.created_at, l.id)
                          FROM (SELECT * FROM unread ORDER BY created_at DESC, id DESC LIMIT ${MAX_MESSAGES}) l), '[]'::json) AS messages
         FROM thread t`,
      [engagementId, userId],
    );
    if (!row) return null;
    return {
      recipientName: row.recipient_name,
      practiceName: row.practice_name,
      recipientIsClient: row.recipient_is_client,
      clientId: row.client_id,
      clientName: row.client_name,
      engagementTitle: row.engagement_title,
      unreadCount: row.unread_count,
      messages: row.messages.map((m) => ({ authorName: m.author_name ?? 'Someone', body: m.body, createdAt: new Date(m.created_at) })),
    };
  }

  async checkInTimelines(sessionIds: readonly string[]): Promise<CheckInTimeline[]> {
    const rows = await this.db.preparedQuery<{
      id: string;
      practice_id: string;
      client_id: string;
      active: boolean;
      email: string;
      user_id: string | null;
      time_zone: string;
      sessions: Array<{ id: string; version: number; starts_at: string; status: string }>;
    }>(
      `SELECT e.id, e.practice_id, e.client_id, (e.status = 'ACTIVE' AND c.archived_at IS NULL) AS active,
              c.email, c.user_id, c.time_zone,
              (SELECT coalesce(json_agg(json_build_object('id', s.id, 'version', s.version, 'starts_at', s.starts_at, 'status', s.status)
                                        ORDER BY s.starts_at, s.id), '[]'::json)
                 FROM coaching_session s WHERE s.engagement_id = e.id) AS sessions
         FROM engagement e JOIN client c ON c.id = e.client_id
        WHERE e.id IN (SELECT s.engagement_id FROM coaching_session s WHERE s.id = ANY($1::uuid[]))`,
      [sessionIds],
    );
    return rows.map((row) => ({
      engagementId: row.id,
      practiceId: row.practice_id,
      clientId: row.client_id,
      active: row.active,
      client: { email: row.email, userId: row.user_id, timeZone: row.time_zone },
      sessions: row.sessions.map((s) => ({ id: s.id, version: s.version, startsAt: new Date(s.starts_at), status: s.status })),
    }));
  }

  async checkInToSend(engagementId: string, afterSessionId: string, nextSessionId: string): Promise<CheckInToSend | null> {
    const [row] = await this.db.preparedQuery<{
      practice_id: string;
      practice_name: string;
      client_id: string;
      client_name: string;
      client_email: string;
      coach_name: string;
      coach_email: string;
      active: boolean;
      answered: boolean;
      next_status: string | null;
      next_version: number | null;
      next_starts_at: Date | null;
      next_time_zone: string | null;
    }>(
      `SELECT e.practice_id, p.name AS practice_name, c.id AS client_id, c.name AS client_name, c.email AS client_email,
              u.name AS coach_name, u.email AS coach_email, (e.status = 'ACTIVE' AND c.archived_at IS NULL) AS active,
              EXISTS (SELECT 1 FROM check_in k WHERE k.engagement_id = e.id AND k.after_session_id = a.id) AS answered,
              n.status AS next_status, n.version AS next_version, n.starts_at AS next_starts_at, n.time_zone AS next_time_zone
         FROM engagement e
         JOIN coaching_session a ON a.id = $2 AND a.engagement_id = e.id
         JOIN client c ON c.id = e.client_id
         JOIN app_user u ON u.id = e.coach_id
         JOIN practice p ON p.id = e.practice_id
         LEFT JOIN coaching_session n ON n.id = $3 AND n.engagement_id = e.id
        WHERE e.id = $1`,
      [engagementId, afterSessionId, nextSessionId],
    );
    if (!row) return null;
    return {
      practiceId: row.practice_id,
      practiceName: row.practice_name,
      clientId: row.client_id,
      client: { name: row.client_name, email: row.client_email },
      coach: { name: row.coach_name, email: row.coach_email },
      active: row.active,
      answered: row.answered,
      nextSession:
        row.next_status === null
          ? null
          : {
              status: row.next_status,
              version: row.next_version!,
              startsAt: new Date(row.next_starts_at!),
              timeZone: row.next_time_zone!,
            },
    };
  }

  async checkInAnswer(checkInId: string): Promise<CheckInAnswerDetails | null> {
    const [row] = await this.db.preparedQuery<{
      id: string;
      practice_id: string;
      practice_name: string;
      client_id: string;
      client_name: string;
      answer: string;
      note: string | null;
      due_date: string;
      coach_id: string;
      coach_name: string;
      coach_email: string;
      coach_time_zone: string;
    }>(
      `SELECT k.id, k.practice_id, p.name AS practice_name, k.client_id, c.name AS client_name, k.answer, k.note, k.due_date::text AS due_date,
              u.id AS coach_id, u.name AS coach_name, u.email AS coach_email, u.time_zone AS coach_time_zone
         FROM check_in k
         JOIN client c ON c.id = k.client_id
         JOIN engagement e ON e.id = k.engagement_id
         JOIN app_user u ON u.id = e.coach_id
         JOIN practice p ON p.id = k.practice_id
        WHERE k.id = $1 AND NOT u.disabled`,
      [checkInId],
    );
    if (!row) return null;
    return {
      id: row.id,
      practiceId: row.practice_id,
      practiceName: row.practice_name,
      clientId: row.client_id,
      clientName: row.client_name,
      answer: row.answer,
      note: row.note,
      dueDate: row.due_date,
      coach: { id: row.coach_id, name: row.coach_name, email: row.coach_email, timeZone: row.coach_time_zone },
    };
  }
}
