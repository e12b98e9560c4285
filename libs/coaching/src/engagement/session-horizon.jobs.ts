import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JobQueue, RecurringSchedules } from '#tandem/queue';
import { SessionHorizon } from './session-horizon.js';

export const PLAN_SESSION_HORIZON_JOB = 'coaching.plan-session-horizon';
/**
 * Hourly: the horizon moves by an hour a run, so an engagement gains its next session about
 * 12 months ahead within the hour that session enters the window; a run over engagements
 * already planned is one indexed query.
 */
export const PLAN_SESSION_HORIZON_EVERY_MS = 60 * 60 * 1000;
/** Schedules live in the queue's store; if it is flushed they are gone, so each worker re-asserts them. */
const SCHEDULE_WATCHDOG_MS = 60_000;

/** Registers the rolling session plan with the queue, in processes that run a worker. */
@Injectable()
export class SessionHorizonJobs implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SessionHorizonJobs');
  private schedules?: RecurringSchedules;

  constructor(
    private readonly queue: JobQueue,
    private readonly horizon: SessionHorizon,
  ) {}

  onModuleInit(): void {
    if (!this.queue.runsWorker) return;
    this.queue.process(PLAN_SESSION_HORIZON_JOB, async () => {
      const created = await this.horizon.topUp();
      if (created) this.logger.log(`planned ${created} session(s) to keep every engagement 12 months ahead`);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.runsWorker) return;
    this.schedules = new RecurringSchedules(this.queue, [{ name: PLAN_SESSION_HORIZON_JOB, everyMs: PLAN_SESSION_HORIZON_EVERY_MS }], {
      watchdogMs: SCHEDULE_WATCHDOG_MS,
      onError: (error) => this.logger.warn(`could not re-assert the session horizon schedule: ${String(error)}`),
    });
    await this.schedules.start();
  }

  onModuleDestroy(): void {
    this.schedules?.stop();
  }
}
