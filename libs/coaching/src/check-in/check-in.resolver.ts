import { Args, ArgsType, Field, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import type { Actor } from '../access/actor.js';
import { RequestLoaders } from '../access/loaders.decorator.js';
import type { Loaders } from '../access/loaders.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import type { Client } from '../client/client.entity.js';
import { ClientModel } from '../client/client.model.js';
import { PageArgs } from '../common/pagination.js';
import type { CheckIn } from './check-in.entity.js';
import { CheckInConnection, CheckInModel } from './check-in.model.js';
import { CheckInService } from './check-in.service.js';

@ArgsType()
export class CheckInsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  clientId!: string;
}

@Resolver(() => CheckInModel)
export class CheckInResolver {
  constructor(private readonly checkInService: CheckInService) {}

  @Query(() => CheckInConnection, {
    description: "A client's mid-cycle check-in answers, newest first: their coach, owners and the client themself.",
  })
  checkIns(@CurrentActor() actor: Actor, @Args() args: CheckInsArgs) {
    return this.checkInService.list(actor, args.clientId, args.first, args.after);
  }
}

@Resolver(() => ClientModel)
export class ClientCheckInResolver {
  @ResolveField(() => CheckInModel, { nullable: true, description: 'The latest mid-cycle check-in answer.' })
  latestCheckIn(@Parent() client: Client, @RequestLoaders() loaders: Loaders): Promise<CheckIn | null> {
    return loaders.latestCheckInByClient.load(client.id);
  }
}
