import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#tandem/clock';
import { AuthRetention, RETENTION_BATCH, type AuthPurge } from '#tandem/coaching';
import { AppConfig } from '#tandem/config';

export interface RetentionPurge extends AuthPurge {
  notifications: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes what Tandem keeps only for a while, RETENTION_DAYS after it stopped mattering:
 * the sign-in records (AuthRetention) and emails that are finished (sent, skipped or
 * cancelled) and unchanged since. Pending, queued and failed emails stay whatever their age.
 * A finished email's idempotency key goes with it; nothing plans an email for a moment that
 * far in the past, so none is planned again.
 */
@Injectable()
export class DataRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthRetention,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  cutoff(now = this.clock.now()): Date {
    return new Date(now.getTime() - this.config.retentionDays * DAY_MS);
  }

  async purge(now = this.clock.now()): Promise<RetentionPurge> {
    const cutoff = this.cutoff(now);
    const auth = await this.auth.purge(cutoff);
    return { ...auth, notifications: await this.purgeNotifications(cutoff) };
  }

  private async purgeNotifications(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      // Each batch is one statement (its own transaction); SKIP LOCKED lets several workers share the work.
      const [{ deleted }] = await this.dataSource.query<[{ deleted: number }]>(
        `WITH old AS (
           SELECT id FROM notification WHERE status IN ('SENT', 'SKIPPED', 'CANCELLED') AND updated_at < $1
            LIMIT ${RETENTION_BATCH} FOR UPDATE SKIP LOCKED),
              gone AS (DELETE FROM notification n USING old WHERE n.id = old.id RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [cutoff],
      );
      total += deleted;
      if (deleted < RETENTION_BATCH) return total;
    }
  }
}
