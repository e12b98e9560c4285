import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import { RequestLoaders } from '../access/loaders.decorator.js';
import type { Loaders } from '../access/loaders.js';
import { Scope } from '../access/scope.js';
import { UnauthenticatedError } from '#tandem/errors';
import { CurrentActor, OptionalActor, Roles } from '../auth/auth.decorators.js';
import { authenticatedActorOf } from '../auth/authenticated-user.js';
import { Client } from '../client/client.entity.js';
import { ClientModel } from '../client/client.model.js';
import { User } from './user.entity.js';
import { UserModel } from './user.model.js';

@Resolver(() => UserModel)
export class UserResolver {
  constructor(private readonly scope: Scope) {}

  @Roles('OWNER', 'COACH')
  @Query(() => [UserModel], { description: "The practice's owner and coaches, by name." })
  coaches(@CurrentActor() actor: Actor): Promise<User[]> {
    return this.scope
      .query(actor, User, 'u')
      .andWhere(`u.role IN ('OWNER', 'COACH')`)
      .orderBy('u.name')
      .addOrderBy('u.id')
      .limit(500)
      .getMany();
  }

  @ResolveField(() => ClientModel, { nullable: true, description: 'For a CLIENT user: their client record.' })
  async client(
    @Parent() user: User,
    @OptionalActor() requestActor: Actor | null,
    @RequestLoaders() loaders: Loaders,
  ): Promise<Client | null> {
    // In an AuthPayload the user is the caller who just logged in (the request had no token, or another one).
    const payloadActor = authenticatedActorOf(user);
    const actor = payloadActor ?? requestActor;
    if (!actor) throw new UnauthenticatedError();
    if (user.role !== 'CLIENT' || user.id !== actor.userId || !actor.clientId) return null;
    if (!payloadActor) return loaders.byId(Client).load(actor.clientId);
    return this.scope.query(actor, Client, 'c').andWhere('c.id = :id', { id: actor.clientId }).getOne();
  }
}
