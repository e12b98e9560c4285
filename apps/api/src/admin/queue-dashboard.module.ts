import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AppConfig } from '#tandem/config';
import { BullMqJobQueue, JobQueue } from '#tandem/queue';
import { DASHBOARD_PATH, operatorOnly, queueDashboard } from './queue-dashboard.js';

/** Mounts the operator's read-only Bull Board at /admin/queues when ADMIN_TOKEN is set; otherwise the path is a 404. */
@Module({})
export class QueueDashboardModule implements NestModule {
  constructor(
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    if (this.config.adminToken === null) return;
    if (!(this.queue instanceof BullMqJobQueue)) return; // a test's fake queue: nothing to show
    consumer.apply(operatorOnly(this.config.adminToken), queueDashboard(this.queue.bullQueue)).forRoutes(DASHBOARD_PATH);
  }
}
