import { SmtpReceiver } from '../support/smtp-receiver.js';
import { waitFor } from '../support/wait-for.js';
import { Cluster, type ProductionProcess } from './support/cluster.js';
import { outboxStatuses, planEmailBurst, sql } from './support/outbox-burst.js';
import { sample, scrape } from './support/prometheus.js';
import { TcpProxy } from './support/tcp-proxy.js';

const PASSWORD = 'correct horse battery staple';
const UNAVAILABLE = 'The service is temporarily unavailable; try again shortly.';
/** Short limits, so a cut database shows within seconds (production defaults: 5 s, 15 s, 30 s). */
const SHORT_TIMEOUTS = {
  DATABASE_CONNECT_TIMEOUT_MS: '1500',
  DATABASE_STATEMENT_TIMEOUT_MS: '2000',
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3000',
};

const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`;
const ROSTER = `query Roster { clients(first: 5) { edges { cursor } } }`;

async function signUp(cluster: Cluster, api: ProductionProcess, email: string): Promise<string> {
  return (await cluster.signUpOwner({ email, practiceName: 'Fault Coaching', name: 'Fay Owner', password: PASSWORD }, { api })).token;
}

const status = async (api: ProductionProcess, path: string) => (await fetch(`${api.url}${path}`)).status;

describe('database faults in the production shape (node dist/…, NODE_ENV=production)', () => {
  it('50 concurrent log-ins against a pool of 5 connections all answer, and the API is ready afterwards', async () => {
    // A generous connect timeout: the point is that no log-in waits forever (the old code held 5 connections
    // each waiting for a sixth), not how fast 50 argon2 hashes go on a shared test machine.
    const cluster = await Cluster.start({ apis: 1, env: { DATABASE_POOL_SIZE: '5', DATABASE_CONNECT_TIMEOUT_MS: '30000' } });
    try {
      const api = cluster.apis[0];
      // Three accounts (the per-address log-in limit is 30 per 15 minutes).
      const emails = [1, 2, 3].map((n) => `owner-${n}-${Date.now()}@pool.test`);
      for (const email of emails) await signUp(cluster, api, email);
      // 45 right passwords and 5 unknown addresses: a failed log-in is recorded after its transaction ends.
      const attempts = Array.from({ length: 50 }, (_, i) =>
        i % 10 === 9 ? { email: `nobody-${i}@pool.test`, password: 'wrong password' } : { email: emails[i % 3], password: PASSWORD },
      );
      const answers = await Promise.all(attempts.map((input) => cluster.graphql(LOG_IN, { input }, { api })));

      const tokens = answers.filter((answer) => answer.body.data?.logIn.accessToken);
      const refused = answers.filter((answer) => answer.body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED');
      const codes = answers.map((answer) => answer.body.errors?.[0]?.extensions?.code ?? 'OK');
      expect({ tokens: tokens.length, refused: refused.length, codes: [...new Set(codes)].sort() }).toEqual({
        tokens: 45,
        refused: 5,
        codes: ['OK', 'UNAUTHENTICATED'],
      });
      const [recorded] = await sql<{ failed: number; succeeded: number }>(
        cluster.database.url,
        `SELECT count(*) FILTER (WHERE NOT succeeded)::int AS failed, count(*) FILTER (WHERE succeeded)::int AS succeeded FROM login_attempt`,
      );
      expect(recorded).toEqual({ failed: 5, succeeded: 45 });
      expect(await status(api, '/health/ready')).toBe(200);
      expect(await status(api, '/health/live')).toBe(200);
    } finally {
      await cluster.stop();
    }
  }, 180_000);

  it('a database that stops answering turns requests into SERVICE_UNAVAILABLE and readiness 503; the API recovers by itself', async () => {
    const cluster = await Cluster.start({ apis: 0 });
    const proxy = await TcpProxy.forUrl(cluster.database.url).start();
    try {
      const api = await cluster.startApi({ env: { DATABASE_URL: proxy.urlThrough(cluster.database.url), ...SHORT_TIMEOUTS } });
      const token = await signUp(cluster, api, `owner-${Date.now()}@cut.test`);
      expect((await cluster.graphql(ROSTER, {}, { api, token })).body.data?.clients.edges).toEqual([]);

      proxy.cut();
      const cutAt = Date.now();
      const during = await Promise.all([
        cluster.graphql(ROSTER, {}, { api, token }),
        cluster.graphql(ROSTER, {}, { api, token }),
        cluster.graphql(LOG_IN, { input: { email: 'someone@cut.test', password: PASSWORD } }, { api }),
      ]);
      const answeredAfterMs = Date.now() - cutAt;
      for (const answer of during) {
        expect(answer.body.errors).toEqual([
          expect.objectContaining({ message: UNAVAILABLE, extensions: { code: 'SERVICE_UNAVAILABLE' } }),
        ]);
      }
      const ready = await fetch(`${api.url}/health/ready`);
      expect(ready.status).toBe(503);
      const readyBody = JSON.stringify(await ready.json());
      expect(readyBody).toContain('PostgreSQL does not answer');
      expect(readyBody).not.toMatch(/timeout exceeded|Connection terminated|ECONN|Query read/);
      // A database that does not answer is readiness's business; the process itself can still serve.
      expect(await status(api, '/health/live')).toBe(200);

      proxy.restore();
      const restoredAt = Date.now();
      await waitFor(async () => (await cluster.graphql(ROSTER, {}, { api, token })).body.data?.clients !== undefined, {
        timeoutMs: 30_000,
        what: 'a roster query to succeed again',
      });
      await waitFor(async () => (await status(api, '/health/ready')) === 200, { timeoutMs: 30_000, what: 'readiness to come back' });
      const recoveredAfterS = (Date.now() - restoredAt) / 1000;
      console.log(
        `database cut: requests answered SERVICE_UNAVAILABLE after ${answeredAfterMs} ms (connect 1.5 s, statement 2 s limits); recovered ${recoveredAfterS.toFixed(2)} s after the network came back`,
      );
      expect(api.running).toBe(true);
    } finally {
      await proxy.stop();
      await cluster.stop();
    }
  }, 180_000);

  it('a database cut between the SMTP accept and the SENT write: no email goes twice, and the retried write is counted', async () => {
    let proxy: TcpProxy | undefined;
    let cutDone = false;
    const smtp = await new SmtpReceiver({
      beforeAccept: () => {
        if (cutDone) return;
        cutDone = true;
        proxy!.cut();
      },
    }).start();
    const cluster = await Cluster.start({ apis: 0, smtp });
    proxy = await TcpProxy.forUrl(cluster.database.url).start();
    try {
      const worker = await cluster.startWorker({ env: { DATABASE_URL: proxy.urlThrough(cluster.database.url), ...SHORT_TIMEOUTS } });
      const EMAILS = 3;
      const { practiceId } = await planEmailBurst(cluster.database.url, EMAILS);

      await waitFor(() => worker.logs().some((line) => String(line.msg).includes('SENT is not recorded yet')), {
        timeoutMs: 60_000,
        what: 'a failed SENT write',
      });
      proxy.restore();
      await waitFor(async () => (await outboxStatuses(cluster.database.url, practiceId)).SENT === EMAILS, {
        timeoutMs: 90_000,
        what: 'every email to be SENT',
      });

      const messageIds = smtp.messages.map((message) => message.parsed.messageId);
      expect(messageIds).toHaveLength(EMAILS);
      expect(new Set(messageIds).size).toBe(EMAILS);
      const rows = await sql<{ attempts: number }>(cluster.database.url, `SELECT attempts FROM notification WHERE practice_id = $1`, [
        practiceId,
      ]);
      expect(rows.map((row) => row.attempts)).toEqual(Array(EMAILS).fill(1));
      const metrics = await scrape(worker.metricsUrl);
      expect(sample(metrics, 'tandem_notifications_sent_write_retries_total', { kind: 'SESSION_SUMMARY' })).toBeGreaterThanOrEqual(1);
      expect(sample(metrics, 'tandem_notifications_sent_total', { kind: 'SESSION_SUMMARY' })).toBe(EMAILS);
    } finally {
      await proxy.stop();
      await cluster.stop();
      await smtp.stop();
    }
  }, 180_000);
});
