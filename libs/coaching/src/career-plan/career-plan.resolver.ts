import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { BadUserInputError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { RequestLoaders } from '../access/loaders.decorator.js';
import type { Loaders } from '../access/loaders.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { isInvalidDateTime } from '../common/date-time.scalar.js';
import type { Engagement } from '../engagement/engagement.entity.js';
import { EngagementModel } from '../engagement/engagement.model.js';
import { User } from '../user/user.entity.js';
import { UserModel } from '../user/user.model.js';
import type { CareerPlanRevision } from './career-plan-revision.entity.js';
import type { CareerPlan } from './career-plan.entity.js';
import { CareerPlanRevisionInput } from './career-plan.inputs.js';
import { CareerPlanModel, CareerPlanRevisionModel } from './career-plan.model.js';
import { CareerPlanService } from './career-plan.service.js';

@Resolver(() => CareerPlanModel)
export class CareerPlanResolver {
  constructor(private readonly careerPlanService: CareerPlanService) {}

  @Roles('OWNER', 'COACH')
  @Mutation(() => CareerPlanRevisionModel, {
    description: 'Saves the next revision (creating the plan on the first save); sections left out carry over.',
  })
  saveCareerPlanRevision(
    @CurrentActor() actor: Actor,
    @Args('engagementId', { type: () => ID }) engagementId: string,
    @Args('input') input: CareerPlanRevisionInput,
  ): Promise<CareerPlanRevision> {
    return this.careerPlanService.saveRevision(actor, engagementId, input);
  }

  // The loader lists a plan's revisions in number order.

  @ResolveField(() => CareerPlanRevisionModel, { nullable: true })
  async latestRevision(@Parent() plan: CareerPlan, @RequestLoaders() loaders: Loaders): Promise<CareerPlanRevision | null> {
    return (await loaders.revisionsByPlan.load(plan.id)).at(-1) ?? null;
  }

  @ResolveField(() => [CareerPlanRevisionModel], { description: 'Newest first; at most `first` (100).' })
  async revisions(
    @Parent() plan: CareerPlan,
    @RequestLoaders() loaders: Loaders,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
  ): Promise<CareerPlanRevision[]> {
    const revisions = await loaders.revisionsByPlan.load(plan.id);
    return [...revisions].reverse().slice(0, Math.min(Math.max(first, 0), 100));
  }

  @ResolveField(() => CareerPlanRevisionModel, { nullable: true })
  async revision(
    @Parent() plan: CareerPlan,
    @RequestLoaders() loaders: Loaders,
    @Args('number', { type: () => Int }) number: number,
  ): Promise<CareerPlanRevision | null> {
    return (await loaders.revisionsByPlan.load(plan.id)).find((r) => r.number === number) ?? null;
  }

  @ResolveField(() => CareerPlanRevisionModel, {
    nullable: true,
    description: 'The revision in force at that instant (null before the first).',
  })
  async revisionAsOf(
    @Parent() plan: CareerPlan,
    @RequestLoaders() loaders: Loaders,
    @Args('at') at: Date,
  ): Promise<CareerPlanRevision | null> {
    // A nested field: the global argument check sees only the operation's own arguments.
    if (isInvalidDateTime(at))
      throw new BadUserInputError('at must be a date-time such as 2026-12-01T09:00:00Z (with Z or an offset)', 'at');
    const revisions = await loaders.revisionsByPlan.load(plan.id);
    return revisions.findLast((r) => r.createdAt <= at) ?? null;
  }
}

@Resolver(() => CareerPlanRevisionModel)
export class CareerPlanRevisionResolver {
  @ResolveField(() => UserModel, { nullable: true })
  author(@Parent() revision: CareerPlanRevision, @RequestLoaders() loaders: Loaders): Promise<User | null> | null {
    return revision.authorId ? loaders.byId(User).load(revision.authorId) : null;
  }
}

@Resolver(() => EngagementModel)
export class EngagementCareerPlanResolver {
  @ResolveField(() => CareerPlanModel, { nullable: true, description: 'Null until the first revision is saved.' })
  careerPlan(@Parent() engagement: Engagement, @RequestLoaders() loaders: Loaders): Promise<CareerPlan | null> {
    return loaders.careerPlanByEngagement.load(engagement.id);
  }
}
