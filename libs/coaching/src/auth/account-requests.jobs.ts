import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JobQueue, RecurringSchedules } from '#tandem/queue';
import { AccountRequests } from './account-requests.js';

export const ANSWER_ACCOUNT_REQUESTS_JOB = 'auth.answer-account-requests';
/** Sign-up and reset emails leave within about a second; a run with nothing waiting is one indexed query. */
export const ANSWER_ACCOUNT_REQUESTS_EVERY_MS = 1000;
const SCHEDULE_WATCHDOG_MS = 60_000;

/** Registers the answering of sign-up and reset requests with the queue, in processes that run a worker. */
@Injectable()
export class AccountRequestJobs implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AccountRequestJobs');
  private schedules?: RecurringSchedules;

  constructor(
    private readonly queue: JobQueue,
    private readonly requests: AccountRequests,
  ) {}

  onModuleInit(): void {
    if (!this.queue.runsWorker) return;
    this.queue.process(ANSWER_ACCOUNT_REQUESTS_JOB, async () => {
      await this.requests.answerPending();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.runsWorker) return;
    this.schedules = new RecurringSchedules(
      this.queue,
      [{ name: ANSWER_ACCOUNT_REQUESTS_JOB, everyMs: ANSWER_ACCOUNT_REQUESTS_EVERY_MS }],
      {
        watchdogMs: SCHEDULE_WATCHDOG_MS,
        onError: (error) => this.logger.warn(`could not re-assert the account request schedule: ${String(error)}`),
      },
    );
    await this.schedules.start();
  }

  onModuleDestroy(): void {
    this.schedules?.stop();
  }
}
