import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker, createPostgresBackend, type IQueueBackend, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { RepeatedErrorLog } from '#tandem/logging';
import { jitteredBackoff } from './backoff.js';
import { JobQueue, PermanentJobError, type EnqueueOptions, type JobProcessor, type JobToEnqueue } from './job-queue.js';
import type { QueueConnection } from './queue-connection.js';

export const QUEUE_NAME = 'tandem';
const BACKOFF_TYPE = 'jittered';

// Either backend's Queue/Worker; the rest of this class does not care which. (`unknown` does not
// do: the types are invariant in the backend's connection options.)
type AnyQueue = Queue<any, any, string, any, any, string, IQueueBackend, any>;
type AnyWorker = Worker<any, any, string, IQueueBackend, any, any>;

export interface BullMqJobQueueOptions {
  connection: QueueConnection;
  /** Whether this process runs a worker that consumes jobs. */
  runWorker: boolean;
  concurrency: number;
  /** How long a running job's lock lasts; a job whose worker died is run again about this long after. Default 30. */
  lockSeconds?: number;
}

function jobOptions(options: EnqueueOptions): JobsOptions {
  const result: JobsOptions = {
    attempts: options.attempts ?? 5,
    backoff: { type: BACKOFF_TYPE },
    // Finished jobs are history, not state (PostgreSQL rows hold that): keep a little for debugging,
    // or nothing when the caller records the outcome itself.
    removeOnComplete: options.discardOnComplete ? true : { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
  };
  if (options.jobId !== undefined) result.jobId = options.jobId;
  if (options.delay !== undefined && options.delay > 0) result.delay = Math.round(options.delay);
  return result;
}

/**
 * JobQueue on BullMQ. The same Queue/Worker classes run on Redis or on BullMQ's
 * PostgreSQL backend; only their construction differs, here.
 */
export class BullMqJobQueue extends JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobQueue');
  /** Redis (or the queue's PostgreSQL) gone: every client reports each reconnect; one line per spell, then summaries. */
  private readonly connectionErrors: RepeatedErrorLog;
  private readonly retryLogs = new Map<string, RepeatedErrorLog>();
  private readonly processors = new Map<string, JobProcessor<unknown>>();
  private readonly queue: AnyQueue;
  private readonly redisClients: Redis[] = [];
  private worker?: AnyWorker;

  constructor(private readonly options: BullMqJobQueueOptions) {
    super();
    this.connectionErrors = new RepeatedErrorLog(this.logger, `${options.connection.backend} unreachable`);
    this.queue = this.createQueue();
    this.queue.on('error', (error) => this.connectionErrors.report(error));
  }

  get backend(): 'redis' | 'postgres' {
    return this.options.connection.backend;
  }

  /** The underlying BullMQ queue, for tools that speak BullMQ (the admin dashboard); jobs go through enqueue(). */
  get bullQueue(): AnyQueue {
    return this.queue;
  }

  async enqueue<TPayload>(name: string, payload: TPayload, options: EnqueueOptions = {}): Promise<void> {
    await this.queue.add(name, payload, jobOptions(options));
  }

  async enqueueMany<TPayload>(name: string, jobs: ReadonlyArray<JobToEnqueue<TPayload>>): Promise<void> {
    if (!jobs.length) return;
    // One statement on PostgreSQL (BullMQ's set-based bulk insert), one pipeline on Redis.
    await this.queue.addBulk(jobs.map((job) => ({ name, data: job.payload, opts: jobOptions(job.options ?? {}) })));
  }

  async requeue<TPayload>(name: string, payload: TPayload, options: EnqueueOptions & { jobId: string }): Promise<void> {
    const existing = await this.queue.getJob(options.jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return;
      await existing.remove().catch(() => undefined);
    }
    await this.enqueue(name, payload, options);
  }

  get runsWorker(): boolean {
    return this.options.runWorker;
  }

  async every(name: string, everyMs: number): Promise<void> {
    // Leave a healthy schedule alone (upserting again could move its next run).
    const existing = await this.queue.getJobScheduler(name);
    if (existing?.every === everyMs && existing.next) return;
    await this.queue.upsertJobScheduler(
      name,
      { every: everyMs },
      { name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 } },
    );
  }

  process<TPayload>(name: string, processor: JobProcessor<TPayload>): void {
    if (this.processors.has(name)) throw new Error(`A processor for job "${name}" is already registered`);
    this.processors.set(name, processor as JobProcessor<unknown>);
  }

  async ping(): Promise<void> {
    await this.queue.getJobCounts('waiting');
  }

  async counts() {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  onApplicationBootstrap(): void {
    if (!this.options.runWorker) return;
    this.worker = this.createWorker((job) => this.run(job));
    this.worker.on('error', (error) => this.connectionErrors.report(error));
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
      if (final) this.logger.error(`job ${job.name} ${job.id} failed for good after attempt ${job.attemptsMade}: ${error.message}`);
      else this.retriesOf(job.name).report(new Error(`job ${job.id} will retry after attempt ${job.attemptsMade}: ${error.message}`));
    });
  }

  /** An outage (SMTP down) fails every job alike: the first retry of a spell in full, then a count per window. */
  private retriesOf(jobName: string): RepeatedErrorLog {
    let log = this.retryLogs.get(jobName);
    if (!log) {
      log = new RepeatedErrorLog(this.logger, `${jobName} jobs failing`, { firstLevel: 'warn' });
      this.retryLogs.set(jobName, log);
    }
    return log;
  }

  override async stopConsuming(): Promise<void> {
    // close() takes no new job and waits for the running ones; called twice, it waits for the same close.
    await this.worker?.close();
  }

  async onModuleDestroy(): Promise<void> {
    // Let running jobs finish, then drop the connections.
    await this.stopConsuming();
    await this.queue.close();
    await Promise.all(this.redisClients.map((client) => client.quit().catch(() => client.disconnect())));
  }

  private async run(job: Job): Promise<void> {
    const processor = this.processors.get(job.name);
    if (!processor) throw new UnrecoverableError(`No processor is registered for job "${job.name}"`);
    try {
      await processor(job.data, {
        id: String(job.id),
        name: job.name,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
      });
    } catch (error) {
      if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  private createQueue(): AnyQueue {
    const connection = this.options.connection;
    const prefix = connection.prefix;
    if (connection.backend === 'postgres') {
      return new Queue(QUEUE_NAME, { prefix, connection: this.postgresConnection(connection) }, createPostgresBackend);
    }
    // Producers fail fast when Redis is away, so a request errors instead of hanging.
    return new Queue(QUEUE_NAME, { prefix, connection: this.redis(connection.url, { maxRetriesPerRequest: 3 }) });
  }

  private createWorker(handler: (job: Job) => Promise<void>): AnyWorker {
    const connection = this.options.connection;
    const common = {
      prefix: connection.prefix,
      concurrency: this.options.concurrency,
      lockDuration: (this.options.lockSeconds ?? 30) * 1000,
      stalledInterval: (this.options.lockSeconds ?? 30) * 1000,
      // Jobs here re-check their own state before acting, so a job whose worker died may run again;
      // BullMQ's default (1) fails it for good on a second death.
      maxStalledCount: 10,
      // After a lost connection (a database or Redis restart), try again soon rather than after 15 s.
      runRetryDelay: 2000,
      settings: { backoffStrategy: (attemptsMade: number) => jitteredBackoff(attemptsMade) },
    };
    if (connection.backend === 'postgres') {
      return new Worker(QUEUE_NAME, handler, { ...common, connection: this.postgresConnection(connection) }, createPostgresBackend);
    }
    // BullMQ requires workers' connections to retry forever.
    return new Worker(QUEUE_NAME, handler, { ...common, connection: this.redis(connection.url, { maxRetriesPerRequest: null }) });
  }

  private postgresConnection(connection: Extract<QueueConnection, { backend: 'postgres' }>) {
    return { connectionString: connection.url, schema: connection.schema, migrate: true, max: 4, application_name: 'tandem-queue' };
  }

  private redis(url: string, options: { maxRetriesPerRequest: number | null }): Redis {
    const client = new Redis(url, { ...options, lazyConnect: false });
    client.on('error', () => undefined); // reported through BullMQ's own error events
    this.redisClients.push(client);
    return client;
  }
}
