import type { ServerResponse } from 'node:http';
import { collectDefaultMetrics, register } from 'prom-client';
import { carriesSecret } from './operator-credential.js';

/** Starts prom-client's process metrics (CPU, memory, event loop…) once per process, however many apps it boots. */
export function collectDefaultMetricsOnce(): void {
  if (register.getSingleMetric('process_cpu_user_seconds_total')) return;
  collectDefaultMetrics();
}

/** Whether a scrape may read the metrics: always when no token is configured, else only with `Bearer <token>` (or basic auth). */
export function scrapeAllowed(authorization: string | undefined, token: string | null): boolean {
  return token === null || carriesSecret(authorization, token);
}

/** Answers a scrape: the default registry in Prometheus text format, or 401. The API's GET /metrics and the worker's server both use it. */
export async function writeMetrics(response: ServerResponse, authorization: string | undefined, token: string | null): Promise<void> {
  if (!scrapeAllowed(authorization, token)) {
    response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="metrics"' });
    response.end('A valid metrics token is required.\n');
    return;
  }
  const body = await register.metrics();
  response.writeHead(200, { 'Content-Type': register.contentType, 'Cache-Control': 'no-store' });
  response.end(body);
}
