import { Args, Float, ID, Info, Int, Mutation, ObjectType, Field, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Actor } from '../access/actor.js';
import type { LoadersContext } from '../access/loaders.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { EngagementModel } from '../engagement/engagement.model.js';
import type { Engagement } from '../engagement/engagement.entity.js';
import { Goal } from '../goal/goal.entity.js';
import type { GoalCheckIn } from '../goal/goal-check-in.entity.js';
import { goalProgress } from '../goal/goal-progress.js';
import { CoachingSessionModel } from '../session/coaching-session.model.js';
import type { CoachingSession } from '../session/coaching-session.entity.js';
import { User } from '../user/user.entity.js';
import { UserModel } from '../user/user.model.js';
import { rosterIncludeOf, rosterSummaryOf } from './client-roster.js';
import type { Client } from './client.entity.js';
import { ClientsArgs, CreateClientInput, UpdateClientInput } from './client.inputs.js';
import { ClientConnection, ClientModel } from './client.model.js';
import { ClientService } from './client.service.js';
import { IdArg } from '../common/id-arg.js';

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
  @Query(() => ClientConnection, { description: 'Your roster (owners: the whole practice), in name order unless orderBy says otherwise.' })
  clients(@CurrentActor() actor: Actor, @Args() args: ClientsArgs, @Info() info: GraphQLResolveInfo) {
    return this.clientService.list(actor, args.filter, args.first, args.after, rosterIncludeOf(info), args.orderBy);
  }

  @Query(() => ClientModel, { description: 'A client you coach; clients can read their own record.' })
  client(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Client> {
    return this.clientService.get(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => ClientModel)
  createClient(@CurrentActor() actor: Actor, @Args('input') input: CreateClientInput): Promise<Client> {
    return this.clientService.create(actor, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => ClientModel)
  updateClient(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('input') input: UpdateClientInput): Promise<Client> {
    return this.clientService.update(actor, id, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => ClientModel, { description: 'Takes the client off the roster (status ALUMNI); records are kept.' })
  archiveClient(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Client> {
    return this.clientService.archive(actor, id);
  }

  // The field resolvers below take GraphQL's own (parent, args, context) and no parameter decorators:
  // Nest then calls them directly instead of building an execution context per field (a roster page
  // resolves hundreds). Summaries read with the roster page are answered at once, without a promise.

  @ResolveField(() => UserModel, { nullable: true })
  coach(client: Client, _args: unknown, { loaders }: LoadersContext): Promise<User | null> {
    return loaders.byId(User).load(client.coachId);
  }

  @ResolveField(() => Boolean, { description: 'Whether the client has accepted an invite and can log in.' })
  hasLogin(client: Client): boolean {
    return client.userId !== null;
  }

  @ResolveField(() => [EngagementModel])
  engagements(client: Client, _args: unknown, { loaders }: LoadersContext): Promise<Engagement[]> {
    return loaders.engagementsByClient.load(client.id);
  }

  @ResolveField(() => EngagementModel, { nullable: true, description: 'The ACTIVE engagement, if any (else the newest).' })
  currentEngagement(client: Client, _args: unknown, { loaders }: LoadersContext): Engagement | null | Promise<Engagement | null> {
    const read = rosterSummaryOf(client)?.currentEngagement;
    if (read !== undefined) return read;
    return loaders.currentEngagementByClient.load(client.id);
  }

  @ResolveField(() => CoachingSessionModel, { nullable: true })
  nextSession(client: Client, _args: unknown, { loaders }: LoadersContext): CoachingSession | null | Promise<CoachingSession | null> {
    const read = rosterSummaryOf(client)?.nextSession;
    if (read !== undefined) return read;
    return loaders.nextSessionByClient.load(client.id);
  }

  @ResolveField(() => Int)
  openActionItemCount(client: Client, _args: unknown, { loaders }: LoadersContext): number | Promise<number> {
    const read = rosterSummaryOf(client)?.openActionItemCount;
    if (read !== undefined) return read;
    return loaders.actionItemCountsByClient.load(client.id).then((counts) => counts.open);
  }

  @ResolveField(() => Int, { description: "OPEN action items due before today in the client's time zone (as ActionItem.isOverdue)." })
  overdueActionItemCount(client: Client, _args: unknown, { loaders }: LoadersContext): number | Promise<number> {
    const read = rosterSummaryOf(client)?.overdueActionItemCount;
    if (read !== undefined) return read;
    return loaders.actionItemCountsByClient.load(client.id).then((counts) => counts.overdue);
  }

  @ResolveField(() => Int, {
    description:
      "Comments on the client's action items by the other side (for staff, the client; for the client, their coach) that you have not read yet.",
  })
  unreadCommentCount(client: Client, _args: unknown, { loaders }: LoadersContext): number | Promise<number> {
    const read = rosterSummaryOf(client)?.unreadCommentCount;
    if (read !== undefined) return read;
    return loaders.unreadCommentCountByClient.load(client.id);
  }

  @ResolveField(() => Int, {
    description:
      "Messages in the client's conversations by the other side (for staff, the client; for the client, their coach) that you have not read yet.",
  })
  unreadMessageCount(client: Client, _args: unknown, { loaders }: LoadersContext): number | Promise<number> {
    const read = rosterSummaryOf(client)?.unreadMessageCount;
    if (read !== undefined) return read;
    return loaders.unreadMessageCountByClient.load(client.id);
  }

  @ResolveField(() => GoalProgressSummary, { nullable: true })
  latestGoalProgress(
    client: Client,
    _args: unknown,
    { loaders }: LoadersContext,
  ): GoalProgressSummary | null | Promise<GoalProgressSummary | null> {
    const read = rosterSummaryOf(client)?.latestGoalCheckIn;
    if (read !== undefined) return read && progressSummary(read.checkIn, read.goal);
    return loaders.latestGoalCheckInByClient
      .load(client.id)
      .then(async (checkIn) => (checkIn ? progressSummary(checkIn, await loaders.byId(Goal).load(checkIn.goalId)) : null));
  }
}

function progressSummary(checkIn: GoalCheckIn, goal: Goal | null): GoalProgressSummary | null {
  if (!goal) return null;
  return { goalId: goal.id, goalTitle: goal.title, progress: goalProgress(goal, checkIn.value), checkedInAt: checkIn.recordedAt };
}
