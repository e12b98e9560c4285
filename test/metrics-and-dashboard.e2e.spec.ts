import { pino } from 'pino';
import { NotificationMetrics } from '#tandem/notifications';
import { startMetricsServer, type MetricsServer } from '../apps/worker/src/metrics-server.js';
import { aCoach, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { freePort } from './support/free-port.js';
import { TestApi } from './support/test-api.js';
import { testConfig } from './support/test-runtime.js';

const METRICS_TOKEN = 'x'.repeat(20);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('GET /metrics', () => {
  let api: TestApi;
  let guarded: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
    // A second app in the same process: the default metrics must not be registered twice.
    guarded = await TestApi.start({ env: { METRICS_TOKEN } });
  });

  afterAll(async () => {
    await api?.close();
    await guarded?.close();
  });

  it('serves the process and Tandem metrics in Prometheus text format, openly when no token is set', async () => {
    api.app.get(NotificationMetrics).sent.inc({ kind: 'METRICS_TEST' });
    const response = await api.http.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toContain('# TYPE tandem_notifications_failed_total counter');
    expect(body).toContain('tandem_notifications_sent_total{kind="METRICS_TEST"} 1');
  });

  it('with METRICS_TOKEN set, answers 401 without the right bearer token and 200 with it', async () => {
    const missing = await guarded.http.get('/metrics');
    expect(missing.status).toBe(401);
    expect(await missing.text()).not.toContain('process_cpu');
    expect((await guarded.http.get('/metrics', bearer('y'.repeat(20)))).status).toBe(401);
    expect((await guarded.http.get('/metrics', { authorization: METRICS_TOKEN })).status).toBe(401);
    const right = await guarded.http.get('/metrics', bearer(METRICS_TOKEN));
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('process_cpu_user_seconds_total');
  });
});

describe('queue dashboard at /admin/queues (platform operators only)', () => {
  const ADMIN_TOKEN = 'operator-secret-'.padEnd(32, 'z');
  const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
  let api: TestApi;
  let off: TestApi;
  let owner: OwnerSession;
  let coach: Session;

  beforeAll(async () => {
    api = await TestApi.start({ env: { ADMIN_TOKEN } });
    off = await TestApi.start();
    owner = await anOwner(api);
    coach = await aCoach(api, owner);
  });

  afterAll(async () => {
    await api?.close();
    await off?.close();
  });

  it('is a 404 when ADMIN_TOKEN is not configured, even for an owner', async () => {
    const offOwner = await anOwner(off);
    expect((await off.http.get('/admin/queues')).status).toBe(404);
    expect((await off.http.get('/admin/queues', bearer(offOwner.token))).status).toBe(404);
  });

  it("refuses a practice owner's or coach's access token, a wrong secret and the old login path, serving none of the dashboard", async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/js/main.js']) {
      const anonymous = await api.http.get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(await anonymous.text()).not.toContain('Tandem queues');
      expect((await api.http.get(path, bearer(owner.token))).status).toBe(401);
      expect((await api.http.get(path, bearer(coach.token))).status).toBe(401);
      expect((await api.http.get(path, bearer(`${ADMIN_TOKEN}x`))).status).toBe(401);
      expect((await api.http.get(path, basic('admin', 'wrong'))).status).toBe(401);
    }
    const login = await fetch(`${api.http.baseUrl}/admin/queues/login?token=${encodeURIComponent(owner.token)}`, { redirect: 'manual' });
    expect(login.status).toBe(401);
    expect(login.headers.get('set-cookie')).toBeNull();
  });

  it('serves the dashboard page and the read-only queue list to the operator credential (bearer or basic auth)', async () => {
    const page = await api.http.get('/admin/queues', basic('operator', ADMIN_TOKEN));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Tandem queues');
    const response = await api.http.get('/admin/queues/api/queues', bearer(ADMIN_TOKEN));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    expect(body.queues).toEqual([expect.objectContaining({ name: 'tandem', readOnlyMode: true })]);
  });
});

describe('worker metrics server', () => {
  let server: MetricsServer | null = null;

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('is off when METRICS_PORT is unset', async () => {
    expect(await startMetricsServer(testConfig(), pino({ level: 'silent' }))).toBeNull();
  });

  it('serves GET /metrics on HOST:METRICS_PORT with the same token rule', async () => {
    const port = await freePort();
    server = await startMetricsServer(testConfig({ METRICS_PORT: String(port), METRICS_TOKEN }), pino({ level: 'silent' }));
    const url = `http://127.0.0.1:${port}`;
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const right = await fetch(`${url}/metrics`, { headers: bearer(METRICS_TOKEN) });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await right.text()).toContain('process_cpu_user_seconds_total');
    expect((await fetch(`${url}/other`, { headers: bearer(METRICS_TOKEN) })).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST', headers: bearer(METRICS_TOKEN) })).status).toBe(405);
  });
});
