import pg from 'pg';
import { requestContext } from '#tandem/logging';

/** One statement a request sent to PostgreSQL, as pg's Client.query received it. */
export interface CapturedStatement {
  text: string;
  values: unknown[];
  /** The prepared statement's name, when it ran as one. */
  name: string | null;
  /** From the call to the answer, in the API process (round trip included); null when pg was given a callback. */
  ms: number | null;
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * Records every statement pg.Client.query sends to one database while `during` runs.
 * The API app runs in the bench's own process, so wrapping pg's prototype sees exactly what
 * one request issued, whatever layer (TypeORM, preparedQuery) sent it; statements to other
 * databases (the bench's own bookkeeping) and statements outside a request (the app's background work at
 * start: migrations check, queue metadata) are not recorded. Only one capture at a time.
 */
export class StatementCapture {
  private recording: CapturedStatement[] | null = null;
  private database = '';
  private original: QueryFn | null = null;

  install(): this {
    if (this.original) return this;
    const proto = pg.Client.prototype as unknown as { query: QueryFn };
    const original = proto.query;
    this.original = original;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the replacement needs both `this`s
    const capture = this;
    proto.query = function (this: pg.Client, ...args: unknown[]) {
      const into = capture.recording;
      // Only what a request runs (the request context is set): not the app's own background statements (queue metadata, migrations check).
      if (!into || !requestContext.getStore() || (this as unknown as { database?: string }).database !== capture.database)
        return original.apply(this, args);
      const statement = describe(args);
      if (!statement) return original.apply(this, args);
      into.push(statement);
      const started = performance.now();
      const result = original.apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === 'function' && typeof args[args.length - 1] !== 'function') {
        void (result as Promise<unknown>).then(
          () => (statement.ms = performance.now() - started),
          () => undefined,
        );
      }
      return result;
    };
    return this;
  }

  uninstall(): void {
    if (!this.original) return;
    (pg.Client.prototype as unknown as { query: QueryFn }).query = this.original;
    this.original = null;
  }

  /** The statements sent to `database` while `work` ran. */
  async during<T>(database: string, work: () => Promise<T>): Promise<{ result: T; statements: CapturedStatement[] }> {
    if (!this.original) throw new Error('StatementCapture: install() first');
    if (this.recording) throw new Error('StatementCapture: one capture at a time');
    const statements: CapturedStatement[] = [];
    this.database = database;
    this.recording = statements;
    try {
      return { result: await work(), statements };
    } finally {
      this.recording = null;
    }
  }
}

function describe(args: unknown[]): CapturedStatement | null {
  const [first, second] = args;
  if (typeof first === 'string')
    return { text: first, values: Array.isArray(second) ? [...(second as unknown[])] : [], name: null, ms: null };
  if (first && typeof first === 'object' && typeof (first as { text?: unknown }).text === 'string') {
    const config = first as { text: string; values?: unknown[]; name?: string };
    const values = Array.isArray(second) ? (second as unknown[]) : (config.values ?? []);
    return { text: config.text, values: [...values], name: config.name ?? null, ms: null };
  }
  return null;
}
