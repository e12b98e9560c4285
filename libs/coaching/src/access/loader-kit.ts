import DataLoader from 'dataloader';
import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { UnauthenticatedError } from '#tandem/errors';
import type { OrderTerm } from '../client/client-summaries.sql.js';
import type { Actor } from './actor.js';
import type { Scope } from './scope.js';

/**
 * What every feature's DataLoaders (`<feature>.loaders.ts`) stand on: one request's tenant Scope and
 * caller, and the batching shapes they share. Each loader batches all keys asked for in one tick into
 * one scoped SQL statement.
 */
export interface LoaderContext {
  readonly scope: Scope;
  /** The request's caller; read lazily, after the auth guard has set it. */
  actor(): Actor;
  /** The injected clock's now (what "today" means for date rules). */
  now(): Date;
}

export function loaderContext(scope: Scope, actorOf: () => Actor | undefined, now: () => Date = () => new Date()): LoaderContext {
  return {
    scope,
    now,
    actor() {
      const actor = actorOf();
      if (!actor) throw new UnauthenticatedError();
      return actor;
    },
  };
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** `qb` with `terms` added to its ORDER BY. */
export function ordered<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, terms: readonly OrderTerm[]): SelectQueryBuilder<T> {
  for (const [expression, direction] of terms) qb.addOrderBy(expression, direction);
  return qb;
}

/** Per key: the records of `entity` whose `column` is that key, in `orderBy` order. */
export function listBy<T extends ObjectLiteral>(
  context: LoaderContext,
  entity: EntityTarget<T>,
  column: string,
  keyOf: (row: T) => string | null,
  orderBy: string,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await context.scope
      .query(context.actor(), entity, 'r')
      .andWhere(`r.${column} = ANY(:keys)`, { keys })
      .orderBy(orderBy)
      .getMany();
    const groups = groupBy(rows, keyOf);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
