import { Injectable } from '@nestjs/common';
import { Counter, Histogram, register } from 'prom-client';

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
  readonly ambiguous = counter('tandem_notifications_ambiguous_total', 'Sends that failed after the body went out (may have arrived)', ['kind']);
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
