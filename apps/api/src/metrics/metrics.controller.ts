import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';
import { AppConfig } from '#tandem/config';

/** Starts prom-client's process metrics (CPU, memory, event loop…) once per process, however many apps it boots. */
export function collectDefaultMetricsOnce(): void {
  if (register.getSingleMetric('process_cpu_user_seconds_total')) return;
  collectDefaultMetrics();
}

/** Whether a scrape may read the metrics: always when no token is configured, else only with `Bearer <token>`. */
export function scrapeAllowed(authorization: string | undefined, token: string | null): boolean {
  if (token === null) return true;
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (given === undefined) return false;
  // Compare digests: equal lengths for timingSafeEqual, and no timing hint of the token's length.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** Answers a scrape: the default registry in Prometheus text format, or 401. Shared with the worker's server. */
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

/**
 * GET /metrics for Prometheus. With METRICS_TOKEN set it needs that bearer token;
 * without it the endpoint is open, which is only fit when /metrics is reachable
 * from a private network alone (keep it off the public proxy otherwise).
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() response: ServerResponse): Promise<void> {
    await writeMetrics(response, authorization, this.config.metricsToken);
  }
}
