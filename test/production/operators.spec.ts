import { spawn } from 'node:child_process';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { DEMO_OWNER_EMAIL, DEMO_PASSWORD } from '#tandem/demo';
import { Cluster, CLUSTER_JWT_SECRET } from './support/cluster.js';
import { sql } from './support/outbox-burst.js';

const ADMIN_TOKEN = 'operator-token-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
const SEED = path.resolve('dist/apps/api/src/cli/seed.js');

const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`operator:${password}`).toString('base64')}` });

async function signUp(cluster: Cluster, email: string): Promise<string> {
  return (await cluster.signUpOwner({ email, practiceName: 'Operators Coaching', password: PASSWORD })).token;
}

function runSeed(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SEED, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('operators, not tenants, run the platform (production shape)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    // Two replicas sharing one database and Redis. The first has the operator credential and trusts
    // only 10.0.0.0/8 as proxies (so this test, on loopback, is an untrusted peer); the second trusts loopback.
    cluster = await Cluster.start({ apis: 0 });
    await Promise.all([
      cluster.startApi({ env: { ADMIN_TOKEN, TRUST_PROXY: '10.0.0.0/8' } }),
      cluster.startApi({ env: { TRUST_PROXY: 'loopback' } }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it("opens /admin/queues to ADMIN_TOKEN only, never to a practice owner's token; without ADMIN_TOKEN it is a 404", async () => {
    const [withToken, withoutToken] = cluster.apis as [(typeof cluster.apis)[0], (typeof cluster.apis)[0]];
    const ownerToken = await signUp(cluster, 'owner-dashboard@operators.test');
    const get = (base: string, headers: Record<string, string> = {}) => fetch(`${base}/admin/queues/api/queues`, { headers });
    expect((await get(withToken.url)).status).toBe(401);
    expect((await get(withToken.url, { authorization: `Bearer ${ownerToken}` })).status).toBe(401);
    expect((await get(withToken.url, basic('not-the-token-0123456789abcdef'))).status).toBe(401);
    const operator = await get(withToken.url, basic(ADMIN_TOKEN));
    expect(operator.status).toBe(200);
    expect(((await operator.json()) as { queues: Array<{ name: string }> }).queues.map((queue) => queue.name)).toEqual(['tandem']);
    expect((await get(withoutToken.url, { authorization: `Bearer ${ownerToken}` })).status).toBe(404);
    expect((await get(withoutToken.url, basic(ADMIN_TOKEN))).status).toBe(404);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy: the log-in limit counts the real address', async () => {
    const [untrusting, trusting] = cluster.apis;
    const email = 'owner-proxy@operators.test';
    await signUp(cluster, email);
    const logIn = (api: typeof untrusting, forwardedFor: string) =>
      cluster.graphql(
        `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`,
        { input: { email, password: 'wrong password here' } },
        { api, headers: { 'x-forwarded-for': forwardedFor } },
      );
    await logIn(untrusting, '203.0.113.7');
    await logIn(trusting, '198.51.100.9');
    const ips = (await sql<{ ip: string }>(cluster.database.url, 'SELECT ip FROM login_attempt WHERE email = $1 ORDER BY id', [email])).map(
      (row) => row.ip,
    );
    expect(ips).toHaveLength(2);
    expect(ips[0]).not.toBe('203.0.113.7');
    expect(ips[0]).toMatch(/127\.0\.0\.1$/);
    expect(ips[1]).toBe('198.51.100.9');
  });

  it('shares the rate limit across replicas: the 6th password reset for one address in an hour is RATE_LIMITED, whichever replica takes it', async () => {
    const email = 'someone-flooded@operators.test';
    const reset = (index: number) =>
      cluster.graphql(`mutation($email: String!) { requestPasswordReset(email: $email) }`, { email }, { api: cluster.apis[index % 2] });
    for (let i = 0; i < 5; i++) expect((await reset(i)).body.data).toEqual({ requestPasswordReset: true });
    const refused = await reset(5);
    const error = refused.body.errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    expect(error?.message).toMatch(/^Too many password reset requests; try again in \d+ (minutes|seconds)\.$/);
    expect(error?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(error?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(3600);
    // Another address is not affected.
    expect(
      (await cluster.graphql(`mutation { requestPasswordReset(email: "other@operators.test") }`, {}, { api: cluster.apis[1] })).body.data,
    ).toEqual({ requestPasswordReset: true });
  });

  it('has no per-replica persisted-query cache: a hash sent to one replica and then the other gets the same answer from both', async () => {
    const query = '{ version }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const post = (index: number, body: Record<string, unknown>) =>
      fetch(`${cluster.apis[index].url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<{ errors?: Array<{ extensions?: { code?: string } }> }>);
    await post(0, { query, extensions });
    const codes = [
      (await post(1, { extensions })).errors?.[0]?.extensions?.code,
      (await post(0, { extensions })).errors?.[0]?.extensions?.code,
    ];
    expect(codes).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_SUPPORTED']);
  });

  it('refuses `npm run seed` with NODE_ENV=production; with --force it seeds random passwords, printed once, and the published one does not log in', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      JWT_SECRET: CLUSTER_JWT_SECRET,
      DATABASE_URL: cluster.database.url,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    };
    const refused = await runSeed(env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('refusing to seed the demo practice with NODE_ENV=production');
    expect(await sql(cluster.database.url, 'SELECT 1 FROM app_user WHERE email = $1', [DEMO_OWNER_EMAIL])).toHaveLength(0);

    const forced = await runSeed(env, ['--force']);
    expect(forced.code).toBe(0);
    const printed = new RegExp(`OWNER\\s+${DEMO_OWNER_EMAIL.replace(/\./g, '\\.')}\\s+(\\S+)`).exec(forced.output)?.[1];
    expect(printed).toBeDefined();
    expect(printed).not.toBe(DEMO_PASSWORD);
    expect(forced.output).not.toContain(DEMO_PASSWORD);
    const logIn = (password: string) =>
      cluster.graphql(
        `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`,
        { input: { email: DEMO_OWNER_EMAIL, password } },
        { api: cluster.apis[1] },
      );
    expect((await logIn(DEMO_PASSWORD)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await logIn(printed!)).body.data?.logIn.accessToken).toBeTruthy();
  }, 120_000);
});
