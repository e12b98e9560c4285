import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JobQueue, RecurringSchedules } from '#tandem/queue';
import { DataRetention } from './data-retention.js';

export const PURGE_OLD_DATA_JOB = 'maintenance.purge-old-data';
/** Hourly: a day's worth of old rows is a few batches, and no run has much to do. */
export const PURGE_OLD_DATA_EVERY_MS = 60 * 60 * 1000;
/** Schedules live in the queue's store; if it is flushed they are gone, so each worker re-asserts them. */
const SCHEDULE_WATCHDOG_MS = 60_000;

/** Registers the data retention purge with the queue, in processes that run a worker. */
@Injectable()
export class DataRetentionJobs implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DataRetention');
  private schedules?: RecurringSchedules;

  constructor(
    private readonly queue: JobQueue,
    private readonly retention: DataRetention,
  ) {}

  onModuleInit(): void {
    if (!this.queue.runsWorker) return;
    this.queue.process(PURGE_OLD_DATA_JOB, async () => {
      const purged = await this.retention.purge();
      if (Object.values(purged).some((count) => count > 0)) this.logger.log({ msg: 'deleted data past its retention', ...purged });
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.runsWorker) return;
    this.schedules = new RecurringSchedules(this.queue, [{ name: PURGE_OLD_DATA_JOB, everyMs: PURGE_OLD_DATA_EVERY_MS }], {
      watchdogMs: SCHEDULE_WATCHDOG_MS,
      onError: (error) => this.logger.warn(`could not re-assert the data retention schedule: ${String(error)}`),
    });
    await this.schedules.start();
  }

  onModuleDestroy(): void {
    this.schedules?.stop();
  }
}
