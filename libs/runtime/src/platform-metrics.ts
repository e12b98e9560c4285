import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '#tandem/config';
import { JobQueue } from '#tandem/queue';
import { TANDEM_VERSION } from './version.js';

const QUEUE_CACHE_MS = 5000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The app whose numbers the gauges below report. */
const current: { source: PlatformMetrics | null } = { source: null };

// Created once per process, however many apps it boots; they read whichever app started last.
if (!register.getSingleMetric('tandem_queue_jobs')) {
  new Gauge({
    name: 'tandem_queue_jobs',
    help: 'Jobs in the queue by state (waiting, active, delayed, failed)',
    labelNames: ['state'],
    async collect() {
      const counts = await current.source?.queueCounts();
      if (!counts) return;
      for (const state of QUEUE_STATES) this.set({ state }, counts[state]);
    },
  });
  new Gauge({
    name: 'tandem_db_pool_connections',
    help: "This process's PostgreSQL pool: connections in use, idle, and requests waiting for one",
    labelNames: ['state'],
    collect() {
      const pool = current.source?.pool();
      if (!pool) return;
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'tandem_build_info',
    help: 'Always 1; the labels say what is running',
    labelNames: ['version', 'node_version', 'commit'],
    collect() {
      const build = current.source?.build();
      if (!build) return;
      this.reset();
      this.set(build, 1);
    },
  });
}

/**
 * What an operator asks first of any process (API or worker): how deep the queue
 * is, whether the database pool is starved, and which build is running.
 */
@Injectable()
export class PlatformMetrics implements OnModuleInit, OnModuleDestroy {
  private cachedCounts: { at: number; value: ReturnType<JobQueue['counts']> } | null = null;

  constructor(
    private readonly queue: JobQueue,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    current.source = this;
  }

  onModuleDestroy(): void {
    if (current.source === this) current.source = null;
  }

  queueCounts(): ReturnType<JobQueue['counts']> {
    if (this.cachedCounts && Date.now() - this.cachedCounts.at < QUEUE_CACHE_MS) return this.cachedCounts.value;
    const value = this.queue.counts();
    this.cachedCounts = { at: Date.now(), value };
    value.catch(() => (this.cachedCounts = null));
    return value;
  }

  /** The pg pool under TypeORM's PostgreSQL driver, when it has been created. */
  pool(): PgPoolCounts | null {
    const master = (this.dataSource.driver as unknown as { master?: PgPoolCounts }).master;
    return master && typeof master.totalCount === 'number' ? master : null;
  }

  build(): { version: string; node_version: string; commit: string } {
    return { version: TANDEM_VERSION, node_version: process.version, commit: this.config.buildCommit ?? 'unknown' };
  }
}
