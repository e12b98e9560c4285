export interface EnqueueOptions {
  /** Deduplicates: a job with this id that is still waiting, delayed or running is not added again. */
  jobId?: string;
  /** Milliseconds to wait before the job may run. */
  delay?: number;
  /** Runs allowed before the job fails for good (default 5). */
  attempts?: number;
  /**
   * Drop the job from the queue's store as soon as it completes, instead of
   * keeping the last ones as history. For jobs whose outcome is recorded
   * elsewhere (a notification row): keeping a bounded history costs the
   * PostgreSQL backend a scan of that history on every completion.
   */
  discardOnComplete?: boolean;
}

/** One job of an enqueueMany() call. */
export interface JobToEnqueue<TPayload> {
  payload: TPayload;
  options?: EnqueueOptions;
}

export interface JobContext {
  id: string;
  name: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  maxAttempts: number;
}

export type JobProcessor<TPayload = unknown> = (payload: TPayload, job: JobContext) => Promise<void>;

/**
 * Thrown by a processor when retrying cannot help (bad payload, permanent
 * rejection): the job fails at once instead of using up its attempts.
 */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/**
 * The only queue API the rest of Tandem sees. Payloads are small JSON (ids, not
 * records): the processor reloads what it needs and checks it still applies.
 */
export abstract class JobQueue {
  abstract readonly backend: 'redis' | 'postgres';
  abstract enqueue<TPayload>(name: string, payload: TPayload, options?: EnqueueOptions): Promise<void>;
  /**
   * Enqueues many jobs of one name in one round trip (each with enqueue()'s
   * semantics: a job id still present is left alone). All or none are added.
   */
  abstract enqueueMany<TPayload>(name: string, jobs: ReadonlyArray<JobToEnqueue<TPayload>>): Promise<void>;
  /**
   * Enqueues again under the same job id: a job still waiting, delayed or running
   * is left alone; one that can no longer run (failed for good, completed, or
   * half-gone after a store failure) is replaced.
   */
  abstract requeue<TPayload>(name: string, payload: TPayload, options: EnqueueOptions & { jobId: string }): Promise<void>;
  /** Registers the processor for a job name; only processes that run a worker call it. */
  abstract process<TPayload>(name: string, processor: JobProcessor<TPayload>): void;
  /** Runs job `name` every `everyMs`; one schedule per name however many processes ask. */
  abstract every(name: string, everyMs: number): Promise<void>;
  /** Whether this process consumes jobs. */
  abstract readonly runsWorker: boolean;
  /** Throws when the queue's store cannot be reached (used by the readiness check). */
  abstract ping(): Promise<void>;
  /** Counts of jobs by state; used by health output, tests and the drill. */
  abstract counts(): Promise<Record<'waiting' | 'active' | 'delayed' | 'completed' | 'failed', number>>;
  /**
   * Takes no new jobs and resolves once the running ones have finished (a clean
   * stop); enqueueing still works. Nothing to do in a process that runs no worker.
   */
  async stopConsuming(): Promise<void> {}
}
