import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#tandem/clock';
import { NUDGE_HORIZON_DAYS, digestSlot, nudgeSlot, type NotificationDraft } from './planning/notification-planning.js';
import { NotificationOutbox } from './notification-outbox.js';

/** The preference `pref` of the address of `owner` (a client or a user) turns `kind` off (or everything). */
const OPTED_OUT = (pref: string, owner: string, kind: string) =>
  `${pref}.practice_id = ${owner}.practice_id AND lower(${pref}.email) = lower(${owner}.email)
   AND (${pref}.unsubscribed_at IS NOT NULL OR ${pref}.suppressed_at IS NOT NULL OR '${kind}' = ANY (${pref}.disabled_kinds))`;

/**
 * Plans the emails no single change causes: each client's morning nudge when
 * items are due within 48 h or overdue, and each coach's Monday digest. Runs
 * every few minutes; idempotency keys (client + local date, coach + week) make
 * repeated runs harmless, while one CANCELLED earlier (nothing was due then, or
 * the kind was turned off and is back on) is planned again. Addresses that do
 * not receive the kind get none.
 */
@Injectable()
export class PeriodicPlanner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: NotificationOutbox,
    private readonly clock: Clock,
  ) {}

  async plan(now = this.clock.now()): Promise<number> {
    await this.unplannedSessions(now);
    const drafts = [...(await this.nudges(now)), ...(await this.digests(now))];
    await this.outbox.plan(drafts, 1000, now);
    return drafts.length;
  }

  /**
   * Scheduled sessions of the coming weeks with nothing planned for their
   * current version (seeded or imported data, a change made while the outbox
   * was not there): plan them now. Normally a no-op.
   */
  private async unplannedSessions(now: Date): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT s.id FROM coaching_session s
        WHERE s.status = 'SCHEDULED' AND s.starts_at > $1 AND s.starts_at < $1 + interval '15 days'
          AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.session_id = s.id AND n.session_version = s.version)`,
      [now],
    )) as Array<{ id: string }>;
    for (let start = 0; start < rows.length; start += 500) {
      await this.outbox.sessionsChanged(
        rows.slice(start, start + 500).map((row) => row.id),
        now,
      );
    }
  }

  private async nudges(now: Date): Promise<NotificationDraft[]> {
    const clients = (await this.dataSource.query(
      `SELECT c.id, c.practice_id, c.email, c.user_id, c.time_zone
         FROM client c
        WHERE c.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM email_preference ep WHERE ${OPTED_OUT('ep', 'c', 'ACCOUNTABILITY_NUDGE')})
          AND EXISTS (SELECT 1 FROM action_item a
                       WHERE a.client_id = c.id AND a.status = 'OPEN' AND a.due_date IS NOT NULL
                         AND a.due_date <= (($1::timestamptz AT TIME ZONE c.time_zone)::date + ${NUDGE_HORIZON_DAYS}))`,
      [now],
    )) as Array<{ id: string; practice_id: string; email: string; user_id: string | null; time_zone: string }>;
    return clients.map((client) => {
      const slot = nudgeSlot(now, client.time_zone);
      return {
        kind: 'ACCOUNTABILITY_NUDGE' as const,
        idempotencyKey: `nudge:${client.id}:${slot.localDate}`,
        practiceId: client.practice_id,
        recipientEmail: client.email,
        recipientUserId: client.user_id,
        recipientTimeZone: client.time_zone,
        clientId: client.id,
        sessionId: null,
        sessionVersion: null,
        data: { localDate: slot.localDate },
        sendAt: slot.sendAt,
      };
    });
  }

  private async digests(now: Date): Promise<NotificationDraft[]> {
    const coaches = (await this.dataSource.query(
      `SELECT u.id, u.practice_id, u.email, u.time_zone FROM app_user u
        WHERE u.role IN ('OWNER', 'COACH') AND NOT u.disabled AND u.password_hash IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM email_preference ep WHERE ${OPTED_OUT('ep', 'u', 'COACH_DIGEST')})`,
    )) as Array<{ id: string; practice_id: string; email: string; time_zone: string }>;
    return coaches.map((coach) => {
      const slot = digestSlot(now, coach.time_zone);
      return {
        kind: 'COACH_DIGEST' as const,
        idempotencyKey: `digest:${coach.id}:${slot.weekStarting}`,
        practiceId: coach.practice_id,
        recipientEmail: coach.email,
        recipientUserId: coach.id,
        recipientTimeZone: coach.time_zone,
        clientId: null,
        sessionId: null,
        sessionVersion: null,
        data: { weekStarting: slot.weekStarting },
        sendAt: slot.sendAt,
      };
    });
  }
}
