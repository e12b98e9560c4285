import { ConfigError } from '#tandem/config';

/**
 * Ends a process that could not start. Configuration and environment problems
 * are one readable line; anything unexpected keeps its stack for the operator.
 */
export function exitOnStartupError(error: unknown): never {
  const listen = error as { code?: unknown; port?: number | string };
  if (error instanceof ConfigError || error instanceof StartupError) {
    process.stderr.write(`tandem: ${error.message}\n`);
  } else if (listen?.code === 'EADDRINUSE') {
    process.stderr.write(`tandem: port ${String(listen.port ?? '')} is in use: set PORT\n`);
  } else {
    process.stderr.write(`tandem: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}

/** A start-up failure whose message already tells the operator what to do. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
