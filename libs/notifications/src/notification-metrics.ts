import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram, register } from 'prom-client';
import { DataSource } from 'typeorm';

function counter(name: string, help: string, labelNames: string[]) {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Prometheus counters of the email pipeline, in the process's default registry (served at /metrics). */
@Injectable()
export class NotificationMetrics {
  readonly sent = counter('tandem_notifications_sent_total', 'Emails accepted by the mail transport', ['kind']);
  readonly failed = counter('tandem_notifications_failed_total', 'Emails that failed for good', ['kind']);
  readonly retried = counter('tandem_notifications_retried_total', 'Send attempts that will be retried', ['kind']);
  readonly skipped = counter('tandem_notifications_skipped_total', 'Emails that no longer applied at send time', ['kind']);
  readonly ambiguous = counter('tandem_notifications_ambiguous_total', 'Sends that failed after the body went out (may have arrived)', [
    'kind',
  ]);
  readonly sentWriteRetried = counter(
    'tandem_notifications_sent_write_retries_total',
    'Writes of SENT that failed after the mail transport accepted the email (retried as writes, never resent)',
    ['kind'],
  );
  readonly lateness =
    (register.getSingleMetric('tandem_notification_lateness_seconds') as Histogram<string> | undefined) ??
    new Histogram({
      name: 'tandem_notification_lateness_seconds',
      help: 'Time from an email’s planned send time to its acceptance by the mail transport',
      labelNames: ['kind'],
      buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
    });
}

/** How far behind the outbox is, read at scrape time, at most once per BACKLOG_CACHE_MS. */
interface OutboxBacklog {
  pending: number;
  queued: number;
  oldestDueAgeSeconds: number;
}

const BACKLOG_CACHE_MS = 5000;
/** The app whose outbox the gauges report. */
const current: { backlogSource: OutboxMetrics | null } = { backlogSource: null };

// Created once per process, however many apps it boots; they read whichever app started last.
if (!register.getSingleMetric('tandem_outbox_backlog')) {
  new Gauge({
    name: 'tandem_outbox_backlog',
    help: 'Emails not yet sent: PENDING (planned, due or not) and QUEUED (handed to the queue)',
    labelNames: ['status'],
    async collect() {
      const backlog = await current.backlogSource?.backlog();
      if (!backlog) return;
      this.set({ status: 'PENDING' }, backlog.pending);
      this.set({ status: 'QUEUED' }, backlog.queued);
    },
  });
  new Gauge({
    name: 'tandem_outbox_oldest_due_age_seconds',
    help: 'How long the oldest due PENDING email has been due (0 when none is)',
    async collect() {
      const backlog = await current.backlogSource?.backlog();
      if (backlog) this.set(backlog.oldestDueAgeSeconds);
    },
  });
}

/**
 * Serves the outbox gauges for this process (the latest app started in it).
 * The counts use notification_due_idx and notification_queued_idx, which hold
 * only unsent rows: the query costs what the backlog is, not the history.
 */
@Injectable()
export class OutboxMetrics implements OnModuleInit, OnModuleDestroy {
  private cached: { at: number; value: Promise<OutboxBacklog> } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    current.backlogSource = this;
  }

  onModuleDestroy(): void {
    if (current.backlogSource === this) current.backlogSource = null;
  }

  backlog(): Promise<OutboxBacklog> {
    if (this.cached && Date.now() - this.cached.at < BACKLOG_CACHE_MS) return this.cached.value;
    const value = this.read();
    this.cached = { at: Date.now(), value };
    value.catch(() => (this.cached = null));
    return value;
  }

  private async read(): Promise<OutboxBacklog> {
    const [row] = await this.dataSource.query<Array<{ pending: number; queued: number; oldest: number }>>(
      `SELECT (SELECT count(*) FROM notification WHERE status = 'PENDING')::int AS pending,
              (SELECT count(*) FROM notification WHERE status = 'QUEUED')::int AS queued,
              COALESCE(EXTRACT(EPOCH FROM now() - (SELECT min(send_at) FROM notification WHERE status = 'PENDING' AND send_at <= now())), 0)::float8 AS oldest`,
    );
    return { pending: row.pending, queued: row.queued, oldestDueAgeSeconds: Math.max(0, row.oldest) };
  }
}
