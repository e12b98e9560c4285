import { Args, Info, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ForbiddenError } from '#tandem/errors';
import { isStaff, type Actor } from '../access/actor.js';
import type { LoadersContext } from '../access/loaders.js';
import { actorOf, CurrentActor, Roles, type ActorContext } from '../auth/auth.decorators.js';
import { Client } from '../client/client.entity.js';
import { connectionNodeFields, nodeProperties } from '../common/node-selection.js';
import { ClientModel } from '../client/client.model.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { EngagementModel } from '../engagement/engagement.model.js';
import type { CoachingSession } from './coaching-session.entity.js';
import { ScheduleSessionInput, SessionsArgs, UpdateSessionInput } from './coaching-session.inputs.js';
import { CoachingSessionConnection, CoachingSessionModel } from './coaching-session.model.js';
import { SESSION_LIST_ALWAYS, SESSION_NODE_FIELDS } from './coaching-session.columns.js';
import { CoachingSessionService } from './coaching-session.service.js';
import { IdArg } from '../common/id-arg.js';

@Resolver(() => CoachingSessionModel)
export class CoachingSessionResolver {
  constructor(private readonly sessionService: CoachingSessionService) {}

  @Query(() => CoachingSessionModel)
  session(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<CoachingSession> {
    return this.sessionService.get(actor, id);
  }

  @Query(() => CoachingSessionConnection, { description: 'The calendar: sessions you can see in start order (a client: their own).' })
  sessions(@CurrentActor() actor: Actor, @Args() args: SessionsArgs, @Info() info: GraphQLResolveInfo) {
    return this.sessionService.list(actor, args, nodeProperties(connectionNodeFields(info), SESSION_NODE_FIELDS, SESSION_LIST_ALWAYS));
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => CoachingSessionModel, { description: 'An ad hoc session, outside the cadence, starting from now on.' })
  scheduleSession(@CurrentActor() actor: Actor, @Args('input') input: ScheduleSessionInput): Promise<CoachingSession> {
    return this.sessionService.schedule(actor, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => CoachingSessionModel, { description: 'Moves this one session to a time from now on; the others keep their times.' })
  rescheduleSession(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('startsAt') startsAt: Date): Promise<CoachingSession> {
    return this.sessionService.reschedule(actor, id, startsAt);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => CoachingSessionModel)
  updateSession(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('input') input: UpdateSessionInput): Promise<CoachingSession> {
    return this.sessionService.update(actor, id, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => CoachingSessionModel)
  cancelSession(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<CoachingSession> {
    return this.sessionService.cancel(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => CoachingSessionModel, { description: 'From the session’s start time on (CONFLICT before).' })
  completeSession(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<CoachingSession> {
    return this.sessionService.complete(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => CoachingSessionModel, { description: 'From the session’s start time on (CONFLICT before).' })
  markSessionNoShow(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<CoachingSession> {
    return this.sessionService.markNoShow(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => CoachingSessionModel, { description: 'Your private notes: never visible to the client or a sponsor.' })
  writePrivateNotes(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('notes') notes: string): Promise<CoachingSession> {
    return this.sessionService.writePrivateNotes(actor, id, notes);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => CoachingSessionModel, {
    description: 'Shares the summary with the client, from the session’s start time on (before it, the client sees the agenda).',
  })
  publishSessionSummary(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('summary') summary: string): Promise<CoachingSession> {
    return this.sessionService.publishSummary(actor, id, summary);
  }

  // The field resolvers below take GraphQL's own (parent, args, context) and no parameter decorators:
  // Nest then calls them directly instead of building an execution context per field (a page of
  // sessions resolves several per session). The context is graphql.options.ts's: req (with the actor) and loaders.

  @ResolveField(() => String, { nullable: true, description: 'Coaches and owners only; a client asking gets FORBIDDEN.' })
  privateNotes(session: CoachingSession, _args: unknown, context: ActorContext): string | null {
    if (!isStaff(actorOf(context))) throw new ForbiddenError('Private notes are for coaches only');
    return session.privateNotes;
  }

  @ResolveField(() => String, { nullable: true, description: 'For a client, only once published.' })
  sharedSummary(session: CoachingSession, _args: unknown, context: ActorContext): string | null {
    if (!isStaff(actorOf(context)) && !session.summaryPublishedAt) return null;
    return session.sharedSummary;
  }

  @ResolveField(() => EngagementModel, { nullable: true })
  engagement(session: CoachingSession, _args: unknown, { loaders }: LoadersContext): Promise<Engagement | null> {
    return loaders.byId(Engagement).load(session.engagementId);
  }

  @ResolveField(() => ClientModel, { nullable: true })
  client(session: CoachingSession, _args: unknown, { loaders }: LoadersContext): Promise<Client | null> {
    return loaders.byId(Client).load(session.clientId);
  }
}
