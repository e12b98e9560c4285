import pg from 'pg';

/** How long the database may take, at each step; see README's Configuration table. */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection, or for a new one to connect. */
  connectMs: number;
  /** One statement (PostgreSQL's statement_timeout); 0 leaves statements unlimited (migrations). */
  statementMs: number;
  /** A transaction left open with nothing running (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5000, statementMs: 15_000, idleInTransactionMs: 30_000 };

/**
 * The client side waits this much longer than statement_timeout: a slow statement is
 * cancelled by the server (the connection stays usable); only a server that no longer
 * answers at all (dropped packets) is left to the client's own read timeout.
 */
const READ_TIMEOUT_MARGIN_MS = 2000;

/** What the pool did last: liveness tells a pool that makes no progress from a slow database. */
export class PoolActivity {
  private lastProgressAt = Date.now();

  /** A statement or an attempt to connect ended, well or badly. */
  noteProgress(at = Date.now()): void {
    this.lastProgressAt = at;
  }

  /** Milliseconds since the pool last did anything. */
  quietForMs(now = Date.now()): number {
    return now - this.lastProgressAt;
  }
}

const READ_TIMEOUT = 'Query read timeout';

type QueryCallback = (error: Error | undefined, result: unknown) => void;
interface ClientInternals {
  connection?: { stream?: { destroy(): void } };
}
type ClientClass = new (config?: pg.ClientConfig) => pg.Client;

/**
 * A pg Client that drops its connection when a statement's reply never comes (pg's
 * query_timeout only stops waiting: the connection would go back to the pool still busy
 * with the lost statement and hang whoever gets it next), and that reports to `activity`.
 */
export function guardedClientClass(activity: PoolActivity): ClientClass {
  class GuardedClient extends pg.Client {
    override connect(...args: unknown[]): never {
      const callback = args[0] as ((error?: Error) => void) | undefined;
      const note = () => activity.noteProgress();
      if (typeof callback === 'function') {
        return (super.connect as (cb: (error?: Error) => void) => void)((error?: Error) => {
          note();
          callback(error);
        }) as never;
      }
      return (super.connect() as Promise<unknown>).finally(note) as never;
    }

    override query(...args: unknown[]): never {
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = (error: Error | undefined, result: unknown) => {
          activity.noteProgress();
          this.dropAfterReadTimeout(error);
          (last as QueryCallback)(error, result);
        };
        return (super.query as (...a: unknown[]) => unknown)(...args) as never;
      }
      const result = (super.query as (...a: unknown[]) => unknown)(...args);
      if (result instanceof Promise) {
        return result.then(
          (value: unknown) => {
            activity.noteProgress();
            return value;
          },
          (error: unknown) => {
            activity.noteProgress();
            this.dropAfterReadTimeout(error);
            throw error;
          },
        ) as never;
      }
      return result as never;
    }

    private dropAfterReadTimeout(error: unknown): void {
      if (error instanceof Error && error.message === READ_TIMEOUT) (this as unknown as ClientInternals).connection?.stream?.destroy();
    }
  }
  return GuardedClient;
}

/** The pg pool options (TypeORM's `extra`) that bound every wait on the database. */
export function guardedPoolOptions(timeouts: DatabaseTimeouts, activity?: PoolActivity): Record<string, unknown> {
  return {
    connectionTimeoutMillis: timeouts.connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(timeouts.statementMs > 0
      ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + READ_TIMEOUT_MARGIN_MS }
      : {}),
    ...(timeouts.idleInTransactionMs > 0 ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
    Client: guardedClientClass(activity ?? new PoolActivity()),
  };
}
