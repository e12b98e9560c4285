import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { AppConfig } from '#tandem/config';
import { PoolActivity } from '#tandem/database';
import { EventLoopLag, livenessProblem } from './liveness.js';

/** Liveness: fails when the process can no longer serve, so the orchestrator restarts it. */
@Injectable()
export class LivenessHealthIndicator implements OnModuleInit, OnModuleDestroy {
  private readonly lag = new EventLoopLag();

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly poolActivity: PoolActivity,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.lag.start();
  }

  onModuleDestroy(): void {
    this.lag.stop();
  }

  check(key: 'serving') {
    const pool = (this.dataSource.driver as unknown as { master?: { waitingCount?: number } }).master;
    const problem = livenessProblem(
      { poolWaiting: pool?.waitingCount ?? 0, poolQuietForMs: this.poolActivity.quietForMs(), sustainedLagMs: this.lag.sustainedLagMs() },
      { poolStallMs: this.config.liveness.poolStallSeconds * 1000, eventLoopLagMs: this.config.liveness.eventLoopLagMs },
    );
    const indicator = this.health.check(key);
    return problem ? indicator.down({ message: problem }) : indicator.up();
  }
}
