import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../support/free-port.js';
import { testRedisUrl } from '../../support/redis.js';
import { SmtpReceiver } from '../../support/smtp-receiver.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { waitFor } from '../../support/wait-for.js';
import { openText } from '../../../libs/notifications/src/sealed-text.js';
import { sql } from './outbox-burst.js';

export const API_ENTRY = path.resolve('dist/apps/api/src/main.js');
export const WORKER_ENTRY = path.resolve('dist/apps/worker/src/main.js');
/** `npm start`'s all-in-one process (API and worker), for tests of that shape. */
export const STANDALONE_ENTRY = path.resolve('dist/apps/api/src/standalone.js');

/** A JWT secret for the cluster's processes (production refuses the development one). */
export const CLUSTER_JWT_SECRET = 'production-test-secret-0123456789abcdef';

export type ProcessKind = 'api' | 'worker' | 'standalone';

export interface StartProcessOptions {
  /** Variables added to (or overriding) the cluster's environment for this process alone, e.g. a DATABASE_URL through a proxy. */
  env?: Record<string, string>;
  /** Wait until it is ready (API: GET /health/ready answers 200; worker: "worker started" logged). Default true. */
  waitReady?: boolean;
  readyTimeoutMs?: number;
}

/**
 * One `node dist/...` process of the production shape. `exited` resolves with the exit
 * code (null when a signal killed it); stdout and stderr are kept for assertions.
 */
export class ProductionProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  /** The signal that ended it when it did not exit by itself. */
  exitSignal: NodeJS.Signals | null = null;
  private readonly child: ChildProcess;

  constructor(
    readonly kind: ProcessKind,
    readonly port: number,
    /** The worker's metrics server port (METRICS_PORT); for an API, the HTTP port. */
    readonly metricsPort: number,
    readonly env: Record<string, string>,
  ) {
    const entry = { api: API_ENTRY, worker: WORKER_ENTRY, standalone: STANDALONE_ENTRY }[kind];
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build:fast first`);
    this.child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        this.exitSignal = signal;
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** http://127.0.0.1:<port>: the API's base URL (a worker serves only /metrics, on metricsUrl). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get metricsUrl(): string {
    return `http://127.0.0.1:${this.metricsPort}/metrics`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** stdout then stderr, for failure messages. */
  output(): string {
    return `${this.stdout}${this.stderr}`;
  }

  /** The JSON log lines written so far (lines that are not JSON are skipped). */
  logs(): Array<Record<string, unknown>> {
    return this.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }

  signal(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.running) this.child.kill(signal);
  }

  /** Sends `signal` and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    this.signal(signal);
    return this.exited;
  }

  async waitReady(timeoutMs = 90_000): Promise<void> {
    const what = `${this.kind} ${this.pid} to be ready`;
    try {
      await waitFor(
        async () => {
          if (!this.running) throw new Error('exited');
          if (this.kind === 'worker') return this.logs().some((line) => line.msg === 'worker started');
          const response = await fetch(`${this.url}/health/ready`);
          return response.status === 200;
        },
        { timeoutMs, what },
      );
    } catch (error) {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- output of ${this.kind} ${this.pid}:\n${this.output()}`,
        { cause: error },
      );
    }
  }
}

export interface ClusterOptions {
  apis?: number;
  workers?: number;
  /** Redis (default when the test machine has one) or the queue on PostgreSQL. */
  queue?: 'redis' | 'postgres';
  /** Variables for every process of the cluster. */
  env?: Record<string, string>;
  /** A database to use instead of a fresh clone of the migrated template (not dropped by stop()). */
  database?: TestDatabase;
  /** An SMTP receiver to use instead of a fresh one (not stopped by stop()). */
  smtp?: SmtpReceiver;
}

/**
 * N API processes and M workers from dist/, NODE_ENV=production, on a cloned migrated
 * database, Redis under a unique QUEUE_PREFIX and a test SMTP receiver. More processes
 * can be started later (startApi/startWorker), e.g. a worker that finishes a stopped one's work.
 */
export class Cluster {
  readonly apis: ProductionProcess[] = [];
  readonly workers: ProductionProcess[] = [];
  readonly queuePrefix = `prod_${randomBytes(4).toString('hex')}`;

  private constructor(
    readonly database: TestDatabase,
    readonly smtp: SmtpReceiver,
    readonly dataDir: string,
    private readonly baseEnv: Record<string, string>,
    private readonly owns: { database: boolean; smtp: boolean },
  ) {}

  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const queue = options.queue ?? (testRedisUrl ? 'redis' : 'postgres');
    if (queue === 'redis' && !testRedisUrl) throw new Error('the cluster was asked for Redis but the test machine has none');
    const database = options.database ?? (await createTestDatabase());
    const smtp = options.smtp ?? (await new SmtpReceiver().start());
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-prod-'));
    // An embedded PostgreSQL under it runs as the postgres user when the tests run as root.
    await fs.chmod(dataDir, 0o755);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      JWT_SECRET: CLUSTER_JWT_SECRET,
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      DATA_DIR: dataDir,
      APP_URL: 'https://tandem.test',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...(queue === 'redis' ? { REDIS_URL: testRedisUrl! } : {}),
      ...options.env,
    };
    const cluster = new Cluster(database, smtp, dataDir, env, { database: !options.database, smtp: !options.smtp });
    env.QUEUE_PREFIX = options.env?.QUEUE_PREFIX ?? cluster.queuePrefix;
    try {
      await Promise.all([
        ...Array.from({ length: options.apis ?? 1 }, () => cluster.startApi()),
        ...Array.from({ length: options.workers ?? 0 }, () => cluster.startWorker()),
      ]);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** The environment every process gets (before per-process overrides). */
  get env(): Readonly<Record<string, string>> {
    return this.baseEnv;
  }

  /** The first API's base URL. */
  get url(): string {
    const api = this.apis[0];
    if (!api) throw new Error('the cluster has no API process');
    return api.url;
  }

  async startApi(options: StartProcessOptions = {}): Promise<ProductionProcess> {
    const port = await freePort();
    const api = new ProductionProcess('api', port, port, { ...this.baseEnv, HOST: '127.0.0.1', PORT: String(port), ...options.env });
    this.apis.push(api);
    if (options.waitReady !== false) await api.waitReady(options.readyTimeoutMs);
    return api;
  }

  /** The all-in-one process on the cluster's services (it migrates at start; the database is migrated already). */
  async startStandalone(options: StartProcessOptions = {}): Promise<ProductionProcess> {
    const port = await freePort();
    const standalone = new ProductionProcess('standalone', port, port, {
      ...this.baseEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...options.env,
    });
    this.apis.push(standalone);
    if (options.waitReady !== false) await standalone.waitReady(options.readyTimeoutMs);
    return standalone;
  }

  async startWorker(options: StartProcessOptions = {}): Promise<ProductionProcess> {
    const metricsPort = await freePort();
    const worker = new ProductionProcess('worker', metricsPort, metricsPort, {
      ...this.baseEnv,
      HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
      ...options.env,
    });
    this.workers.push(worker);
    if (options.waitReady !== false) await worker.waitReady(options.readyTimeoutMs);
    return worker;
  }

  /** POSTs a GraphQL operation to an API process (the first by default). */
  async graphql<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { api?: ProductionProcess; token?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }> {
    const base = options.api?.url ?? this.url;
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  /**
   * A practice's owner, signed up the way a coach does: signUp on an API, the worker's
   * confirmation email (a worker is started if none runs), then confirmSignUp with its link.
   */
  async signUpOwner(
    input: { email: string; practiceName?: string; name?: string; password?: string; timeZone?: string },
    options: { api?: ProductionProcess } = {},
  ): Promise<{ token: string; userId: string; practiceId: string }> {
    const signUp = await this.graphql(
      `mutation($input: SignUpInput!) { signUp(input: $input) }`,
      {
        input: {
          practiceName: input.practiceName ?? 'Production Coaching',
          name: input.name ?? 'Olive Owner',
          email: input.email,
          password: input.password ?? 'correct horse battery staple',
          timeZone: input.timeZone ?? 'Europe/London',
        },
      },
      options,
    );
    if (!signUp.body.data) throw new Error(`sign-up failed: ${JSON.stringify(signUp.body.errors)}`);
    if (!this.workers.some((worker) => worker.running)) await this.startWorker();
    const sealedUrl = await waitFor(
      async () => {
        const [row] = await sql<{ data: { sealedUrl: string } }>(
          this.database.url,
          `SELECT data FROM notification WHERE kind = 'SIGN_UP' AND recipient_email = lower($1) ORDER BY created_at DESC LIMIT 1`,
          [input.email],
        );
        return row?.data.sealedUrl;
      },
      { what: `the sign-up email to ${input.email}`, timeoutMs: 30_000 },
    );
    const link = openText(sealedUrl, CLUSTER_JWT_SECRET);
    if (!link) throw new Error('the sign-up link could not be opened');
    const confirmed = await this.graphql(
      `mutation($token: String!) { confirmSignUp(token: $token) { accessToken user { id } } }`,
      { token: new URL(link).searchParams.get('token') },
      options,
    );
    if (!confirmed.body.data) throw new Error(`confirmSignUp failed: ${JSON.stringify(confirmed.body.errors)}`);
    const userId = confirmed.body.data.confirmSignUp.user.id as string;
    const [user] = await sql<{ practice_id: string }>(this.database.url, 'SELECT practice_id FROM app_user WHERE id = $1', [userId]);
    return { token: confirmed.body.data.confirmSignUp.accessToken as string, userId, practiceId: user.practice_id };
  }

  /** Kills what is still running (SIGKILL), then removes the queue keys, the data dir and what the cluster created. */
  async stop(): Promise<void> {
    const all = [...this.apis, ...this.workers];
    await Promise.all(all.map((child) => (child.running ? child.stop('SIGKILL') : child.exited)));
    if (this.baseEnv.REDIS_URL) await deleteQueueKeys(this.baseEnv.REDIS_URL, this.baseEnv.QUEUE_PREFIX);
    await fs.rm(this.dataDir, { recursive: true, force: true });
    if (this.owns.smtp) await this.smtp.stop();
    if (this.owns.database) await this.database.drop();
  }
}

async function deleteQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Left-over keys under a random prefix harm no other test.
  } finally {
    redis.disconnect();
  }
}
