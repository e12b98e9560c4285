import { Injectable } from '@nestjs/common';
import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '#tandem/errors';
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
    const metadata = qb.expressionMap.mainAlias!.metadata;
    const table = metadata.tableName;
    const has = (property: string) => metadata.findColumnWithPropertyName(property) !== undefined;
    const params = { scopePracticeId: actor.practiceId, scopeUserId: actor.userId, scopeClientId: actor.clientId };

    if (table === 'practice') return qb.where(`${alias}.id = :scopePracticeId`, params);
    qb.where(`${alias}.practice_id = :scopePracticeId`, params);

    if (table === 'client') {
      if (actor.role === 'COACH') qb.andWhere(`${alias}.coach_id = :scopeUserId`);
      if (actor.role === 'CLIENT') qb.andWhere(`${alias}.id = :scopeClientId`);
    } else if (has('clientId')) {
      if (actor.role === 'COACH') {
        qb.andWhere(`${alias}.client_id IN (SELECT c.id FROM client c WHERE c.practice_id = :scopePracticeId AND c.coach_id = :scopeUserId)`);
      }
      if (actor.role === 'CLIENT') qb.andWhere(`${alias}.client_id = :scopeClientId`);
    } else if (table === 'app_user') {
      if (actor.role === 'CLIENT') {
        qb.andWhere(`(${alias}.id = :scopeUserId OR ${alias}.id = (SELECT c.coach_id FROM client c WHERE c.id = :scopeClientId))`);
      }
    } else if (table === 'sponsor') {
      if (actor.role === 'CLIENT') qb.andWhere('1 = 0');
    } else if (table === 'audit_event') {
      if (actor.role !== 'OWNER') qb.andWhere('1 = 0');
    }
    return qb;
  }

  /** One record the caller may see, or NOT_FOUND. */
  async get<T extends ObjectLiteral>(actor: Actor, entity: EntityTarget<T>, id: string, what: string): Promise<T> {
    const record = UUID.test(id) ? await this.query(actor, entity, 'r').andWhere('r.id = :id', { id }).getOne() : null;
    if (!record) throw new NotFoundError(what, id);
    return record;
  }

  /** The records among `ids` the caller may see (any order). */
  async many<T extends ObjectLiteral>(actor: Actor, entity: EntityTarget<T>, ids: readonly string[]): Promise<T[]> {
    const valid = ids.filter((id) => UUID.test(id));
    if (!valid.length) return [];
    return this.query(actor, entity, 'r').andWhere('r.id = ANY(:ids)', { ids: valid }).getMany();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
