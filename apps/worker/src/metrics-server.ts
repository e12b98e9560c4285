import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { AppConfig } from '#tandem/config';
import { collectDefaultMetricsOnce, writeMetrics } from '#tandem/runtime';

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The worker serves no HTTP but GET /metrics, on HOST:METRICS_PORT, with the same
 * token rule as the API's. Returns null when METRICS_PORT is unset.
 */
export async function startMetricsServer(config: AppConfig, logger: Logger): Promise<MetricsServer | null> {
  const listenPort = config.metricsPort;
  if (listenPort === null) return null;
  collectDefaultMetricsOnce();
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' }).end('Method not allowed\n');
    } else {
      writeMetrics(response, request.headers.authorization, config.metricsToken).catch((error: unknown) => {
        logger.error({ err: error }, 'could not collect metrics');
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ url: `http://${config.host}:${port}/metrics`, token: config.metricsToken !== null }, 'worker metrics listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // Prometheus keeps its connection alive; do not wait for it
      }),
  };
}
