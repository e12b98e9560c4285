import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JobQueue, RecurringSchedules } from '#tandem/queue';
import { NotificationDispatcher, SEND_NOTIFICATION_JOB, type SendNotificationPayload } from './notification-dispatcher.js';
import { NotificationSender } from './notification-sender.js';
import { PeriodicPlanner } from './periodic-planner.js';

export const DISPATCH_JOB = 'notifications.dispatch';
export const PLAN_PERIODIC_JOB = 'notifications.plan-periodic';
export const DISPATCH_EVERY_MS = 1000;
export const PLAN_PERIODIC_EVERY_MS = 5 * 60 * 1000;
/** Schedules live in the queue's store; if it is flushed they are gone, so each worker re-asserts them this often. */
const SCHEDULE_WATCHDOG_MS = 5000;

/** Registers the email jobs with the queue, and their schedules in processes that run a worker. */
@Injectable()
export class NotificationJobs implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationJobs');
  private schedules?: RecurringSchedules;

  constructor(
    private readonly queue: JobQueue,
    private readonly dispatcher: NotificationDispatcher,
    private readonly sender: NotificationSender,
    private readonly planner: PeriodicPlanner,
  ) {}

  onModuleInit(): void {
    if (!this.queue.runsWorker) return;
    this.queue.process(DISPATCH_JOB, async () => {
      await this.dispatcher.dispatch();
    });
    this.queue.process(PLAN_PERIODIC_JOB, async () => {
      await this.planner.plan();
    });
    this.queue.process<SendNotificationPayload>(SEND_NOTIFICATION_JOB, async (payload, job) => {
      await this.sender.send(payload.notificationId, job.attempt, job.maxAttempts);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.runsWorker) return;
    this.schedules = new RecurringSchedules(
      this.queue,
      [
        { name: DISPATCH_JOB, everyMs: DISPATCH_EVERY_MS },
        { name: PLAN_PERIODIC_JOB, everyMs: PLAN_PERIODIC_EVERY_MS },
      ],
      { watchdogMs: SCHEDULE_WATCHDOG_MS, onError: (error) => this.logger.warn(`could not re-assert job schedules: ${String(error)}`) },
    );
    await this.schedules.assert();
    await this.planner.plan();
    this.schedules.watch();
  }

  onModuleDestroy(): void {
    this.schedules?.stop();
  }
}
