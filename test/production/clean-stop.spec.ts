import net from 'node:net';
import pg from 'pg';
import { ProcessLifecycle } from '#tandem/runtime';
import { freePort } from '../support/free-port.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';
import { TestApi } from '../support/test-api.js';
import { waitFor } from '../support/wait-for.js';
import { Cluster, type ProductionProcess } from './support/cluster.js';
import { outboxStatuses, planEmailBurst, sql } from './support/outbox-burst.js';
import { sample, scrape } from './support/prometheus.js';

const METRICS_TOKEN = 'metrics-token-for-clean-stops';
const IN_FLIGHT = 24;
const ROSTER = 30;
const BURST = 200;

const PASSWORD = 'correct horse battery staple';

function signUpOwner(cluster: Cluster): Promise<{ token: string; practiceId: string; userId: string }> {
  return cluster.signUpOwner({ email: `owner-${Date.now()}@drain.test`, practiceName: 'Drain Coaching', password: PASSWORD });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

const logged = (process: ProductionProcess, message: string) => process.logs().some((line) => line.msg === message);

describe('clean stops in the production shape (node dist/…, NODE_ENV=production)', () => {
  it(`SIGTERM to an API with ${IN_FLIGHT} roster queries in flight: no new connection is taken, every request gets a complete 200, exit 0`, async () => {
    const cluster = await Cluster.start({ apis: 1, env: { METRICS_TOKEN, DATABASE_POOL_SIZE: '40' } });
    const blocker = new pg.Client({ connectionString: cluster.database.url });
    try {
      const api = cluster.apis[0];
      const owner = await signUpOwner(cluster);
      await sql(
        cluster.database.url,
        `INSERT INTO client (practice_id, coach_id, name, email, time_zone, status)
         SELECT $1, $2, 'Client ' || g, 'client' || g || '@drain.test', 'UTC', 'ACTIVE' FROM generate_series(1, ${ROSTER}) g`,
        [owner.practiceId, owner.userId],
      );

      // Hold every roster query inside the database until the stop has begun: deterministic "in flight".
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE client IN ACCESS EXCLUSIVE MODE');
      const requests = Array.from({ length: IN_FLIGHT }, () =>
        cluster
          .graphql<{ clients: { edges: unknown[] } }>(
            `query Roster { clients(first: 100) { edges { node { id name email } } } }`,
            {},
            { token: owner.token },
          )
          .then(
            (result) => ({ ok: result.status === 200 && result.body.data?.clients.edges.length === ROSTER, result }),
            (error: unknown) => ({ ok: false, result: String(error) }),
          ),
      );
      await waitFor(
        async () => (sample(await scrape(`${api.url}/metrics`, METRICS_TOKEN), 'tandem_graphql_requests_in_flight') ?? 0) >= IN_FLIGHT,
        {
          what: `${IN_FLIGHT} requests in flight`,
          timeoutMs: 60_000,
        },
      );

      api.signal('SIGTERM');
      await waitFor(() => logged(api, 'shutting down'), { what: 'the API to begin its stop' });
      expect(await refusesConnections(api.port)).toBe(true);
      expect(api.running).toBe(true); // still draining: the held requests have not been answered

      await blocker.query('COMMIT');
      const outcomes = await Promise.all(requests);
      const lost = outcomes.filter((outcome) => !outcome.ok);
      const code = await api.exited;
      console.log(
        `clean stop (API): SIGTERM with ${IN_FLIGHT} requests in flight -> ${IN_FLIGHT - lost.length} complete 200s, ${lost.length} lost; exit code ${code}`,
      );
      expect(lost).toEqual([]);
      expect(code).toBe(0);
      expect(logged(api, 'stopped cleanly')).toBe(true);
    } finally {
      await blocker.end().catch(() => undefined);
      await cluster.stop();
    }
  }, 240_000);

  it(`a worker stopped mid-burst of ${BURST} emails finishes its running sends (exit 0); a second worker sends the rest; no Message-ID arrives twice`, async () => {
    const smtp = await new SmtpReceiver({ delayMs: 25 }).start();
    const cluster = await Cluster.start({ apis: 0, workers: 0, smtp, env: { WORKER_CONCURRENCY: '8', LOG_LEVEL: 'info' } });
    try {
      const { practiceId } = await planEmailBurst(cluster.database.url, BURST);
      const first = await cluster.startWorker();
      await smtp.waitFor(BURST / 5, 120_000);
      const exitCode = await first.stop('SIGTERM');
      const atStop = smtp.messages.length;
      expect(exitCode).toBe(0);
      expect(atStop).toBeLessThan(BURST); // stopped mid-burst

      const second = await cluster.startWorker();
      await waitFor(async () => (await outboxStatuses(cluster.database.url, practiceId)).SENT === BURST, {
        what: 'every email sent',
        timeoutMs: 180_000,
      });
      expect(await second.stop('SIGTERM')).toBe(0);

      const perMessageId = new Map<string, number>();
      for (const message of smtp.messages) {
        const id = message.parsed.messageId ?? '(none)';
        perMessageId.set(id, (perMessageId.get(id) ?? 0) + 1);
      }
      const duplicates = [...perMessageId.values()].reduce((sum, n) => sum + n - 1, 0);
      console.log(
        `clean stop (worker): SIGTERM after ${atStop} of ${BURST} emails, exit code ${exitCode}; after a second worker: ${smtp.messages.length} received, ${perMessageId.size} distinct Message-IDs, ${duplicates} duplicates`,
      );
      expect(duplicates).toBe(0);
      expect(perMessageId.size).toBe(BURST);
      expect(smtp.messages).toHaveLength(BURST);
    } finally {
      await cluster.stop();
      await smtp.stop();
    }
  }, 420_000);

  it('the all-in-one process stops on SIGTERM and SIGINT with exit 0, on external PostgreSQL and Redis and on its embedded PostgreSQL (stopped too)', async () => {
    const cluster = await Cluster.start({ apis: 0, env: { SEED_DEMO: 'false' } });
    try {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        const standalone = await cluster.startStandalone();
        expect(await standalone.stop(signal)).toBe(0);
        expect(logged(standalone, 'stopped cleanly')).toBe(true);
      }
      const embedded = await cluster.startStandalone({
        env: { DATABASE_URL: '', REDIS_URL: '', EMBEDDED_PG_PORT: String(await freePort()) },
        readyTimeoutMs: 120_000,
      });
      expect(embedded.output()).toContain('embedded PostgreSQL');
      expect(await embedded.stop('SIGTERM')).toBe(0);
      expect(logged(embedded, 'stopped cleanly')).toBe(true);
      expect(await refusesConnections(Number(embedded.env.EMBEDDED_PG_PORT))).toBe(true);
    } finally {
      await cluster.stop();
    }
  }, 360_000);
});

describe('readiness during a stop', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 503 from the moment the stop begins (liveness stays 200)', async () => {
    expect((await api.http.get('/health/ready')).status).toBe(200);
    api.app.get(ProcessLifecycle).markStopping();
    const ready = await api.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain('stopping');
    expect((await api.http.get('/health/live')).status).toBe(200);
  });
});
