import { Injectable } from '@nestjs/common';
import { AppConfig } from '#tandem/config';
import { CoachingEvents, Db, type LinkEmailRequest } from '#tandem/coaching';
import { NUDGE_HORIZON_DAYS, planSessionEmails, type NotificationDraft } from './planning/notification-planning.js';
import { sealText } from './sealed-text.js';

interface SessionRow {
  id: string;
  practice_id: string;
  client_id: string;
  starts_at: Date;
  version: number;
  status: string;
  client_email: string;
  client_user_id: string | null;
  client_time_zone: string;
  offsets: number[];
  coach_id: string;
  coach_email: string;
  coach_time_zone: string;
  coach_wants_reminders: boolean;
  reminded: boolean;
}

/**
 * Plans emails as notification rows inside the transaction of the change that
 * causes them (the outbox). Nothing here sends or queues: the dispatcher picks
 * due rows up after commit.
 */
@Injectable()
export class NotificationOutbox extends CoachingEvents {
  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async sessionsChanged(sessionIds: readonly string[], now = new Date()): Promise<void> {
    if (!sessionIds.length) return;
    const manager = this.db.manager;
    // Emails planned for a time or state the session no longer has.
    await manager.query(
      `UPDATE notification n
          SET status = 'CANCELLED', updated_at = now(),
              reason = CASE WHEN s.status <> 'SCHEDULED' THEN 'session ' || lower(s.status) ELSE 'session rescheduled' END
         FROM coaching_session s
        WHERE n.session_id = s.id AND s.id = ANY($1) AND n.status = 'PENDING'
          AND n.kind IN ('SESSION_REMINDER', 'SESSION_PREP')
          AND (s.status <> 'SCHEDULED' OR n.session_version <> s.version)`,
      [sessionIds],
    );
    const rows = (await manager.query(
      `SELECT s.id, s.practice_id, s.client_id, s.starts_at, s.version, s.status,
              c.email AS client_email, c.user_id AS client_user_id, c.time_zone AS client_time_zone,
              coalesce(c.reminder_offsets_minutes, p.reminder_offsets_minutes) AS offsets,
              u.id AS coach_id, u.email AS coach_email, u.time_zone AS coach_time_zone,
              coalesce(ep.coach_session_reminders, false) AS coach_wants_reminders,
              EXISTS (SELECT 1 FROM notification r WHERE r.session_id = s.id AND r.kind = 'SESSION_REMINDER' AND r.status = 'SENT') AS reminded
         FROM coaching_session s
         JOIN client c ON c.id = s.client_id
         JOIN practice p ON p.id = s.practice_id
         JOIN app_user u ON u.id = s.coach_id
         LEFT JOIN email_preference ep ON ep.practice_id = s.practice_id AND lower(ep.email) = lower(u.email)
        WHERE s.id = ANY($1)`,
      [sessionIds],
    )) as SessionRow[];

    const drafts: NotificationDraft[] = [];
    for (const row of rows) {
      const client = { email: row.client_email, userId: row.client_user_id, timeZone: row.client_time_zone };
      const coach = { email: row.coach_email, userId: row.coach_id, timeZone: row.coach_time_zone };
      if (row.status === 'SCHEDULED') {
        const session = { id: row.id, practiceId: row.practice_id, clientId: row.client_id, startsAt: new Date(row.starts_at), version: row.version };
        drafts.push(...planSessionEmails(session, { client, coach: row.coach_wants_reminders ? coach : null }, row.offsets, now));
      } else if (row.status === 'CANCELLED' && row.reminded) {
        // The client holds a calendar event from a reminder: withdraw it.
        for (const [role, recipient] of row.coach_wants_reminders ? ([['client', client], ['coach', coach]] as const) : ([['client', client]] as const)) {
          drafts.push({
            kind: 'SESSION_CANCELLED',
            idempotencyKey: `cancelled:${row.id}:v${row.version}:${role}`,
            practiceId: row.practice_id,
            recipientEmail: recipient.email,
            recipientUserId: recipient.userId,
            recipientTimeZone: recipient.timeZone,
            clientId: row.client_id,
            sessionId: row.id,
            sessionVersion: row.version,
            data: { forCoach: role === 'coach' },
            sendAt: now,
          });
        }
      }
    }
    await this.insert(drafts);
  }

  async summaryPublished(sessionId: string, now = new Date()): Promise<void> {
    const [row] = (await this.db.manager.query(
      `SELECT s.practice_id, s.client_id, s.summary_published_at, c.email, c.user_id, c.time_zone
         FROM coaching_session s JOIN client c ON c.id = s.client_id WHERE s.id = $1`,
      [sessionId],
    )) as Array<{ practice_id: string; client_id: string; summary_published_at: Date; email: string; user_id: string | null; time_zone: string }>;
    if (!row) return;
    await this.insert([
      {
        kind: 'SESSION_SUMMARY',
        idempotencyKey: `summary:${sessionId}:${new Date(row.summary_published_at).getTime()}`,
        practiceId: row.practice_id,
        recipientEmail: row.email,
        recipientUserId: row.user_id,
        recipientTimeZone: row.time_zone,
        clientId: row.client_id,
        sessionId,
        sessionVersion: null,
        data: {},
        sendAt: now,
      },
    ]);
  }

  /** A pending nudge with nothing left to nudge about is withdrawn in the same transaction. */
  async actionItemsChanged(clientId: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE notification n SET status = 'CANCELLED', reason = 'nothing due', updated_at = now()
         FROM client c
        WHERE n.client_id = c.id AND c.id = $1 AND n.kind = 'ACCOUNTABILITY_NUDGE' AND n.status = 'PENDING'
          AND NOT EXISTS (SELECT 1 FROM action_item a
                           WHERE a.client_id = c.id AND a.status = 'OPEN' AND a.due_date IS NOT NULL
                             AND a.due_date <= ((n.send_at AT TIME ZONE c.time_zone)::date + ${NUDGE_HORIZON_DAYS}))`,
      [clientId],
    );
  }

  /** Emails not yet sent follow the client to their new address and zone. */
  async clientContactChanged(clientId: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE notification n SET recipient_email = c.email, recipient_time_zone = c.time_zone, updated_at = now()
         FROM client c
        WHERE n.client_id = c.id AND c.id = $1 AND n.status = 'PENDING'
          AND n.kind IN ('SESSION_REMINDER', 'SESSION_PREP', 'SESSION_CANCELLED', 'ACCOUNTABILITY_NUDGE', 'SESSION_SUMMARY')
          AND NOT coalesce((n.data->>'forCoach')::boolean, false)`,
      [clientId],
    );
  }

  async linkEmailRequested(request: LinkEmailRequest, now = new Date()): Promise<void> {
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
        data: { tokenId: request.tokenId, recipientName: request.recipientName, sealedUrl: sealText(request.url, this.config.jwtSecret) },
        sendAt: now,
      },
    ]);
  }

  /**
   * Inserts drafts, ignoring any whose idempotency key was planned before. One
   * statement per thousand rows, the values passed as arrays (TypeORM's
   * multi-row insert built the statement row by row: most of the planner's time).
   */
  async insert(drafts: NotificationDraft[]): Promise<void> {
    for (let start = 0; start < drafts.length; start += 1000) {
      const chunk = drafts.slice(start, start + 1000);
      await this.db.manager.query(
        `INSERT INTO notification (practice_id, kind, idempotency_key, recipient_email, recipient_user_id, recipient_time_zone,
                                   client_id, session_id, session_version, data, send_at, status)
         SELECT v.practice_id, v.kind, v.idempotency_key, v.recipient_email, v.recipient_user_id, v.recipient_time_zone,
                v.client_id, v.session_id, v.session_version, v.data, v.send_at, 'PENDING'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::uuid[], $9::int[], $10::jsonb[], $11::timestamptz[])
             AS v(practice_id, kind, idempotency_key, recipient_email, recipient_user_id, recipient_time_zone, client_id, session_id, session_version, data, send_at)
         ON CONFLICT DO NOTHING`,
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
          chunk.map((d) => d.sendAt),
        ],
      );
    }
  }
}
