import { Args, ArgsType, Field, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import type { Actor } from '../access/actor.js';
import { RequestLoaders } from '../access/loaders.decorator.js';
import type { Loaders } from '../access/loaders.js';
import { Scope } from '../access/scope.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Keyset, PageArgs } from '../common/pagination.js';
import { User } from '../user/user.entity.js';
import { UserModel } from '../user/user.model.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditEventConnection, AuditEventModel } from './audit-event.model.js';

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the events about this record.' })
  @IsOptional()
  @IsUUID()
  entityId?: string;
}

/** Newest first: the id is a bigint identity, so it orders events as they were written. */
const AUDIT_ORDER = new Keyset('DESC', [{ sql: 'a.id', type: 'bigint' }]);

@Resolver(() => AuditEventModel)
export class AuditEventResolver {
  constructor(private readonly scope: Scope) {}

  @Roles('OWNER')
  @Query(() => AuditEventConnection, { description: "The practice's audit trail, newest first (owners only)." })
  async auditEvents(@CurrentActor() actor: Actor, @Args() args: AuditEventsArgs) {
    const qb = this.scope.query(actor, AuditEvent, 'a');
    if (args.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: args.entityId });
    for (const [expression, alias] of AUDIT_ORDER.selections()) qb.addSelect(expression, alias);
    AUDIT_ORDER.apply(qb, args.after);
    return AUDIT_ORDER.connection(await qb.limit(args.first + 1).getRawAndEntities(), args.first);
  }

  @ResolveField(() => String, { description: 'The details as a JSON object, serialized.' })
  details(@Parent() event: AuditEvent): string {
    return JSON.stringify(event.details);
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'Null for system actions or a deleted user.' })
  actor(@Parent() event: AuditEvent, @RequestLoaders() loaders: Loaders): Promise<User | null> | null {
    return event.actorId ? loaders.byId(User).load(event.actorId) : null;
  }
}
