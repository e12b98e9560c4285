import type { JobQueue } from './job-queue.js';

export interface RecurringSchedule {
  name: string;
  everyMs: number;
}

export interface RecurringSchedulesOptions {
  /** How often the schedules are asserted again. */
  watchdogMs: number;
  /** Called when asserting them again fails (the watchdog keeps running). */
  onError: (error: unknown) => void;
}

/**
 * Recurring jobs whose schedules live in the queue's store: if the store is flushed they are
 * gone, so a process that runs a worker asserts them at start and then re-asserts them on a
 * watchdog timer (unref'd: it never keeps the process alive) until stop().
 */
export class RecurringSchedules {
  private watchdog?: NodeJS.Timeout;

  constructor(
    private readonly queue: JobQueue,
    private readonly schedules: readonly RecurringSchedule[],
    private readonly options: RecurringSchedulesOptions,
  ) {}

  /** Asserts every schedule once, in order. */
  async assert(): Promise<void> {
    for (const { name, everyMs } of this.schedules) await this.queue.every(name, everyMs);
  }

  /** Starts re-asserting the schedules every `watchdogMs`. */
  watch(): void {
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      this.assert().catch(this.options.onError);
    }, this.options.watchdogMs);
    this.watchdog.unref();
  }

  /** Asserts the schedules, then watches them. */
  async start(): Promise<void> {
    await this.assert();
    this.watch();
  }

  stop(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }
}
