import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';

interface TransactionState {
  manager: EntityManager;
  auditEvents: number;
  afterCommit: Array<() => Promise<void> | void>;
  whenEnded: Array<(manager: EntityManager) => Promise<unknown>>;
}

const transactions = new AsyncLocalStorage<TransactionState>();

/**
 * The database as services see it: inside a mutation every call shares one
 * transaction (begun by TransactionInterceptor), outside it they use the pool.
 */
@Injectable()
export class Db {
  private readonly logger = new Logger('Db');

  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return transactions.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return transactions.getStore() !== undefined;
  }

  /**
   * Runs `sql` as a named prepared statement (pg's `{ name, text, values }`), in the
   * current transaction when there is one: PostgreSQL parses and analyses it once per
   * pooled connection instead of on every call. The name is a hash of the text, so
   * only SQL whose text is stable per shape belongs here (every value a parameter,
   * never inlined), or each call leaves one more statement on the connection.
   * Logged and counted as TypeORM's own queries are.
   */
  async preparedQuery<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]> {
    const manager = this.manager;
    const dataSource = manager.connection;
    const runner = manager.queryRunner ?? dataSource.createQueryRunner();
    try {
      const connection = (await runner.connect()) as PoolClient;
      dataSource.logger.logQuery(sql, params as unknown[], runner);
      try {
        const result = await connection.query<T & Record<string, unknown>>({
          name: statementName(sql),
          text: sql,
          values: params as unknown[],
        });
        return result.rows;
      } catch (error) {
        dataSource.logger.logQueryError(error as Error, sql, params as unknown[], runner);
        throw new QueryFailedError(sql, params as unknown[], error as Error);
      }
    } finally {
      if (!manager.queryRunner) await runner.release();
    }
  }

  /** Runs `work` in a transaction, or in the current one when already inside. */
  async transaction<T>(work: () => Promise<T>): Promise<{ result: T; auditEvents: number }> {
    const current = transactions.getStore();
    if (current) return { result: await work(), auditEvents: current.auditEvents };
    const state: TransactionState = { manager: this.dataSource.manager, auditEvents: 0, afterCommit: [], whenEnded: [] };
    let result: T;
    try {
      result = await this.dataSource.transaction((manager) => {
        state.manager = manager;
        return transactions.run(state, work);
      });
    } catch (error) {
      // The caller hears why the mutation failed, even when a write that was to survive it fails too.
      await this.runWhenEnded(state).catch((writeError: unknown) =>
        this.logger.warn(`a write meant to survive a rollback failed: ${String(writeError)}`),
      );
      throw error;
    }
    await this.runWhenEnded(state);
    for (const callback of state.afterCommit) await callback();
    return { result, auditEvents: state.auditEvents };
  }

  /** The transaction's connection is back in the pool by now: these writes take one of their own. */
  private async runWhenEnded(state: TransactionState): Promise<void> {
    for (const write of state.whenEnded) await write(this.dataSource.manager);
  }

  /**
   * A write that must survive the mutation's rollback (a failed log-in, a revoked token
   * family). Inside a transaction it runs once the transaction has ended, committed or
   * not, before the mutation answers: a request never holds one connection while waiting
   * for a second, which wedges the pool as soon as every connection is held that way.
   */
  async evenIfRolledBack(write: (manager: EntityManager) => Promise<unknown>): Promise<void> {
    const current = transactions.getStore();
    if (current) current.whenEnded.push(write);
    else await write(this.dataSource.manager);
  }

  /** Runs after the current transaction commits (at once when there is none): queueing jobs, sending mail. */
  afterCommit(callback: () => Promise<void> | void): void {
    const current = transactions.getStore();
    if (current) current.afterCommit.push(callback);
    else void Promise.resolve(callback());
  }

  /** Counted so the interceptor can insist that every mutation leaves an audit trail. */
  noteAuditEvent(): void {
    const current = transactions.getStore();
    if (current) current.auditEvents += 1;
  }
}

/** Names already computed, per text: the same few shapes come back with every request. */
const statementNames = new Map<string, string>();
/** More shapes than this and the memo starts again (names are recomputed, never wrong). */
const STATEMENT_NAMES = 1_000;

/** `t_` and 27 characters of the text's SHA-1 (PostgreSQL names are at most 63 bytes). */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= STATEMENT_NAMES) statementNames.clear();
    name = `t_${createHash('sha1').update(sql).digest('base64url').slice(0, 27)}`;
    statementNames.set(sql, name);
  }
  return name;
}
