import { Args, Float, ID, Int, Mutation, ObjectType, Field, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import { RequestLoaders } from '../access/loaders.decorator.js';
import type { Loaders } from '../access/loaders.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { EngagementModel } from '../engagement/engagement.model.js';
import type { Engagement } from '../engagement/engagement.entity.js';
import { Goal } from '../goal/goal.entity.js';
import { goalProgress } from '../goal/goal-progress.js';
import { CoachingSessionModel } from '../session/coaching-session.model.js';
import type { CoachingSession } from '../session/coaching-session.entity.js';
import { User } from '../user/user.entity.js';
import { UserModel } from '../user/user.model.js';
import type { Client } from './client.entity.js';
import { ClientsArgs, CreateClientInput, UpdateClientInput } from './client.inputs.js';
import { ClientConnection, ClientModel } from './client.model.js';
import { ClientService } from './client.service.js';

@ObjectType({ description: 'Progress on the goal most recently checked in on.' })
export class GoalProgressSummary {
  @Field(() => ID)
  goalId!: string;

  @Field()
  goalTitle!: string;

  @Field(() => Float, { description: '0–1, from the metric baseline to its target.' })
  progress!: number;

  @Field()
  checkedInAt!: Date;
}

@Resolver(() => ClientModel)
export class ClientResolver {
  constructor(private readonly clientService: ClientService) {}

  @Roles('OWNER', 'COACH')
  @Query(() => ClientConnection, { description: 'Your roster (owners: the whole practice), in name order.' })
  clients(@CurrentActor() actor: Actor, @Args() args: ClientsArgs) {
    return this.clientService.list(actor, args.filter, args.first, args.after);
  }

  @Query(() => ClientModel, { description: 'A client you coach; clients can read their own record.' })
  client(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<Client> {
    return this.clientService.get(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => ClientModel)
  createClient(@CurrentActor() actor: Actor, @Args('input') input: CreateClientInput): Promise<Client> {
    return this.clientService.create(actor, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => ClientModel)
  updateClient(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateClientInput): Promise<Client> {
    return this.clientService.update(actor, id, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => ClientModel, { description: 'Takes the client off the roster (status ALUMNI); records are kept.' })
  archiveClient(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<Client> {
    return this.clientService.archive(actor, id);
  }

  @ResolveField(() => UserModel, { nullable: true })
  coach(@Parent() client: Client, @RequestLoaders() loaders: Loaders): Promise<User | null> {
    return loaders.byId(User).load(client.coachId);
  }

  @ResolveField(() => Boolean, { description: 'Whether the client has accepted an invite and can log in.' })
  hasLogin(@Parent() client: Client): boolean {
    return client.userId !== null;
  }

  @ResolveField(() => [EngagementModel])
  engagements(@Parent() client: Client, @RequestLoaders() loaders: Loaders): Promise<Engagement[]> {
    return loaders.engagementsByClient.load(client.id);
  }

  @ResolveField(() => EngagementModel, { nullable: true, description: 'The ACTIVE engagement, if any (else the newest).' })
  async currentEngagement(@Parent() client: Client, @RequestLoaders() loaders: Loaders): Promise<Engagement | null> {
    const engagements = await loaders.engagementsByClient.load(client.id);
    return engagements.find((e) => e.status === 'ACTIVE') ?? engagements.at(-1) ?? null;
  }

  @ResolveField(() => CoachingSessionModel, { nullable: true })
  nextSession(@Parent() client: Client, @RequestLoaders() loaders: Loaders): Promise<CoachingSession | null> {
    return loaders.nextSessionByClient.load(client.id);
  }

  @ResolveField(() => Int)
  openActionItemCount(@Parent() client: Client, @RequestLoaders() loaders: Loaders): Promise<number> {
    return loaders.openActionItemCountByClient.load(client.id);
  }

  @ResolveField(() => GoalProgressSummary, { nullable: true })
  async latestGoalProgress(@Parent() client: Client, @RequestLoaders() loaders: Loaders): Promise<GoalProgressSummary | null> {
    const checkIn = await loaders.latestGoalCheckInByClient.load(client.id);
    if (!checkIn) return null;
    const goal = await loaders.byId(Goal).load(checkIn.goalId);
    if (!goal) return null;
    return { goalId: goal.id, goalTitle: goal.title, progress: goalProgress(goal, checkIn.value), checkedInAt: checkIn.recordedAt };
  }
}
