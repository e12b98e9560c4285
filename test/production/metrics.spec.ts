import { Cluster } from './support/cluster.js';
import { planEmailBurst } from './support/outbox-burst.js';
import { sample, scrape } from './support/prometheus.js';
import { waitFor } from '../support/wait-for.js';

const METRICS_TOKEN = 'metrics-token-0123456789';
const BURST = 20;

describe('metrics that answer "is it healthy?" (production shape)', () => {
  let cluster: Cluster;
  const apiMetrics = () => scrape(`${cluster.url}/metrics`, METRICS_TOKEN);

  beforeAll(async () => {
    cluster = await Cluster.start({ apis: 1, env: { METRICS_TOKEN } });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps the API /metrics for the operator: 401 without the token, a 404 in production when no METRICS_TOKEN is set', async () => {
    expect((await fetch(`${cluster.url}/metrics`)).status).toBe(401);
    const open = await cluster.startApi({ env: { METRICS_TOKEN: '' } });
    expect((await fetch(`${open.url}/metrics`)).status).toBe(404);
    await open.stop();
  }, 120_000);

  it('counts GraphQL requests, latency and errors by operation name, collapsing anonymous and unknown operations', async () => {
    const before = await apiMetrics();
    const count = (text: string, labels: Record<string, string>) => sample(text, 'tandem_graphql_requests_total', labels) ?? 0;
    await cluster.graphql('query Version { version }');
    await cluster.graphql('query Version { version }');
    await cluster.graphql('{ version }');
    await cluster.graphql('query Me { me { id } }'); // not logged in
    await cluster.graphql('query Broken { noSuchField }');
    const after = await apiMetrics();

    expect(
      count(after, { operation: 'Version', type: 'query', outcome: 'ok' }) -
        count(before, { operation: 'Version', type: 'query', outcome: 'ok' }),
    ).toBe(2);
    expect(count(after, { operation: 'anonymous', outcome: 'ok' }) - count(before, { operation: 'anonymous', outcome: 'ok' })).toBe(1);
    expect(count(after, { operation: 'Me', outcome: 'error' }) - count(before, { operation: 'Me', outcome: 'error' })).toBe(1);
    expect(count(after, { operation: 'unknown', outcome: 'error' }) - count(before, { operation: 'unknown', outcome: 'error' })).toBe(1);
    expect(after).not.toContain('operation="Broken"');
    expect(sample(after, 'tandem_graphql_errors_total', { operation: 'Me', code: 'UNAUTHENTICATED' })).toBeGreaterThanOrEqual(1);
    const latencyCount = (text: string) =>
      sample(text, 'tandem_graphql_request_duration_seconds_count', { operation: 'Version', type: 'query' }) ?? 0;
    expect(latencyCount(after) - latencyCount(before)).toBe(2);
    expect(sample(after, 'tandem_graphql_request_duration_seconds_bucket', { operation: 'Version', le: '+Inf' })).toBe(latencyCount(after));
    expect(sample(after, 'tandem_graphql_requests_in_flight')).toBe(0);
  });

  it('reports the pool, the queue and the build', async () => {
    const text = await apiMetrics();
    for (const state of ['in_use', 'idle', 'waiting'])
      expect(sample(text, 'tandem_db_pool_connections', { state })).toBeGreaterThanOrEqual(0);
    expect(
      (sample(text, 'tandem_db_pool_connections', { state: 'in_use' }) ?? 0) +
        (sample(text, 'tandem_db_pool_connections', { state: 'idle' }) ?? 0),
    ).toBeGreaterThan(0);
    for (const state of ['waiting', 'active', 'delayed', 'failed'])
      expect(sample(text, 'tandem_queue_jobs', { state })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'tandem_build_info', { version: '0.1.0', node_version: process.version })).toBe(1);
  });

  it('shows an outbox backlog and its age while no worker runs, then the worker drains it and its own /metrics counts the sends', async () => {
    await planEmailBurst(cluster.database.url, BURST);
    // The backlog is cached a few seconds at scrape time: poll until the planned rows show.
    const backlog = await waitFor(
      async () => {
        const text = await apiMetrics();
        return sample(text, 'tandem_outbox_backlog', { status: 'PENDING' }) === BURST && text;
      },
      { what: `a PENDING backlog of ${BURST}`, timeoutMs: 30_000 },
    );
    expect(sample(backlog, 'tandem_outbox_oldest_due_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(backlog, 'tandem_outbox_backlog', { status: 'QUEUED' })).toBe(0);

    const worker = await cluster.startWorker();
    await cluster.smtp.waitFor(BURST, 120_000);
    const workerText = await waitFor(
      async () => {
        const text = await scrape(worker.metricsUrl, METRICS_TOKEN);
        return sample(text, 'tandem_notifications_sent_total', { kind: 'SESSION_SUMMARY' }) === BURST && text;
      },
      { what: `the worker counting ${BURST} sends` },
    );
    for (const name of [
      'tandem_queue_jobs',
      'tandem_db_pool_connections',
      'tandem_outbox_backlog',
      'tandem_build_info',
      'process_cpu_user_seconds_total',
    ]) {
      expect(workerText).toContain(`# TYPE ${name} `);
    }
    await waitFor(
      async () => {
        const text = await apiMetrics();
        return (
          sample(text, 'tandem_outbox_backlog', { status: 'PENDING' }) === 0 &&
          sample(text, 'tandem_outbox_backlog', { status: 'QUEUED' }) === 0 &&
          sample(text, 'tandem_outbox_oldest_due_age_seconds') === 0
        );
      },
      { what: 'the backlog to drain', timeoutMs: 30_000 },
    );
  }, 240_000);
});
