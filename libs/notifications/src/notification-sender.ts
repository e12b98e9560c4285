import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#tandem/clock';
import { isUuid } from '#tandem/coaching';
import { AppConfig } from '#tandem/config';
import { preparedQuery, RawEntityColumns } from '#tandem/database';
import { MailDeliveryError, MailSender } from '#tandem/mail';
import { maskEmail } from '#tandem/logging';
import { PermanentJobError } from '#tandem/queue';
import { EmailPreference } from './email-preference.entity.js';
import { GroupBatcher } from './group-batcher.js';
import { NotificationContentLoader } from './notification-content.js';
import { NotificationMetrics } from './notification-metrics.js';
import { QUIET_HOURS_DEFERRAL } from './notification-outbox.js';
import { Notification, TRANSACTIONAL_KINDS } from './notification.entity.js';
import { endOfQuietHours } from './planning/notification-planning.js';
import { renderNotification } from './rendering/render-notification.js';
import { signUnsubscribeToken } from './unsubscribe/unsubscribe-token.js';

const UNSUBSCRIBE_LINK_DAYS = 90;
/** Writing SENT after SMTP accepted the email: tries, with the waits between them (about 8 s in all). */
const SENT_WRITE_ATTEMPTS = 6;
const SENT_WRITE_FIRST_WAIT_MS = 250;

interface SentRow {
  id: string;
  sentAt: Date;
  messageId: string;
  attempts: number;
  data: string;
}

type Loaded = { notification: Notification; preference: EmailPreference | null };

export type SendOutcome = 'sent' | 'skipped' | 'deferred' | 'already-handled';

/**
 * Sends one notification. Re-reads everything first and records why when an
 * email no longer applies; honours unsubscribes, suppression and quiet hours;
 * sends with a Message-ID derived from the notification id, so a resend after
 * an ambiguous failure is recognisably the same message.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger('NotificationSender');
  private readonly domain: string;
  /** Built once from the entities' metadata (see load()). */
  private loadStatement?: { sql: string; notification: RawEntityColumns<Notification>; preference: RawEntityColumns<EmailPreference> };
  /** Sends running at once read their rows in one statement, and record SENT in one (see GroupBatcher). */
  private readonly loads = new GroupBatcher<string, Loaded | null>((ids) => this.loadMany(ids));
  private readonly sentRows = new GroupBatcher<SentRow, void>((rows) => this.markSent(rows));
  /**
   * Emails SMTP accepted whose SENT row could not be written yet (the database went away
   * in between): the job's next attempt writes the row again and never resends the email.
   */
  private readonly acceptedNotRecorded = new Map<string, SentRow>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailSender,
    private readonly content: NotificationContentLoader,
    private readonly metrics: NotificationMetrics,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.domain = new URL(config.appUrl).hostname || 'tandem.localhost';
  }

  messageIdOf(notificationId: string): string {
    return `<notification-${notificationId}@${this.domain}>`;
  }

  async send(notificationId: string, attempt: number, maxAttempts: number, now = this.clock.now()): Promise<SendOutcome> {
    const loaded = await this.load(notificationId);
    if (!loaded || loaded.notification.status !== 'QUEUED') {
      this.acceptedNotRecorded.delete(notificationId);
      return 'already-handled';
    }
    const { notification, preference } = loaded;
    const accepted = this.acceptedNotRecorded.get(notification.id);
    if (accepted) return this.recordSent(notification, accepted);
    const transactional = TRANSACTIONAL_KINDS.includes(notification.kind);

    if (!transactional) {
      const optOut = optOutReason(preference, notification);
      if (optOut) return this.skip(notification, optOut);
      const quietUntil = endOfQuietHours(
        now,
        notification.recipientTimeZone,
        preference?.quietHoursStart ?? null,
        preference?.quietHoursEnd ?? null,
      );
      if (quietUntil) {
        // planned_send_at keeps the time it was planned for, so a change of quiet hours can re-time it.
        await this.update(notification.id, {
          status: 'PENDING',
          sendAt: quietUntil,
          plannedSendAt: notification.plannedSendAt ?? notification.sendAt,
          queuedAt: null,
          reason: QUIET_HOURS_DEFERRAL,
        });
        return 'deferred';
      }
    }

    const resolution = await this.content.resolve(notification, now);
    if (!resolution.send) return this.skip(notification, resolution.reason);

    const unsubscribeUrl = transactional
      ? null
      : `${this.config.appUrl}/unsubscribe?token=${signUnsubscribeToken(
          {
            practiceId: notification.practiceId,
            email: notification.recipientEmail,
            kind: notification.kind,
            expiresAt: new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000),
          },
          this.config.jwtSecret,
        )}`;
    const email = renderNotification(resolution.content, {
      practiceName: resolution.practiceName,
      appUrl: this.config.appUrl,
      recipientName: resolution.recipientName,
      recipientTimeZone: notification.recipientTimeZone,
      unsubscribeUrl,
      sentAt: now,
    });
    const messageId = this.messageIdOf(notification.id);
    try {
      await this.mail.send({
        to: notification.recipientEmail,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        ...(resolution.replyTo ? { replyTo: resolution.replyTo } : {}),
        headers: unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
        ...(email.calendar ? { calendarEvent: { method: email.calendar.method, content: email.calendar.content } } : {}),
      });
    } catch (error) {
      return this.failed(notification, MailDeliveryError.from(error), attempt, maxAttempts, transactional);
    }
    const sentAt = new Date();
    // The one-time link is not kept once it has gone out.
    const { sealedUrl: _dropped, ...data } = notification.data;
    return this.recordSent(notification, {
      id: notification.id,
      sentAt,
      messageId,
      attempts: notification.attempts + 1,
      data: JSON.stringify(data),
    });
  }

  /**
   * The job finishes only once its row says SENT (a worker killed before that leaves the job
   * to run again, and the email may go twice, with the same Message-ID). A failed write is
   * retried as a write, with backoff, and then by the job's next attempt, which finds the
   * email in acceptedNotRecorded and does not send it again.
   */
  private async recordSent(notification: Notification, row: SentRow): Promise<'sent'> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.sentRows.run(row);
        break;
      } catch (error) {
        this.acceptedNotRecorded.set(row.id, row);
        this.metrics.sentWriteRetried.inc({ kind: notification.kind });
        this.logger.warn(
          `notification ${row.id} was accepted by the mail server but SENT is not recorded yet (write ${attempt}): retrying the write, not the send`,
        );
        if (attempt >= SENT_WRITE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, SENT_WRITE_FIRST_WAIT_MS * 2 ** (attempt - 1)));
      }
    }
    this.acceptedNotRecorded.delete(row.id);
    this.metrics.sent.inc({ kind: notification.kind });
    this.metrics.lateness.observe({ kind: notification.kind }, Math.max(0, (row.sentAt.getTime() - notification.sendAt.getTime()) / 1000));
    return 'sent';
  }

  /**
   * The notification and its recipient's preference (practice + address, at
   * most one row) in one round trip, hydrated from TypeORM's metadata as
   * findOneBy and getOne would.
   */
  private load(notificationId: string): Promise<Loaded | null> {
    // Not an id at all (a hand-made job): nothing to send, and no batch to spoil with a cast error.
    return isUuid(notificationId) ? this.loads.run(notificationId) : Promise.resolve(null);
  }

  private async loadMany(ids: string[]): Promise<Array<Loaded | null>> {
    const statement = this.loadSql();
    const rows = await preparedQuery(this.dataSource.manager, statement.sql, [ids]);
    const byId = new Map<string, Loaded>();
    for (const row of rows) {
      const notification = statement.notification.hydrate(row)!;
      byId.set(notification.id, { notification, preference: statement.preference.hydrate(row) });
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** What update() would write (updated_at included), for a batch of sent emails in one statement. */
  private async markSent(rows: SentRow[]): Promise<void[]> {
    await preparedQuery(
      this.dataSource.manager,
      `UPDATE notification n
          SET status = 'SENT', sent_at = v.sent_at, message_id = v.message_id, attempts = v.attempts, reason = NULL, data = v.data,
              updated_at = CURRENT_TIMESTAMP
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::jsonb[]) AS v(id, sent_at, message_id, attempts, data)
        WHERE n.id = v.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.sentAt),
        rows.map((r) => r.messageId),
        rows.map((r) => r.attempts),
        rows.map((r) => r.data),
      ],
    );
    return rows.map(() => undefined);
  }

  private loadSql(): NonNullable<NotificationSender['loadStatement']> {
    if (!this.loadStatement) {
      const notification = new RawEntityColumns(this.dataSource, Notification, 'n_');
      const preference = new RawEntityColumns(this.dataSource, EmailPreference, 'p_');
      const sql = `SELECT ${notification.select('n')}, ${preference.select('p')}
         FROM notification n
         LEFT JOIN email_preference p ON p.practice_id = n.practice_id AND lower(p.email) = lower(n.recipient_email)
        WHERE n.id = ANY($1::uuid[])`;
      this.loadStatement = { sql, notification, preference };
    }
    return this.loadStatement;
  }

  private async failed(
    notification: Notification,
    error: MailDeliveryError,
    attempt: number,
    maxAttempts: number,
    transactional: boolean,
  ): Promise<never> {
    const reason = `${error.responseCode ?? error.kind}: ${error.message}`.slice(0, 1000);
    if (error.kind === 'permanent') {
      await this.update(notification.id, { status: 'FAILED', attempts: notification.attempts + 1, reason });
      if (!transactional) await this.suppress(notification, reason);
      this.metrics.failed.inc({ kind: notification.kind });
      throw new PermanentJobError(reason);
    }
    const final = attempt >= maxAttempts;
    await this.update(notification.id, {
      ...(final ? { status: 'FAILED' as const } : {}),
      attempts: notification.attempts + 1,
      ambiguousAttempts: notification.ambiguousAttempts + (error.kind === 'ambiguous' ? 1 : 0),
      reason,
    });
    if (error.kind === 'ambiguous') this.metrics.ambiguous.inc({ kind: notification.kind });
    (final ? this.metrics.failed : this.metrics.retried).inc({ kind: notification.kind });
    // Retried by the queue with backoff; an ambiguous failure is resent with the same Message-ID.
    throw error;
  }

  /** A permanent rejection stops non-transactional mail to the address until it changes or is re-confirmed. */
  private async suppress(notification: Notification, reason: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO email_preference (practice_id, email, suppressed_at, suppression_reason) VALUES ($1, lower($2), now(), $3)
       ON CONFLICT (practice_id, lower(email)) DO UPDATE SET suppressed_at = now(), suppression_reason = $3, updated_at = now()`,
      [notification.practiceId, notification.recipientEmail, reason],
    );
    this.logger.warn(`suppressed ${maskEmail(notification.recipientEmail)} after a permanent rejection`);
  }

  private async skip(notification: Notification, reason: string): Promise<'skipped'> {
    await this.update(notification.id, { status: 'SKIPPED', reason });
    this.metrics.skipped.inc({ kind: notification.kind });
    return 'skipped';
  }

  private async update(id: string, changes: Partial<Notification>): Promise<void> {
    await this.dataSource.manager.update(Notification, { id }, changes);
  }
}

function optOutReason(preference: EmailPreference | null, notification: Notification): string | null {
  if (!preference) return null;
  if (preference.suppressedAt) return 'address suppressed after a permanent rejection';
  if (preference.unsubscribedAt) return 'recipient unsubscribed from all emails';
  if (preference.disabledKinds.includes(notification.kind))
    return `recipient turned off ${notification.kind.toLowerCase().replace(/_/g, ' ')} emails`;
  return null;
}
