import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

interface TransactionState {
  manager: EntityManager;
  auditEvents: number;
  afterCommit: Array<() => Promise<void> | void>;
}

const transactions = new AsyncLocalStorage<TransactionState>();

/**
 * The database as services see it: inside a mutation every call shares one
 * transaction (begun by TransactionInterceptor), outside it they use the pool.
 */
@Injectable()
export class Db {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return transactions.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return transactions.getStore() !== undefined;
  }

  /** Runs `work` in a transaction, or in the current one when already inside. */
  async transaction<T>(work: () => Promise<T>): Promise<{ result: T; auditEvents: number }> {
    const current = transactions.getStore();
    if (current) return { result: await work(), auditEvents: current.auditEvents };
    const state: TransactionState = { manager: this.dataSource.manager, auditEvents: 0, afterCommit: [] };
    const result = await this.dataSource.transaction((manager) => {
      state.manager = manager;
      return transactions.run(state, work);
    });
    for (const callback of state.afterCommit) await callback();
    return { result, auditEvents: state.auditEvents };
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
