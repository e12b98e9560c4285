import { Args, ArgsType, Field, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { Actor } from '../access/actor.js';
import { RequestLoaders } from '../access/loaders.decorator.js';
import type { Loaders } from '../access/loaders.js';
import { Scope } from '../access/scope.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Client } from '../client/client.entity.js';
import { ClientModel } from '../client/client.model.js';
import { EngagementStatusEnum, SessionStatusEnum } from '../common/enums.js';
import { Keyset, PageArgs } from '../common/pagination.js';
import type { CoachingSession, SessionStatus } from '../session/coaching-session.entity.js';
import { CoachingSessionModel } from '../session/coaching-session.model.js';
import { User } from '../user/user.entity.js';
import { UserModel } from '../user/user.model.js';
import { cadenceOf } from './engagement-cadence.js';
import { Engagement, type EngagementStatus } from './engagement.entity.js';
import { CadenceInput, CreateEngagementInput, SessionPlanChangeInput, UpdateEngagementInput } from './engagement.inputs.js';
import { CadenceModel, EngagementModel } from './engagement.model.js';
import { EngagementService } from './engagement.service.js';
import type { SessionPlanChange } from './session-plan.js';
import { SessionPlanPreviewModel } from './session-plan.model.js';
import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination.js';
import { IdArg } from '../common/id-arg.js';

@ObjectType()
export class EngagementConnection extends Connection(EngagementModel, 'Engagement') {}

@ArgsType()
export class EngagementsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @Field(() => EngagementStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(EngagementStatusEnum))
  status?: EngagementStatus;
}

/** Newest first: engagements created in one transaction share created_at, so the id breaks the tie. */
const ENGAGEMENT_ORDER = new Keyset('DESC', [
  { sql: 'e.created_at', type: 'timestamptz' },
  { sql: 'e.id', type: 'uuid' },
]);

@Resolver(() => EngagementModel)
export class EngagementResolver {
  constructor(
    private readonly engagementService: EngagementService,
    private readonly scope: Scope,
  ) {}

  @Query(() => EngagementModel)
  engagement(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Engagement> {
    return this.engagementService.get(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Query(() => SessionPlanPreviewModel, {
    description: 'What a change of cadence, end date, allotment or a pause would do to the future scheduled sessions; writes nothing.',
  })
  previewSessionPlan(
    @CurrentActor() actor: Actor,
    @Args('engagementId', { type: () => ID }) engagementId: string,
    @Args('change') change: SessionPlanChangeInput,
  ): Promise<SessionPlanChange> {
    return this.engagementService.previewPlan(actor, engagementId, change);
  }

  @Query(() => EngagementConnection, { description: 'Engagements you can see (a client: their own), newest first.' })
  async engagements(@CurrentActor() actor: Actor, @Args() args: EngagementsArgs) {
    const qb = this.scope.query(actor, Engagement, 'e');
    if (args.clientId) qb.andWhere('e.client_id = :clientId', { clientId: args.clientId });
    if (args.status) qb.andWhere('e.status = :status', { status: args.status });
    for (const [expression, alias] of ENGAGEMENT_ORDER.selections()) qb.addSelect(expression, alias);
    ENGAGEMENT_ORDER.apply(qb, args.after);
    return ENGAGEMENT_ORDER.connection(await qb.limit(args.first + 1).getRawAndEntities(), args.first);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => EngagementModel)
  createEngagement(@CurrentActor() actor: Actor, @Args('input') input: CreateEngagementInput): Promise<Engagement> {
    return this.engagementService.create(actor, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => EngagementModel)
  updateEngagement(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('input') input: UpdateEngagementInput): Promise<Engagement> {
    return this.engagementService.update(actor, id, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => EngagementModel, { description: 'DRAFT or PAUSED → ACTIVE; plans the next 12 months of sessions.' })
  activateEngagement(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Engagement> {
    return this.engagementService.activate(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => EngagementModel, {
    description:
      'ACTIVE → PAUSED; future plain cadence sessions are cancelled, those moved by hand, ad hoc or with content stay scheduled (see lastPlanChange).',
  })
  pauseEngagement(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Engagement> {
    return this.engagementService.pause(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => EngagementModel, {
    description: 'ACTIVE or PAUSED → COMPLETED; future scheduled sessions are cancelled, keeping their content.',
  })
  completeEngagement(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Engagement> {
    return this.engagementService.complete(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => EngagementModel)
  cancelEngagement(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Engagement> {
    return this.engagementService.cancel(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => EngagementModel, {
    description:
      'Re-plans future scheduled sessions; past, completed, moved by hand, ad hoc and content-bearing ones never move (see lastPlanChange).',
  })
  changeCadence(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('cadence') cadence: CadenceInput): Promise<Engagement> {
    return this.engagementService.changeCadence(actor, id, cadence);
  }

  @ResolveField(() => SessionPlanPreviewModel, {
    nullable: true,
    description: 'What the re-plan made by this mutation did to the sessions (null when none was made in this request).',
  })
  lastPlanChange(@Parent() engagement: Engagement): SessionPlanChange | null {
    return engagement.lastPlanChange ?? null;
  }

  @ResolveField(() => CadenceModel)
  cadence(@Parent() engagement: Engagement): CadenceModel {
    const rule = cadenceOf(engagement);
    return {
      frequency: rule.frequency,
      anchor: rule.anchor.kind,
      // AD_HOC has no day (its anchor is a placeholder).
      day: rule.anchor.kind === 'DAY_OF_MONTH' && rule.frequency !== 'AD_HOC' ? rule.anchor.day : null,
      ordinal: rule.anchor.kind === 'ORDINAL_WEEKDAY' ? rule.anchor.ordinal : null,
      weekday: rule.anchor.kind === 'ORDINAL_WEEKDAY' ? rule.anchor.weekday : null,
      localTime: rule.localTime,
      timeZone: rule.timeZone,
    };
  }

  @ResolveField(() => ClientModel, { nullable: true })
  client(@Parent() engagement: Engagement, @RequestLoaders() loaders: Loaders): Promise<Client | null> {
    return loaders.byId(Client).load(engagement.clientId);
  }

  @ResolveField(() => UserModel, { nullable: true })
  coach(@Parent() engagement: Engagement, @RequestLoaders() loaders: Loaders): Promise<User | null> {
    return loaders.byId(User).load(engagement.coachId);
  }

  @ResolveField(() => [CoachingSessionModel], { description: 'In start order; at most `first`.' })
  async sessions(
    @Parent() engagement: Engagement,
    @RequestLoaders() loaders: Loaders,
    @Args('status', { type: () => SessionStatusEnum, nullable: true }) status?: SessionStatus,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
  ): Promise<CoachingSession[]> {
    const sessions = await loaders.sessionsByEngagement.load(engagement.id);
    return sessions.filter((s) => !status || s.status === status).slice(0, Math.min(Math.max(first, 0), 100));
  }

  @ResolveField(() => CoachingSessionModel, { nullable: true })
  nextSession(@Parent() engagement: Engagement, @RequestLoaders() loaders: Loaders): Promise<CoachingSession | null> {
    return loaders.nextSessionByEngagement.load(engagement.id);
  }

  @ResolveField(() => Int, { description: 'Sessions held or missed (COMPLETED or NO_SHOW).' })
  async sessionsUsed(@Parent() engagement: Engagement, @RequestLoaders() loaders: Loaders): Promise<number> {
    const sessions = await loaders.sessionsByEngagement.load(engagement.id);
    return sessions.filter((s) => s.status === 'COMPLETED' || s.status === 'NO_SHOW').length;
  }
}
