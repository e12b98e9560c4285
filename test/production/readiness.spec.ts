import { freePort } from '../support/free-port.js';
import { createTestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';
import { Cluster } from './support/cluster.js';

describe('readiness in the production shape', () => {
  it('is 503 on a database with migrations not applied, naming how many, with no driver text', async () => {
    const empty = await createTestDatabase({ migrated: false });
    const cluster = await Cluster.start({ apis: 0, database: empty });
    try {
      const api = await cluster.startApi({ waitReady: false });
      const ready = await waitFor(
        async () => {
          const response = await fetch(`${api.url}/health/ready`);
          return response.status === 503 ? ((await response.json()) as Record<string, any>) : undefined;
        },
        { timeoutMs: 60_000, what: 'readiness to answer' },
      );
      expect(ready.error.database).toEqual({
        status: 'down',
        message: expect.stringMatching(/^\d+ migration\(s\) not applied$/),
        pending: expect.arrayContaining([expect.any(String)]),
      });
      expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    } finally {
      await cluster.stop();
      await empty.drop();
    }
  }, 120_000);

  it('stays 200 with Redis unreachable, reporting the queue as degraded', async () => {
    const closedPort = await freePort();
    const cluster = await Cluster.start({ apis: 0 });
    try {
      const api = await cluster.startApi({ env: { REDIS_URL: `redis://127.0.0.1:${closedPort}` } });
      const response = await fetch(`${api.url}/health/ready`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, any>;
      expect(body.info.database).toEqual({ status: 'up' });
      expect(body.info.queue).toEqual({ status: 'up', backend: 'redis', redis: 'degraded' });
      // The API still serves: a sign-up (a row the worker answers, no job enqueued) goes through.
      const { body: signUp } = await cluster.graphql(
        `mutation($input: SignUpInput!) { signUp(input: $input) }`,
        {
          input: {
            practiceName: 'No Redis Coaching',
            name: 'Nora',
            email: `nora-${Date.now()}@redis.test`,
            password: 'correct horse battery staple',
            timeZone: 'UTC',
          },
        },
        { api },
      );
      expect(signUp.errors).toBeUndefined();
      // Every Redis client reports every reconnect; the log says it once per spell (then a summary each 30 s).
      const errors = api.logs().filter((line) => Number(line.level) >= 50);
      expect(errors.map((line) => line.msg)).toEqual(['redis unreachable: connect ECONNREFUSED 127.0.0.1:' + closedPort]);
    } finally {
      await cluster.stop();
    }
  }, 120_000);
});
