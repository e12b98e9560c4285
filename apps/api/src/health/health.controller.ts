import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ProcessLifecycle } from '#tandem/runtime';
import { DatabaseHealthIndicator } from './database.health.js';
import { LivenessHealthIndicator } from './liveness.health.js';
import { QueueHealthIndicator } from './queue.health.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly liveness: LivenessHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    private readonly lifecycle: ProcessLifecycle,
  ) {}

  /** The process can still serve: its database pool is not wedged and its event loop keeps up. Says nothing of whether the database is up. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.liveness.check('serving')]);
  }

  /** Ready for traffic: PostgreSQL answers with every migration applied; the job queue is reported (degraded is still ready). */
  @Get('ready')
  @HealthCheck()
  ready() {
    const stopping = this.lifecycle.stopping ? [() => this.stopping()] : [];
    return this.health.check([...stopping, () => this.database.check('database'), () => this.queue.check('queue')]);
  }

  /** Down from the moment a clean stop begins, so no new traffic arrives while requests drain. */
  private stopping(): HealthIndicatorResult {
    return { process: { status: 'down', message: 'stopping' } };
  }
}
