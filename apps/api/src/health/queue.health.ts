import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JobQueue } from '#tandem/queue';

@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly queue: JobQueue,
  ) {}

  check(key: 'queue') {
    return this.health
      .check(key)
      .attempt(async () => {
        await this.queue.ping();
        return { backend: this.queue.backend };
      })
      .withTimeout(2000);
  }
}
