import type { Server, ServerResponse } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { JobQueue } from '#tandem/queue';
import { ProcessLifecycle } from './process-lifecycle.js';
import type { Runtime } from './runtime.js';

const IDLE_SWEEP_MS = 50;

/**
 * A clean stop on SIGTERM/SIGINT/SIGHUP, in this order: readiness turns 503; the
 * HTTP server takes no new connection and finishes the requests in flight (a
 * keep-alive connection is closed after its current response); the queue worker
 * takes no new job and finishes its running ones; then Nest closes the rest (SMTP,
 * the database pool); then the embedded database stops. Exit 0, or 1 when it took
 * longer than SHUTDOWN_TIMEOUT_MS. Call it before `listen()`.
 */
export function handleShutdownSignals(app: INestApplicationContext, runtime: Runtime): void {
  const lifecycle = app.get(ProcessLifecycle);
  const queue = app.get(JobQueue);
  const server = httpServerOf(app);
  const inFlight = server ? trackResponses(server) : new Set<ServerResponse>();
  const limitMs = runtime.config.shutdownTimeoutMs;
  let stopping = false;

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    lifecycle.markStopping();
    runtime.logger.info({ signal, inFlightRequests: inFlight.size, limitMs }, 'shutting down');
    process.on('uncaughtException', (error) => {
      if (isConnectionTermination(error)) return runtime.logger.debug({ err: error }, 'connection closed during shutdown');
      runtime.logger.fatal({ err: error }, 'uncaught exception during shutdown');
      process.exit(1);
    });
    const timeout = setTimeout(() => {
      runtime.logger.warn({ limitMs, inFlightRequests: inFlight.size }, 'shutdown took longer than SHUTDOWN_TIMEOUT_MS; exiting');
      runtime.logger.flush?.();
      process.exit(1);
    }, limitMs);
    timeout.unref();
    const step = async (what: string, work: () => Promise<unknown>) =>
      work().catch((error: unknown) => runtime.logger.warn({ err: error }, `error while ${what}`));
    if (server) await step('draining HTTP', () => drainHttp(server, inFlight));
    runtime.logger.info('HTTP drained; finishing running jobs');
    await step('finishing running jobs', () => queue.stopConsuming());
    await step('closing', () => app.close());
    await step('stopping the database', () => runtime.stop());
    runtime.logger.info('stopped cleanly');
    runtime.logger.flush?.();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop(signal));
}

function httpServerOf(app: INestApplicationContext): Server | undefined {
  const candidate = app as INestApplicationContext & { getHttpServer?: () => Server };
  return typeof candidate.getHttpServer === 'function' ? candidate.getHttpServer() : undefined;
}

/** The responses not yet finished, so a stop can mark them `Connection: close`. */
function trackResponses(server: Server): Set<ServerResponse> {
  const responses = new Set<ServerResponse>();
  server.on('request', (_request, response: ServerResponse) => {
    responses.add(response);
    response.once('close', () => responses.delete(response));
  });
  return responses;
}

/**
 * Stops accepting connections and resolves once every open one has ended. Responses
 * still to be written say `Connection: close`; connections that fall idle after
 * their response are closed at once, so keep-alive clients cannot hold the stop.
 */
async function drainHttp(server: Server, inFlight: Set<ServerResponse>): Promise<void> {
  if (!server.listening) return;
  // One turn of the event loop first: bytes of a request that arrived before the signal
  // are read and its connection counts as busy, not idle, before idle ones are closed.
  await new Promise((resolve) => setImmediate(resolve));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const markClosing = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
  };
  inFlight.forEach(markClosing);
  const onRequest = (_request: unknown, response: ServerResponse) => markClosing(response);
  server.prependListener('request', onRequest);
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    server.off('request', onRequest);
  }
}

// A terminal's Ctrl-C reaches the embedded PostgreSQL too, so connections can be
// cut while their owners close them; BullMQ's LISTEN client then reports an
// error with no listener left. Expected while stopping, and harmless.
const TERMINATION_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE']);

function isConnectionTermination(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (
    (typeof e?.code === 'string' && TERMINATION_CODES.has(e.code)) ||
    (typeof e?.message === 'string' && e.message.includes('Connection terminated'))
  );
}
