import { BullMqJobQueue, PermanentJobError, queueConnection, type JobContext } from '#tandem/queue';
import { describeWithRedis, testRedisUrl } from './support/redis.js';
import { createTestRuntime, type TestRuntime } from './support/test-runtime.js';
import { waitFor } from './support/wait-for.js';

/** The same cases on both backends: the code that enqueues and processes cannot tell them apart. */
function queueBehaviour(backend: 'postgres' | 'redis') {
  let runtime: TestRuntime;
  let queue: BullMqJobQueue;

  beforeEach(async () => {
    runtime = await createTestRuntime(backend === 'redis' ? { redisUrl: testRedisUrl! } : {});
    queue = new BullMqJobQueue({ connection: queueConnection(runtime.config, runtime.databaseUrl), runWorker: true, concurrency: 4 });
  });

  afterEach(async () => {
    await queue.onModuleDestroy();
    await runtime.dispose();
  });

  it(`uses the ${backend} backend`, () => {
    expect(queue.backend).toBe(backend);
  });

  it('delivers a payload to the registered processor', async () => {
    const seen: Array<{ payload: unknown; job: JobContext }> = [];
    queue.process<{ notificationId: string }>('test.echo', async (payload, job) => {
      seen.push({ payload, job });
    });
    queue.onApplicationBootstrap();
    await queue.enqueue('test.echo', { notificationId: 'n-1' }, { jobId: 'echo-n-1' });

    await waitFor(() => seen.length === 1, { what: 'the job to run' });
    expect(seen[0]).toEqual({
      payload: { notificationId: 'n-1' },
      job: { id: 'echo-n-1', name: 'test.echo', attempt: 1, maxAttempts: 5 },
    });
    await waitFor(async () => (await queue.counts()).completed === 1, { what: 'completion' });
  });

  it('adds a job once per job id while it is pending', async () => {
    await queue.enqueue('test.later', { n: 1 }, { jobId: 'same', delay: 60_000 });
    await queue.enqueue('test.later', { n: 2 }, { jobId: 'same', delay: 60_000 });
    expect(await queue.counts()).toMatchObject({ delayed: 1, waiting: 0 });
  });

  it('holds a delayed job until its time', async () => {
    const ran: number[] = [];
    queue.process('test.delayed', async () => {
      ran.push(Date.now());
    });
    queue.onApplicationBootstrap();
    const enqueuedAt = Date.now();
    await queue.enqueue('test.delayed', {}, { delay: 1500 });
    await waitFor(() => ran.length === 1, { what: 'the delayed job' });
    expect(ran[0] - enqueuedAt).toBeGreaterThanOrEqual(1400);
  });

  it('retries a failing job with backoff and counts the attempts', async () => {
    const attempts: number[] = [];
    queue.process('test.flaky', async (_payload, job) => {
      attempts.push(job.attempt);
      if (job.attempt === 1) throw new Error('temporary failure');
    });
    queue.onApplicationBootstrap();
    await queue.enqueue('test.flaky', {});
    await waitFor(() => attempts.length === 2, { what: 'the retry', timeoutMs: 20_000 });
    expect(attempts).toEqual([1, 2]);
  });

  it('fails a job at once on a permanent error', async () => {
    let runs = 0;
    queue.process('test.doomed', async () => {
      runs += 1;
      throw new PermanentJobError('recipient does not exist');
    });
    queue.onApplicationBootstrap();
    await queue.enqueue('test.doomed', {});
    await waitFor(async () => (await queue.counts()).failed === 1, { what: 'the failure' });
    expect(runs).toBe(1);
  });

  it('fails a job nobody can process instead of retrying it forever', async () => {
    queue.onApplicationBootstrap();
    await queue.enqueue('test.unknown', {});
    await waitFor(async () => (await queue.counts()).failed === 1, { what: 'the failure' });
  });

  it('requeues a job that failed for good under the same id, and leaves a pending one alone', async () => {
    let succeed = false;
    const runs: number[] = [];
    queue.process('test.second-chance', async (_payload, job) => {
      runs.push(job.attempt);
      if (!succeed) throw new PermanentJobError('not yet');
    });
    queue.onApplicationBootstrap();
    await queue.enqueue('test.second-chance', {}, { jobId: 'n-42' });
    await waitFor(async () => (await queue.counts()).failed === 1, { what: 'the failure' });
    await queue.enqueue('test.second-chance', {}, { jobId: 'n-42' }); // a plain add is a no-op now
    succeed = true;
    await queue.requeue('test.second-chance', {}, { jobId: 'n-42' });
    await waitFor(async () => (await queue.counts()).completed === 1, { what: 'the second run' });
    expect(runs).toEqual([1, 1]);

    await queue.enqueue('test.later', {}, { jobId: 'n-43', delay: 60_000 });
    await queue.requeue('test.later', {}, { jobId: 'n-43', delay: 60_000 });
    expect((await queue.counts()).delayed).toBe(1);
  });

  it('refuses a second processor for the same job name', () => {
    queue.process('test.once', async () => undefined);
    expect(() => queue.process('test.once', async () => undefined)).toThrow('already registered');
  });

  it('runs a job on a schedule, once per schedule name however often it is registered', async () => {
    const runs: number[] = [];
    queue.process('test.tick', async () => {
      runs.push(Date.now());
    });
    await queue.every('test.tick', 300);
    await queue.every('test.tick', 300);
    // One schedule means one upcoming run, however often it was registered (no timing involved).
    const pending = await queue.counts();
    expect(pending.delayed + pending.waiting).toBe(1);
    queue.onApplicationBootstrap();
    await waitFor(() => runs.length >= 3, { what: 'three ticks', timeoutMs: 10_000 });
  });

  it('answers the readiness ping', async () => {
    await expect(queue.ping()).resolves.toBeUndefined();
  });
}

describe('job queue on BullMQ PostgreSQL backend', () => queueBehaviour('postgres'));
describeWithRedis('job queue on BullMQ Redis backend', () => queueBehaviour('redis'));
