import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#tandem/clock';
import { AppConfig } from '#tandem/config';
import { JobQueue } from '#tandem/queue';

export const SEND_NOTIFICATION_JOB = 'notifications.send';
export const SEND_ATTEMPTS = 8;
const BATCH = 1000;

export interface SendNotificationPayload {
  notificationId: string;
}

/** The row holds the outcome: the finished job is not kept. */
const sendJobOptions = (notificationId: string) => ({ jobId: notificationId, attempts: SEND_ATTEMPTS, discardOnComplete: true });

/**
 * Moves due notifications from PostgreSQL to the queue. Claiming flips rows to
 * QUEUED under FOR UPDATE SKIP LOCKED, so two dispatchers never take the same
 * row; the job id is the notification id, so a second enqueue cannot duplicate
 * it. Rows whose job vanished (Redis flushed, a worker killed) are re-queued.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger('NotificationDispatcher');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** One pass: everything due by the clock's now, plus stale QUEUED rows. Returns how many jobs it enqueued. */
  async dispatch(now = this.clock.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.query<[Array<{ id: string }>, number]>(
        `WITH due AS (
           SELECT id FROM notification WHERE status = 'PENDING' AND send_at <= $1
            ORDER BY send_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         UPDATE notification n SET status = 'QUEUED', queued_at = now(), updated_at = now()
           FROM due WHERE n.id = due.id RETURNING n.id`,
        [now],
      );
      const ids = claimed[0].map((row) => row.id);
      await this.enqueue(ids);
      total += ids.length;
      if (ids.length < BATCH) break;
    }
    total += await this.requeueStale();
    return total;
  }

  private async requeueStale(): Promise<number> {
    const stale = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `WITH stale AS (
         SELECT id FROM notification WHERE status = 'QUEUED' AND queued_at < now() - make_interval(secs => $1)
          ORDER BY queued_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       UPDATE notification n SET queued_at = now(), updated_at = now()
         FROM stale WHERE n.id = stale.id RETURNING n.id`,
      // A QUEUED row whose job has not finished by then is queued again (same job id: a no-op if the job still exists).
      [this.config.outboxRequeueSeconds],
    );
    const ids = stale[0].map((row) => row.id);
    if (ids.length) this.logger.warn(`re-queued ${ids.length} notification(s) whose job did not finish`);
    // A job that failed for good (or vanished half-way) under the same id would make a plain add a no-op.
    await Promise.all(
      ids.map((notificationId) =>
        this.queue.requeue<SendNotificationPayload>(SEND_NOTIFICATION_JOB, { notificationId }, sendJobOptions(notificationId)),
      ),
    );
    return ids.length;
  }

  private async enqueue(ids: string[]): Promise<void> {
    // One round trip for the whole batch. A failure here leaves rows QUEUED; the stale check queues them again later.
    await this.queue.enqueueMany<SendNotificationPayload>(
      SEND_NOTIFICATION_JOB,
      ids.map((notificationId) => ({ payload: { notificationId }, options: sendJobOptions(notificationId) })),
    );
  }
}
