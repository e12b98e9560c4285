import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { BullMqJobQueue, JobQueue } from '#tandem/queue';
import { AccessTokenService } from '#tandem/coaching';
import { DASHBOARD_PATH, ownerOnly, queueDashboard } from './queue-dashboard.js';

/** Mounts the owners-only Bull Board at /admin/queues (see queue-dashboard.ts). */
@Module({ providers: [AccessTokenService] })
export class QueueDashboardModule implements NestModule {
  constructor(
    private readonly queue: JobQueue,
    private readonly tokens: AccessTokenService,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    if (!(this.queue instanceof BullMqJobQueue)) return; // a test's fake queue: nothing to show
    consumer.apply(ownerOnly(this.tokens), queueDashboard(this.queue.bullQueue)).forRoutes(DASHBOARD_PATH);
  }
}
