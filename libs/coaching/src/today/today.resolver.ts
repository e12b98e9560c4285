import { Args, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { connectionNodeFields } from '../common/node-selection.js';
import { PageArgs } from '../common/pagination.js';
import {
  ClientActivityConnection,
  ClientAttentionConnection,
  TodayModel,
  TodaySessionConnection,
  TodaySessionsArgs,
  type TodayView,
} from './today.model.js';
import { TodayService } from './today.service.js';

@Resolver(() => TodayModel)
export class TodayResolver {
  constructor(private readonly todayService: TodayService) {}

  @Roles('OWNER', 'COACH')
  @Query(() => TodayModel, { description: "The coach's home page: their own clients (an owner's too), on the injected clock." })
  today(@CurrentActor() actor: Actor): Promise<TodayView> {
    return this.todayService.view(actor);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => TodayModel, {
    description: "Marks your clients' activity seen up to `through`, an activity edge's cursor (never moves back).",
  })
  markActivitySeen(@CurrentActor() actor: Actor, @Args('through') through: string): Promise<TodayView> {
    return this.todayService.markSeen(actor, through);
  }

  @ResolveField(() => TodaySessionConnection, { description: 'Sessions not cancelled, in start order.' })
  sessions(@Parent() view: TodayView, @Args() args: TodaySessionsArgs, @Info() info: GraphQLResolveInfo) {
    return this.todayService.sessions(view, args, connectionNodeFields(info).has('openActionItems'));
  }

  @ResolveField(() => ClientAttentionConnection, { description: 'Clients with at least one reason, by name.' })
  needsAttention(@Parent() view: TodayView, @Args() args: PageArgs) {
    return this.todayService.needsAttention(view, args);
  }

  @ResolveField(() => ClientActivityConnection, { description: 'What your clients did themselves, newest first.' })
  activity(@Parent() view: TodayView, @Args() args: PageArgs) {
    return this.todayService.activity(view, args);
  }

  @ResolveField(() => Date, { nullable: true, description: 'Your "activity seen up to" point; null before you first mark it.' })
  async activitySeenUpTo(@Parent() view: TodayView): Promise<Date | null> {
    return (await this.todayService.readPoint(view)).seenUpTo;
  }

  @ResolveField(() => Int, { description: 'Activity after your "seen up to" point.' })
  async unreadActivityCount(@Parent() view: TodayView): Promise<number> {
    return (await this.todayService.readPoint(view)).unread;
  }
}
