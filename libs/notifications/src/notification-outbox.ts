import { Injectable } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import { AppConfig } from '#tandem/config';
import { CoachingEvents, CoachingReads, Db, type FutureSessionScope, type LinkEmailRequest, type PlannableSession } from '#tandem/coaching';
import {
  NUDGE_HORIZON_DAYS,
  planSessionEmails,
  quietHoursTiming,
  replannedSessionEmails,
  type NotificationDraft,
  type PlannedSessionEmail,
} from './planning/notification-planning.js';
import { checkInKey, planCheckIns } from './planning/check-in-planning.js';
import { TRANSACTIONAL_KINDS } from './notification.entity.js';
import { sealText } from './sealed-text.js';

/** What the notification tables say about a session to plan: its recipients' preferences and what is planned or sent. */
interface SessionMailFacts {
  coach_wants_reminders: boolean;
  /** A reminder for it went out (the client holds a calendar event). */
  reminded: boolean;
  planned: PlannedSessionEmail[];
  client_opted_out: boolean;
  client_disabled_kinds: string[];
  coach_opted_out: boolean;
  coach_disabled_kinds: string[];
}

/**
 * Whose future sessions a settings change re-plans: one client's; every client
 * of a practice who follows its default reminder times; or the sessions one
 * address receives emails about in a practice (as the client or as the coach).
 */
export type ReplanScope = FutureSessionScope;

export const QUIET_HOURS_DEFERRAL = 'deferred to the end of quiet hours';

/** A conversation's recipient gets at most one NEW_MESSAGES email per this window. */
export const MESSAGE_EMAIL_WINDOW_MS = 15 * 60_000;
/** The first email of a burst waits this long, so messages written in quick succession go out as one. */
export const MESSAGE_EMAIL_GATHER_MS = 2 * 60_000;

/**
 * Plans emails as notification rows inside the transaction of the change that
 * causes them (the outbox). Nothing here sends or queues: the dispatcher picks
 * due rows up after commit.
 */
@Injectable()
export class NotificationOutbox extends CoachingEvents {
  constructor(
    private readonly db: Db,
    private readonly coaching: CoachingReads,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async sessionsChanged(sessionIds: readonly string[], now = this.clock.now()): Promise<void> {
    if (!sessionIds.length) return;
    const manager = this.db.manager;
    const sessions = await this.coaching.sessionsToPlan(sessionIds);
    if (!sessions.length) return;
    // Emails planned for a time or state the session no longer has.
    await manager.query(
      `UPDATE notification n
          SET status = 'CANCELLED', updated_at = now(),
              reason = CASE WHEN s.status <> 'SCHEDULED' THEN 'session ' || lower(s.status) ELSE 'session rescheduled' END
         FROM unnest($1::uuid[], $2::text[], $3::int[]) AS s(id, status, version)
        WHERE n.session_id = s.id AND n.status = 'PENDING'
          AND n.kind IN ('SESSION_REMINDER', 'SESSION_PREP')
          AND (s.status <> 'SCHEDULED' OR n.session_version <> s.version)`,
      [sessions.map((s) => s.id), sessions.map((s) => s.status), sessions.map((s) => s.version)],
    );
    const facts = await this.mailFacts(sessions);

    const drafts: NotificationDraft[] = [];
    for (const row of sessions) {
      const { coach_wants_reminders, reminded } = facts.get(row.id)!;
      const client = row.client;
      const coach = { email: row.coach.email, userId: row.coach.id, timeZone: row.coach.timeZone };
      if (row.status === 'SCHEDULED') {
        drafts.push(...planSessionEmails(sessionOf(row), { client, coach: coach_wants_reminders ? coach : null }, row.offsets, now));
      } else if (row.status === 'CANCELLED' && reminded) {
        // The client holds a calendar event from a reminder: withdraw it.
        for (const [role, recipient] of coach_wants_reminders
          ? ([
              ['client', client],
              ['coach', coach],
            ] as const)
          : ([['client', client]] as const)) {
          drafts.push({
            kind: 'SESSION_CANCELLED',
            idempotencyKey: `cancelled:${row.id}:v${row.version}:${role}`,
            practiceId: row.practiceId,
            recipientEmail: recipient.email,
            recipientUserId: recipient.userId,
            recipientTimeZone: recipient.timeZone,
            clientId: row.clientId,
            sessionId: row.id,
            sessionVersion: row.version,
            data: { forCoach: role === 'coach' },
            sendAt: now,
          });
        }
      }
    }
    await this.insert(drafts, now);
    await this.replanCheckIns(sessionIds, now);
  }

  /**
   * Brings the mid-cycle check-ins of these sessions' engagements in line with their sessions
   * as they are now: a check-in halfway through each long gap ahead (planCheckIns); a pending
   * one for a gap that moved or closed is cancelled, one cancelled earlier for a gap that is
   * back is planned again. Three statements whatever the number of sessions.
   */
  private async replanCheckIns(sessionIds: readonly string[], now: Date): Promise<void> {
    const timelines = await this.coaching.checkInTimelines(sessionIds);
    if (!timelines.length) return;
    const drafts: NotificationDraft[] = [];
    for (const timeline of timelines) {
      if (!timeline.active) continue;
      for (const slot of planCheckIns(timeline.sessions, timeline.client.timeZone, now)) {
        drafts.push({
          kind: 'MID_CYCLE_CHECK_IN',
          idempotencyKey: checkInKey(timeline.engagementId, slot),
          practiceId: timeline.practiceId,
          recipientEmail: timeline.client.email,
          recipientUserId: timeline.client.userId,
          recipientTimeZone: timeline.client.timeZone,
          clientId: timeline.clientId,
          // The session it follows, without a version: it is not one of that session's reminders.
          sessionId: slot.afterSession.id,
          sessionVersion: null,
          data: {
            engagementId: timeline.engagementId,
            afterSessionId: slot.afterSession.id,
            nextSessionId: slot.nextSession.id,
            nextSessionVersion: slot.nextSession.version,
            dueDate: slot.dueDate,
          },
          sendAt: slot.sendAt,
        });
      }
    }
    await this.db.manager.query(
      `UPDATE notification n SET status = 'CANCELLED', reason = 'sessions moved: check-in no longer due then', updated_at = now()
        WHERE n.kind = 'MID_CYCLE_CHECK_IN' AND n.status = 'PENDING'
          AND n.client_id = ANY($1::uuid[]) AND n.data->>'engagementId' = ANY($2::text[])
          AND NOT n.idempotency_key = ANY($3::text[])`,
      [timelines.map((t) => t.clientId), timelines.map((t) => t.engagementId), drafts.map((d) => d.idempotencyKey)],
    );
    await this.plan(drafts, 1000, now);
  }

  /** "Need help" reaches the coach at once (their preferences and quiet hours apply at send time). */
  async checkInAnswered(checkInId: string, now = this.clock.now()): Promise<void> {
    const checkIn = await this.coaching.checkInAnswer(checkInId);
    if (!checkIn || checkIn.answer !== 'NEED_HELP') return;
    await this.insert([
      {
        kind: 'CHECK_IN_NEEDS_HELP',
        idempotencyKey: `check-in-help:${checkIn.id}`,
        practiceId: checkIn.practiceId,
        recipientEmail: checkIn.coach.email,
        recipientUserId: checkIn.coach.id,
        recipientTimeZone: checkIn.coach.timeZone,
        clientId: checkIn.clientId,
        sessionId: null,
        sessionVersion: null,
        data: { checkInId: checkIn.id },
        sendAt: now,
      },
    ]);
  }

  async summaryPublished(sessionId: string, now = this.clock.now()): Promise<void> {
    const [session] = await this.coaching.sessionsToPlan([sessionId]);
    if (!session) return;
    await this.insert([
      {
        kind: 'SESSION_SUMMARY',
        idempotencyKey: `summary:${sessionId}:${session.summaryPublishedAt?.getTime() ?? 0}`,
        practiceId: session.practiceId,
        recipientEmail: session.client.email,
        recipientUserId: session.client.userId,
        recipientTimeZone: session.client.timeZone,
        clientId: session.clientId,
        sessionId,
        sessionVersion: null,
        data: {},
        sendAt: now,
      },
    ]);
  }

  /**
   * A pending nudge with nothing left to nudge about is withdrawn in the same transaction: no
   * open item due within the horizon of its day, and no networking follow-up due by its day.
   */
  async actionItemsChanged(clientId: string): Promise<void> {
    const due = await this.coaching.earliestOpenDueDate(clientId);
    if (!due) return;
    await this.db.manager.query(
      `UPDATE notification n SET status = 'CANCELLED', reason = 'nothing due', updated_at = now()
        WHERE n.client_id = $1 AND n.kind = 'ACCOUNTABILITY_NUDGE' AND n.status = 'PENDING'
          AND ($2::date IS NULL OR $2::date > ((n.send_at AT TIME ZONE $3)::date + ${NUDGE_HORIZON_DAYS}))
          AND ($4::date IS NULL OR $4::date > (n.send_at AT TIME ZONE $3)::date)`,
      [clientId, due.dueDate, due.timeZone, due.followUpDate],
    );
  }

  /** The same rule as for items: the nudge covers both. */
  followUpsChanged(clientId: string): Promise<void> {
    return this.actionItemsChanged(clientId);
  }

  /**
   * Emails not yet sent follow the client to their new address and zone; their
   * quiet hours are then read in the new zone (and at the new address's preference).
   */
  async clientContactChanged(clientId: string, now = this.clock.now()): Promise<void> {
    const client = await this.coaching.clientContact(clientId);
    if (!client) return;
    const [updated] = await this.db.manager.query<[Array<{ id: string }>, number]>(
      `UPDATE notification n SET recipient_email = $2, recipient_time_zone = $3, updated_at = now()
        WHERE n.client_id = $1 AND n.status = 'PENDING'
          AND n.kind IN ('SESSION_REMINDER', 'SESSION_PREP', 'SESSION_CANCELLED', 'ACCOUNTABILITY_NUDGE', 'SESSION_SUMMARY', 'MID_CYCLE_CHECK_IN')
          AND NOT coalesce((n.data->>'forCoach')::boolean, false)
       RETURNING n.id`,
      [clientId, client.email, client.timeZone],
    );
    if (updated.length) await this.retimeForQuietHours(client.practiceId, client.email, now);
  }

  async practiceReminderOffsetsChanged(practiceId: string): Promise<void> {
    await this.replanSessionEmails({ practiceDefaults: practiceId });
  }

  async clientReminderOffsetsChanged(clientId: string): Promise<void> {
    await this.replanSessionEmails({ clientId });
  }

  /**
   * Brings the pending reminders and prep emails of the scope's future
   * sessions in line with the settings as they are now, in the caller's
   * transaction (the rules: replannedSessionEmails). Set-based: one
   * statement reads every session of the scope with what is planned for its
   * version, one cancels by id, one reads quiet hours, one inserts per 5,000
   * emails that are new or revived (those already planned are not sent again).
   */
  async replanSessionEmails(scope: ReplanScope, now = this.clock.now()): Promise<void> {
    const manager = this.db.manager;
    const sessions = await this.coaching.futureSessionsToPlan(scope, now);
    const facts = await this.mailFacts(sessions);

    const drafts: NotificationDraft[] = [];
    const cancelled: Array<{ id: string; reason: string }> = [];
    for (const row of sessions) {
      const fact = facts.get(row.id)!;
      const client = row.client;
      const coach = { email: row.coach.email, userId: row.coach.id, timeZone: row.coach.timeZone };
      const { plan, cancel } = replannedSessionEmails(
        sessionOf(row),
        { client, coach: fact.coach_wants_reminders ? coach : null },
        row.offsets,
        {
          client: { all: fact.client_opted_out, disabledKinds: fact.client_disabled_kinds },
          coach: { all: fact.coach_opted_out, disabledKinds: fact.coach_disabled_kinds },
        },
        fact.planned,
        now,
      );
      drafts.push(...plan);
      cancelled.push(...cancel);
    }
    if (cancelled.length) {
      // Still PENDING: one the dispatcher claimed meanwhile is the sender's to judge.
      await manager.query(
        `UPDATE notification n SET status = 'CANCELLED', reason = v.reason, updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS v(id, reason)
          WHERE n.id = v.id AND n.status = 'PENDING'`,
        [cancelled.map((c) => c.id), cancelled.map((c) => c.reason)],
      );
    }
    await this.plan(drafts, 5000, now);
  }

  /** For each session, in one statement: its recipients' preferences and the emails planned (for its version) or sent. */
  private async mailFacts(sessions: readonly PlannableSession[]): Promise<Map<string, SessionMailFacts>> {
    if (!sessions.length) return new Map();
    const rows = await this.db.manager.query<Array<SessionMailFacts & { id: string }>>(
      `SELECT s.id,
              coalesce(up.coach_session_reminders, false) AS coach_wants_reminders,
              (cp.unsubscribed_at IS NOT NULL OR cp.suppressed_at IS NOT NULL) AS client_opted_out,
              coalesce(cp.disabled_kinds, '{}') AS client_disabled_kinds,
              (up.unsubscribed_at IS NOT NULL OR up.suppressed_at IS NOT NULL) AS coach_opted_out,
              coalesce(up.disabled_kinds, '{}') AS coach_disabled_kinds,
              EXISTS (SELECT 1 FROM notification r WHERE r.session_id = s.id AND r.kind = 'SESSION_REMINDER' AND r.status = 'SENT') AS reminded,
              coalesce((SELECT json_agg(json_build_object(
                                 'id', n.id, 'key', n.idempotency_key, 'kind', n.kind, 'status', n.status,
                                 'offsetMinutes', (n.data->>'offsetMinutes')::int, 'forCoach', coalesce((n.data->>'forCoach')::boolean, false)))
                          FROM notification n
                         WHERE n.session_id = s.id AND n.session_version = s.version AND n.kind IN ('SESSION_REMINDER', 'SESSION_PREP')), '[]') AS planned
         FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[]) AS s(id, version, practice_id, client_email, coach_email)
         LEFT JOIN email_preference cp ON cp.practice_id = s.practice_id AND lower(cp.email) = lower(s.client_email)
         LEFT JOIN email_preference up ON up.practice_id = s.practice_id AND lower(up.email) = lower(s.coach_email)`,
      [
        sessions.map((s) => s.id),
        sessions.map((s) => s.version),
        sessions.map((s) => s.practiceId),
        sessions.map((s) => s.client.email),
        sessions.map((s) => s.coach.email),
      ],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Re-times one address's pending emails to its quiet hours as they are now:
   * one planned (or already due) inside them waits for their end, any other
   * goes back to the time it was planned for (at once, when that has passed).
   * The sender still defers at send time whatever is planned later.
   */
  async retimeForQuietHours(practiceId: string, email: string, now = this.clock.now()): Promise<void> {
    const rows = await this.db.manager.query<
      Array<{
        id: string;
        send_at: Date;
        planned_send_at: Date | null;
        recipient_time_zone: string;
        reason: string | null;
        quiet_hours_start: string | null;
        quiet_hours_end: string | null;
      }>
    >(
      `SELECT n.id, n.send_at, n.planned_send_at, n.recipient_time_zone, n.reason, p.quiet_hours_start, p.quiet_hours_end
         FROM notification n
         LEFT JOIN email_preference p ON p.practice_id = n.practice_id AND lower(p.email) = lower(n.recipient_email)
        WHERE n.practice_id = $1 AND lower(n.recipient_email) = lower($2) AND n.status = 'PENDING'
          AND NOT n.kind = ANY($3::varchar[])`,
      [practiceId, email, TRANSACTIONAL_KINDS],
    );
    const changed: Array<{ id: string; sendAt: Date; plannedSendAt: Date | null; reason: string | null }> = [];
    for (const row of rows) {
      const plannedAt = new Date(row.planned_send_at ?? row.send_at);
      const timing = quietHoursTiming(plannedAt, now, row.recipient_time_zone, row.quiet_hours_start, row.quiet_hours_end);
      const plannedSendAt = timing.deferred ? plannedAt : null;
      if (
        timing.sendAt.getTime() === new Date(row.send_at).getTime() &&
        (plannedSendAt?.getTime() ?? null) === (row.planned_send_at ? new Date(row.planned_send_at).getTime() : null)
      )
        continue;
      const reason = timing.deferred ? QUIET_HOURS_DEFERRAL : row.reason === QUIET_HOURS_DEFERRAL ? null : row.reason;
      changed.push({ id: row.id, sendAt: timing.sendAt, plannedSendAt, reason });
    }
    if (!changed.length) return;
    await this.db.manager.query(
      `UPDATE notification n SET send_at = v.send_at, planned_send_at = v.planned_send_at, reason = v.reason, updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[]) AS v(id, send_at, planned_send_at, reason)
        WHERE n.id = v.id AND n.status = 'PENDING'`,
      [changed.map((c) => c.id), changed.map((c) => c.sendAt), changed.map((c) => c.plannedSendAt), changed.map((c) => c.reason)],
    );
  }

  /**
   * Plans the other side's NEW_MESSAGES email, batched: at most one per conversation and
   * recipient per MESSAGE_EMAIL_WINDOW_MS. An email still PENDING will list this message too
   * (it lists what is unread when it goes out), so nothing is added; otherwise one is planned
   * MESSAGE_EMAIL_GATHER_MS from now, or a window after the last one queued or sent, whichever is
   * later. The key carries that window; a transaction-scoped advisory lock on the conversation
   * and recipient makes two messages posted at once plan one email.
   */
  async messagePosted(messageId: string, now = this.clock.now()): Promise<void> {
    const target = await this.coaching.messageRecipient(messageId);
    if (!target) return;
    const { recipient, engagementId } = target;
    const manager = this.db.manager;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`messages:${engagementId}:${recipient.userId}`]);
    const [last] = await manager.query<Array<{ status: string; at: Date }>>(
      `SELECT status, coalesce(sent_at, planned_send_at, send_at) AS at FROM notification
        WHERE recipient_user_id = $1 AND kind = 'NEW_MESSAGES' AND data->>'engagementId' = $2 AND status IN ('PENDING', 'QUEUED', 'SENT')
        ORDER BY (status = 'PENDING') DESC, coalesce(sent_at, planned_send_at, send_at) DESC LIMIT 1`,
      [recipient.userId, engagementId],
    );
    if (last?.status === 'PENDING') return;
    const sendAt = new Date(
      Math.max(now.getTime() + MESSAGE_EMAIL_GATHER_MS, last ? new Date(last.at).getTime() + MESSAGE_EMAIL_WINDOW_MS : 0),
    );
    const window = Math.floor(sendAt.getTime() / MESSAGE_EMAIL_WINDOW_MS);
    const draft: NotificationDraft = {
      kind: 'NEW_MESSAGES',
      idempotencyKey: `messages:${engagementId}:${recipient.userId}:${window}`,
      practiceId: target.practiceId,
      recipientEmail: recipient.email,
      recipientUserId: recipient.userId,
      recipientTimeZone: recipient.timeZone,
      clientId: target.clientId,
      sessionId: null,
      sessionVersion: null,
      data: { engagementId },
      sendAt,
    };
    // One skipped (everything had been read) or cancelled in the same window is planned again: it sent nothing.
    await this.write(
      [draft],
      1,
      now,
      `ON CONFLICT (idempotency_key) DO UPDATE
          SET status = 'PENDING', send_at = excluded.send_at, planned_send_at = excluded.planned_send_at, queued_at = NULL,
              reason = excluded.reason, updated_at = now()
        WHERE notification.status IN ('SKIPPED', 'CANCELLED')`,
    );
  }

  async linkEmailRequested(request: LinkEmailRequest, now = this.clock.now()): Promise<void> {
    await this.insert([
      {
        kind: request.kind,
        idempotencyKey: `${request.kind.toLowerCase()}:${request.tokenId}`,
        practiceId: request.practiceId,
        recipientEmail: request.email,
        recipientUserId: request.userId,
        recipientTimeZone: request.timeZone,
        clientId: null,
        sessionId: null,
        sessionVersion: null,
        data: {
          tokenId: request.tokenId,
          recipientName: request.recipientName,
          ...(request.url ? { sealedUrl: sealText(request.url, this.config.jwtSecret) } : {}),
          ...(request.accountExists ? { accountExists: true } : {}),
        },
        sendAt: now,
      },
    ]);
  }

  /**
   * Inserts drafts; one whose key was planned before is left as it is unless
   * it was CANCELLED (a setting turned back on, a nudge due again the same
   * day), which plans it again. An email sent, skipped at send time or failed
   * is never planned twice.
   */
  async plan(drafts: readonly NotificationDraft[], chunkSize = 1000, now = this.clock.now()): Promise<void> {
    await this.write(
      drafts,
      chunkSize,
      now,
      `ON CONFLICT (idempotency_key) DO UPDATE
          SET status = 'PENDING', send_at = excluded.send_at, planned_send_at = excluded.planned_send_at, queued_at = NULL,
              reason = excluded.reason, recipient_email = excluded.recipient_email, recipient_user_id = excluded.recipient_user_id,
              recipient_time_zone = excluded.recipient_time_zone, data = excluded.data, updated_at = now()
        WHERE notification.status = 'CANCELLED'`,
    );
  }

  /** Inserts drafts, ignoring any whose idempotency key was planned before. */
  async insert(drafts: readonly NotificationDraft[], now = this.clock.now()): Promise<void> {
    await this.write(drafts, 1000, now, 'ON CONFLICT DO NOTHING');
  }

  /**
   * One statement per `chunkSize` rows, the values passed as arrays (TypeORM's
   * multi-row insert built the statement row by row: most of the planner's
   * time), after one read of the recipients' quiet hours: an email planned
   * inside them is written for their end, its planned time kept beside.
   */
  private async write(drafts: readonly NotificationDraft[], chunkSize: number, now: Date, onConflict: string): Promise<void> {
    if (!drafts.length) return;
    const timings = await this.quietHoursTimings(drafts, now);
    for (let start = 0; start < drafts.length; start += chunkSize) {
      const chunk = drafts.slice(start, start + chunkSize);
      const timed = timings.slice(start, start + chunkSize);
      await this.db.manager.query(
        `INSERT INTO notification (practice_id, kind, idempotency_key, recipient_email, recipient_user_id, recipient_time_zone,
                                   client_id, session_id, session_version, data, send_at, planned_send_at, reason, status)
         SELECT v.practice_id, v.kind, v.idempotency_key, v.recipient_email, v.recipient_user_id, v.recipient_time_zone,
                v.client_id, v.session_id, v.session_version, v.data, v.send_at, v.planned_send_at, v.reason, 'PENDING'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::uuid[], $9::int[], $10::jsonb[],
                       $11::timestamptz[], $12::timestamptz[], $13::text[])
             AS v(practice_id, kind, idempotency_key, recipient_email, recipient_user_id, recipient_time_zone, client_id, session_id, session_version, data,
                  send_at, planned_send_at, reason)
         ${onConflict}`,
        [
          chunk.map((d) => d.practiceId),
          chunk.map((d) => d.kind),
          chunk.map((d) => d.idempotencyKey),
          chunk.map((d) => d.recipientEmail),
          chunk.map((d) => d.recipientUserId),
          chunk.map((d) => d.recipientTimeZone),
          chunk.map((d) => d.clientId),
          chunk.map((d) => d.sessionId),
          chunk.map((d) => d.sessionVersion),
          chunk.map((d) => JSON.stringify(d.data)),
          timed.map((t) => t.sendAt),
          timed.map((t) => t.plannedSendAt),
          timed.map((t) => (t.plannedSendAt ? QUIET_HOURS_DEFERRAL : null)),
        ],
      );
    }
  }

  /** When each draft goes out under its recipient's quiet hours (sign-in links ignore them), in one read. */
  private async quietHoursTimings(
    drafts: readonly NotificationDraft[],
    now: Date,
  ): Promise<Array<{ sendAt: Date; plannedSendAt: Date | null }>> {
    const keyOf = (practiceId: string, email: string) => `${practiceId} ${email.toLowerCase()}`;
    const optional = drafts.filter((d) => !TRANSACTIONAL_KINDS.includes(d.kind));
    const recipients = [...new Map(optional.map((d) => [keyOf(d.practiceId, d.recipientEmail), d])).values()];
    const quietHours = new Map<string, { start: string; end: string }>();
    if (recipients.length) {
      const rows = await this.db.manager.query<
        Array<{ practice_id: string; email: string; quiet_hours_start: string; quiet_hours_end: string }>
      >(
        `SELECT practice_id, email, quiet_hours_start, quiet_hours_end FROM email_preference
          WHERE quiet_hours_start IS NOT NULL
            AND (practice_id, lower(email)) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
        [recipients.map((d) => d.practiceId), recipients.map((d) => d.recipientEmail.toLowerCase())],
      );
      for (const row of rows) quietHours.set(keyOf(row.practice_id, row.email), { start: row.quiet_hours_start, end: row.quiet_hours_end });
    }
    return drafts.map((draft) => {
      const window = TRANSACTIONAL_KINDS.includes(draft.kind) ? undefined : quietHours.get(keyOf(draft.practiceId, draft.recipientEmail));
      if (!window) return { sendAt: draft.sendAt, plannedSendAt: null };
      const timing = quietHoursTiming(draft.sendAt, now, draft.recipientTimeZone, window.start, window.end);
      return { sendAt: timing.sendAt, plannedSendAt: timing.deferred ? draft.sendAt : null };
    });
  }
}

const sessionOf = (row: PlannableSession) => ({
  id: row.id,
  practiceId: row.practiceId,
  clientId: row.clientId,
  startsAt: row.startsAt,
  version: row.version,
});
