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

describe('queue dashboard at /admin/queues', () => {
  let api: TestApi;
  let owner: OwnerSession;
  let coach: Session;

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await anOwner(api);
    coach = await aCoach(api, owner);
  });

  afterAll(async () => {
    await api?.close();
  });

  const logIn = (token: string) => fetch(`${api.http.baseUrl}/admin/queues/login?token=${encodeURIComponent(token)}`, { redirect: 'manual' });

  it('answers 401 without a token or with an invalid one, and 403 to a coach, serving none of the dashboard', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/js/main.js']) {
      const anonymous = await api.http.get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toMatch(/^text\/plain/);
      expect((await api.http.get(path, bearer('not-a-token'))).status).toBe(401);
      expect((await api.http.get(path, { cookie: 'tandem_admin=not-a-token' })).status).toBe(401);
      const asCoach = await api.http.get(path, bearer(coach.token));
      expect(asCoach.status).toBe(403);
      expect(await asCoach.text()).toContain('Only a practice owner');
    }
  });

  it("serves the dashboard page to an owner's bearer token", async () => {
    const response = await api.http.get('/admin/queues', bearer(owner.token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('Tandem queues');
  });

  it('lists the tandem queue, read-only, through the dashboard API', async () => {
    const response = await api.http.get('/admin/queues/api/queues', bearer(owner.token));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    expect(body.queues).toEqual([expect.objectContaining({ name: 'tandem', readOnlyMode: true })]);
  });

  it('logs an owner in with an HttpOnly, SameSite=Strict cookie scoped to the dashboard, which then lets them in alone', async () => {
    const login = await logIn(owner.token);
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin/queues');
    expect(login.headers.get('cache-control')).toBe('no-store');
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^tandem_admin=[\w.-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/admin/queues');
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(15 * 60);

    const cookie = setCookie.split(';')[0]!;
    const page = await api.http.get('/admin/queues', { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tandem queues');
    expect((await api.http.get('/admin/queues/api/queues', { cookie: `other=1; ${cookie}` })).status).toBe(200);
  });

  it('sets no cookie for a coach or an invalid token at login', async () => {
    const asCoach = await logIn(coach.token);
    expect(asCoach.status).toBe(403);
    expect(asCoach.headers.get('set-cookie')).toBeNull();
    const invalid = await logIn('not-a-token');
    expect(invalid.status).toBe(401);
    expect(invalid.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${api.http.baseUrl}/admin/queues/login`, { redirect: 'manual' })).status).toBe(401);
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
