import { Injectable } from '@nestjs/common';
import type { EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '#tandem/errors';
import { isUuid } from '../common/validation.js';
import type { Actor } from './actor.js';
import { Db } from './db.js';

/**
 * The one place that decides which rows a caller may see. Every read of tenant
 * data goes through `query()`, so a resolver cannot forget the practice, a coach
 * cannot reach another coach's clients and a client sees only their own records:
 * - every table: practice_id = the caller's practice;
 * - `client`: a COACH sees the clients they coach, a CLIENT only their own;
 * - tables with client_id: the same rule through the owning client;
 * - `app_user`: a CLIENT sees only themselves and their coach;
 * - `sponsor` and `audit_event`: staff only (audit: owners only).
 * Records out of reach answer NOT_FOUND, exactly like records that do not exist.
 */
@Injectable()
export class Scope {
  constructor(private readonly db: Db) {}

  query<T extends ObjectLiteral>(actor: Actor, entity: EntityTarget<T>, alias: string): SelectQueryBuilder<T> {
    const qb = this.db.manager.createQueryBuilder(entity, alias);
    const [first, ...rest] = scopeConditions(actor, qb.expressionMap.mainAlias!.metadata, alias, (name) => `:${NAMED[name]}`);
    qb.where(first, this.parameters(actor));
    for (const condition of rest) qb.andWhere(condition);
    return qb;
  }

  /** The named parameters `query()` binds for `actor`. */
  parameters(actor: Actor): Record<string, unknown> {
    return { scopePracticeId: actor.practiceId, scopeUserId: actor.userId, scopeClientId: actor.clientId };
  }

  /** What decides the text of `query()`'s conditions on one entity: the caller's role (their ids are parameters). */
  shape(actor: Actor): string {
    return actor.role;
  }

  /**
   * The same rule as `query()`, as raw SQL for set-based reads the query builder
   * cannot express (LATERAL joins): the conditions on `alias` (a row of `entity`)
   * joined with AND, each value added through `param`, which returns its placeholder.
   *
   * `ofClient`: an SQL expression for the id of a client row that was itself read
   * through this scope (the roster page's clients). Rows of a table with client_id
   * that belong to that client are in reach by the rule above, so the condition is
   * the practice and that client, without the coach's roster subquery (which
   * PostgreSQL would otherwise plan once per joined table).
   */
  rawCondition(
    actor: Actor,
    entity: EntityTarget<ObjectLiteral>,
    alias: string,
    param: (value: string | null) => string,
    options: { ofClient?: string } = {},
  ): string {
    const metadata = this.db.manager.connection.getMetadata(entity);
    if (options.ofClient !== undefined) {
      if (!metadata.findColumnWithPropertyName('clientId')) throw new Error(`Scope.rawCondition: ${metadata.tableName} has no client_id`);
      return `${alias}.practice_id = ${param(actor.practiceId)} AND ${alias}.client_id = ${options.ofClient}`;
    }
    return scopeConditions(actor, metadata, alias, (name) => param(actor[name])).join(' AND ');
  }

  /** One record the caller may see, or NOT_FOUND. */
  async get<T extends ObjectLiteral>(actor: Actor, entity: EntityTarget<T>, id: string, what: string): Promise<T> {
    const record = isUuid(id) ? await this.query(actor, entity, 'r').andWhere('r.id = :id', { id }).getOne() : null;
    if (!record) throw new NotFoundError(what, id);
    return record;
  }

  /** The records among `ids` the caller may see (any order). */
  async many<T extends ObjectLiteral>(actor: Actor, entity: EntityTarget<T>, ids: readonly string[]): Promise<T[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.query(actor, entity, 'r').andWhere('r.id = ANY(:ids)', { ids: valid }).getMany();
  }
}

const NAMED = { practiceId: 'scopePracticeId', userId: 'scopeUserId', clientId: 'scopeClientId' } as const;

/** The rule itself, once: SQL conditions on `alias`, with `ref` rendering a reference to one of the caller's ids. */
function scopeConditions(actor: Actor, metadata: EntityMetadata, alias: string, ref: (name: keyof typeof NAMED) => string): string[] {
  const table = metadata.tableName;
  const has = (property: string) => metadata.findColumnWithPropertyName(property) !== undefined;

  if (table === 'practice') return [`${alias}.id = ${ref('practiceId')}`];
  const conditions = [`${alias}.practice_id = ${ref('practiceId')}`];

  if (table === 'client') {
    if (actor.role === 'COACH') conditions.push(`${alias}.coach_id = ${ref('userId')}`);
    if (actor.role === 'CLIENT') conditions.push(`${alias}.id = ${ref('clientId')}`);
  } else if (has('clientId')) {
    if (actor.role === 'COACH') {
      conditions.push(
        `${alias}.client_id IN (SELECT c.id FROM client c WHERE c.practice_id = ${ref('practiceId')} AND c.coach_id = ${ref('userId')})`,
      );
    }
    if (actor.role === 'CLIENT') conditions.push(`${alias}.client_id = ${ref('clientId')}`);
  } else if (table === 'app_user') {
    if (actor.role === 'CLIENT') {
      conditions.push(
        `(${alias}.id = ${ref('userId')} OR ${alias}.id = (SELECT c.coach_id FROM client c WHERE c.id = ${ref('clientId')}))`,
      );
    }
  } else if (table === 'sponsor') {
    if (actor.role === 'CLIENT') conditions.push('1 = 0');
  } else if (table === 'audit_event') {
    if (actor.role !== 'OWNER') conditions.push('1 = 0');
  }
  return conditions;
}
