import type { INestApplicationContext } from '@nestjs/common';
import type { Runtime } from '#tandem/runtime';

/**
 * On SIGINT/SIGTERM: stop taking work, let running jobs and requests finish
 * (at most 10 s), then stop the embedded database, then exit.
 */
export function handleShutdownSignals(app: INestApplicationContext, runtime: Runtime): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, 'shutting down');
    process.on('uncaughtException', (error) => {
      if (isConnectionTermination(error)) return runtime.logger.debug({ err: error }, 'connection closed during shutdown');
      runtime.logger.fatal({ err: error }, 'uncaught exception during shutdown');
      process.exit(1);
    });
    const timeout = setTimeout(() => {
      runtime.logger.warn('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timeout.unref();
    await app.close().catch((error: unknown) => runtime.logger.warn({ err: error }, 'error while closing'));
    await runtime.stop().catch((error: unknown) => runtime.logger.warn({ err: error }, 'error while stopping the database'));
    runtime.logger.flush?.();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop(signal));
}

// A terminal's Ctrl-C reaches the embedded PostgreSQL too, so connections can be
// cut while their owners close them; BullMQ's LISTEN client then reports an
// error with no listener left. Expected while stopping, and harmless.
const TERMINATION_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE']);

function isConnectionTermination(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (typeof e?.code === 'string' && TERMINATION_CODES.has(e.code)) || (typeof e?.message === 'string' && e.message.includes('Connection terminated'));
}
