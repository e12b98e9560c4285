import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#tandem/clock';
import { CoachingReads, type Recipient } from '#tandem/coaching';
import { NUDGE_HORIZON_DAYS, digestSlot, nudgeSlot, type NotificationDraft } from './planning/notification-planning.js';
import { NotificationOutbox } from './notification-outbox.js';
import type { NotificationKind } from './notification.entity.js';

/** How far ahead sessions with nothing planned are planned. */
const UNPLANNED_HORIZON_DAYS = 15;

/**
 * Plans the emails no single change causes: each client's morning nudge when
 * items are due within 48 h or overdue, or networking follow-ups are due, and
 * each coach's Monday digest. Runs every few minutes; idempotency keys (client + local date, coach + week) make
 * repeated runs harmless, while one CANCELLED earlier (nothing was due then, or
 * the kind was turned off and is back on) is planned again. Addresses that do
 * not receive the kind get none.
 */
@Injectable()
export class PeriodicPlanner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly coaching: CoachingReads,
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
    const sessions = await this.coaching.scheduledSessionsWithin(now, UNPLANNED_HORIZON_DAYS);
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT s.id FROM unnest($1::uuid[], $2::int[]) AS s(id, version)
        WHERE NOT EXISTS (SELECT 1 FROM notification n WHERE n.session_id = s.id AND n.session_version = s.version)`,
      [sessions.map((s) => s.id), sessions.map((s) => s.version)],
    );
    for (let start = 0; start < rows.length; start += 500) {
      await this.outbox.sessionsChanged(
        rows.slice(start, start + 500).map((row) => row.id),
        now,
      );
    }
  }

  /**
   * One nudge per client and local day, for items due within the horizon (or overdue) and for
   * networking follow-ups due by the nudge's day: a client with only follow-ups due gets one too,
   * under the same key.
   */
  private async nudges(now: Date): Promise<NotificationDraft[]> {
    const withItems = await this.coaching.clientsWithItemsDue(now, NUDGE_HORIZON_DAYS);
    const withItemIds = new Set(withItems.map((client) => client.id));
    // A slot is at most a day ahead (nudgeSlot), so follow-ups due by tomorrow cover its day.
    const withFollowUps = (await this.coaching.clientsWithFollowUpsDue(now, 1)).filter(
      (client) => !withItemIds.has(client.id) && client.followUpDate <= nudgeSlot(now, client.timeZone).localDate,
    );
    const clients = await this.receiving([...withItems, ...withFollowUps], 'ACCOUNTABILITY_NUDGE');
    return clients.map((client) => {
      const slot = nudgeSlot(now, client.timeZone);
      return {
        kind: 'ACCOUNTABILITY_NUDGE' as const,
        idempotencyKey: `nudge:${client.id}:${slot.localDate}`,
        practiceId: client.practiceId,
        recipientEmail: client.email,
        recipientUserId: client.userId,
        recipientTimeZone: client.timeZone,
        clientId: client.id,
        sessionId: null,
        sessionVersion: null,
        data: { localDate: slot.localDate },
        sendAt: slot.sendAt,
      };
    });
  }

  private async digests(now: Date): Promise<NotificationDraft[]> {
    const coaches = await this.receiving(await this.coaching.activeCoaches(), 'COACH_DIGEST');
    return coaches.map((coach) => {
      const slot = digestSlot(now, coach.timeZone);
      return {
        kind: 'COACH_DIGEST' as const,
        idempotencyKey: `digest:${coach.id}:${slot.weekStarting}`,
        practiceId: coach.practiceId,
        recipientEmail: coach.email,
        recipientUserId: coach.id,
        recipientTimeZone: coach.timeZone,
        clientId: null,
        sessionId: null,
        sessionVersion: null,
        data: { weekStarting: slot.weekStarting },
        sendAt: slot.sendAt,
      };
    });
  }

  /** The recipients whose address still receives `kind` (not unsubscribed, suppressed, or with the kind turned off). */
  private async receiving(recipients: Recipient[], kind: NotificationKind): Promise<Recipient[]> {
    if (!recipients.length) return recipients;
    const optedOut = await this.dataSource.query<Array<{ i: string }>>(
      `SELECT r.i FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS r(practice_id, email, i)
        WHERE EXISTS (SELECT 1 FROM email_preference ep
                       WHERE ep.practice_id = r.practice_id AND lower(ep.email) = lower(r.email)
                         AND (ep.unsubscribed_at IS NOT NULL OR ep.suppressed_at IS NOT NULL OR $3 = ANY (ep.disabled_kinds)))`,
      [recipients.map((r) => r.practiceId), recipients.map((r) => r.email), kind],
    );
    const out = new Set(optedOut.map((row) => Number(row.i) - 1));
    return recipients.filter((_, index) => !out.has(index));
  }
}
