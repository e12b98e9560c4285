import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JobQueue } from '#tandem/queue';

const PING_TIMEOUT_MS = 2000;

/**
 * The job queue, reported and never fatal: the API answers every request without Redis
 * (jobs wait in the outbox and are queued again once it is back), so a Redis outage
 * shows as `redis: degraded` on a ready API rather than taking it out of rotation.
 */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly queue: JobQueue,
  ) {}

  async check(key: 'queue') {
    const backend = this.queue.backend;
    const reachable = await Promise.race([
      this.queue.ping().then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref()),
    ]);
    return this.health.check(key).up({ backend, [backend]: reachable ? 'ok' : 'degraded' });
  }
}
