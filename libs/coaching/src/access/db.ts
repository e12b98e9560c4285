import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '#tandem/database';

interface TransactionState {
  manager: EntityManager;
  auditEvents: number;
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

  /**
   * Runs `sql` as a named prepared statement in the current transaction when there is one,
   * else on a pooled connection (the toolkit's preparedQuery: names, logging, slow-query log).
   */
  preparedQuery<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]> {
    return preparedQuery<T>(this.manager, sql, params);
  }

  /** Runs `work` in a transaction, or in the current one when already inside. */
  async transaction<T>(work: () => Promise<T>): Promise<{ result: T; auditEvents: number }> {
    const current = transactions.getStore();
    if (current) return { result: await work(), auditEvents: current.auditEvents };
    const state: TransactionState = { manager: this.dataSource.manager, auditEvents: 0, whenEnded: [] };
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

  /** Counted so the transaction interceptor can log (at debug level) a mutation that wrote no audit event; nothing enforces one. */
  noteAuditEvent(): void {
    const current = transactions.getStore();
    if (current) current.auditEvents += 1;
  }
}
