import { createHash } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';

/**
 * Runs `text` as a named prepared statement (pg's `{ name, text, values }`): PostgreSQL
 * parses and plans it once per pooled connection instead of on every call.
 *
 * - In a transaction: `manager` is the transaction's (its query runner holds the
 *   connection), so the statement sees the transaction's uncommitted writes and is rolled
 *   back with it. Any other manager borrows a connection from the pool for the statement.
 * - Named by a hash of the text: only SQL whose text is stable per shape belongs here (every
 *   value a parameter, never inlined), or each call leaves one more statement on the connection.
 * - Logged as TypeORM logs its own queries: every statement counted, a failure logged and
 *   thrown as QueryFailedError, one slower than the data source's maxQueryExecutionTime
 *   logged as slow (with its duration).
 */
export async function preparedQuery<T = Record<string, unknown>>(
  manager: EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  const dataSource = manager.connection;
  const parameters = values as unknown[];
  const runner = manager.queryRunner ?? dataSource.createQueryRunner();
  try {
    const connection = (await runner.connect()) as PoolClient;
    dataSource.logger.logQuery(text, parameters, runner);
    const started = performance.now();
    let rows: T[];
    try {
      const result = await connection.query<T & QueryResultRow>({ name: statementName(text), text, values: parameters });
      rows = result.rows;
    } catch (error) {
      dataSource.logger.logQueryError(error as Error, text, parameters, runner);
      throw new QueryFailedError(text, parameters, error as Error);
    }
    const took = Math.round(performance.now() - started);
    const slow = dataSource.options.maxQueryExecutionTime;
    if (slow && took > slow) dataSource.logger.logQuerySlow(took, text, parameters, runner);
    return rows;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** Names already computed, per text: the same few shapes come back with every request. */
const statementNames = new Map<string, string>();
/** More shapes than this and the memo starts again (names are recomputed, never wrong). */
const STATEMENT_NAMES = 1_000;

/** `t_` and 27 characters of the text's SHA-1 (PostgreSQL names are at most 63 bytes). */
export function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= STATEMENT_NAMES) statementNames.clear();
    name = `t_${createHash('sha1').update(text).digest('base64url').slice(0, 27)}`;
    statementNames.set(text, name);
  }
  return name;
}
