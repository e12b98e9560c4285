import { Args, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import { RequestLoaders } from '../access/loaders.decorator.js';
import type { Loaders } from '../access/loaders.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Engagement } from '../engagement/engagement.entity.js';
import { EngagementModel } from '../engagement/engagement.model.js';
import { User } from '../user/user.entity.js';
import { UserModel } from '../user/user.model.js';
import type { GoalCheckIn } from './goal-check-in.entity.js';
import { goalProgress } from './goal-progress.js';
import { Goal } from './goal.entity.js';
import { CreateGoalInput, GoalCheckInInput, UpdateGoalInput } from './goal.inputs.js';
import { GoalCheckInModel, GoalMetricModel, GoalModel } from './goal.model.js';
import { GoalService } from './goal.service.js';
import { IdArg } from '../common/id-arg.js';

@Resolver(() => GoalModel)
export class GoalResolver {
  constructor(private readonly goalService: GoalService) {}

  @Query(() => GoalModel, { description: 'A goal you can see; clients can read their own.' })
  goal(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Goal> {
    return this.goalService.get(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => GoalModel)
  createGoal(@CurrentActor() actor: Actor, @Args('input') input: CreateGoalInput): Promise<Goal> {
    return this.goalService.create(actor, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => GoalModel)
  updateGoal(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('input') input: UpdateGoalInput): Promise<Goal> {
    return this.goalService.update(actor, id, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => Boolean, { description: 'Deletes the goal and its check-ins.' })
  deleteGoal(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<boolean> {
    return this.goalService.delete(actor, id);
  }

  @Roles('CLIENT')
  @Mutation(() => GoalModel, {
    description:
      'The client shares the goal with their sponsor (it appears in the sponsor report) or withdraws that at once. Only the client can consent; goals are private by default.',
  })
  setGoalSharedWithSponsor(
    @CurrentActor() actor: Actor,
    @Args('goalId', { type: () => ID }) goalId: string,
    @Args('shared', { type: () => Boolean }) shared: boolean,
  ): Promise<Goal> {
    return this.goalService.setSharedWithSponsor(actor, goalId, shared);
  }

  @Mutation(() => GoalCheckInModel, { description: 'Coaches, owners and the client themself record a measurement.' })
  addGoalCheckIn(
    @CurrentActor() actor: Actor,
    @Args('goalId', { type: () => ID }) goalId: string,
    @Args('input') input: GoalCheckInInput,
  ): Promise<GoalCheckIn> {
    return this.goalService.addCheckIn(actor, goalId, input);
  }

  @ResolveField(() => GoalMetricModel)
  metric(@Parent() goal: Goal): GoalMetricModel {
    return { name: goal.metricName, unit: goal.metricUnit, baseline: goal.metricBaseline, target: goal.metricTarget };
  }

  @ResolveField(() => Float, { description: '0–1 from the baseline to the target, by the latest check-in (0 without one).' })
  async progress(@Parent() goal: Goal, @RequestLoaders() loaders: Loaders): Promise<number> {
    const latest = await loaders.latestCheckInByGoal.load(goal.id);
    return goalProgress(goal, latest?.value);
  }

  @ResolveField(() => GoalCheckInModel, { nullable: true })
  latestCheckIn(@Parent() goal: Goal, @RequestLoaders() loaders: Loaders): Promise<GoalCheckIn | null> {
    return loaders.latestCheckInByGoal.load(goal.id);
  }

  @ResolveField(() => [GoalCheckInModel], { description: 'Newest first; at most `first` (100).' })
  async checkIns(
    @Parent() goal: Goal,
    @RequestLoaders() loaders: Loaders,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
  ): Promise<GoalCheckIn[]> {
    const checkIns = await loaders.checkInsByGoal.load(goal.id);
    return [...checkIns].reverse().slice(0, Math.min(Math.max(first, 0), 100));
  }
}

@Resolver(() => GoalCheckInModel)
export class GoalCheckInResolver {
  @ResolveField(() => UserModel, { nullable: true })
  recordedBy(@Parent() checkIn: GoalCheckIn, @RequestLoaders() loaders: Loaders): Promise<User | null> | null {
    return checkIn.recordedById ? loaders.byId(User).load(checkIn.recordedById) : null;
  }

  @ResolveField(() => GoalModel, { nullable: true })
  goal(@Parent() checkIn: GoalCheckIn, @RequestLoaders() loaders: Loaders): Promise<Goal | null> {
    return loaders.byId(Goal).load(checkIn.goalId);
  }
}

@Resolver(() => EngagementModel)
export class EngagementGoalsResolver {
  @ResolveField(() => [GoalModel], { description: 'In the order they were set.' })
  goals(@Parent() engagement: Engagement, @RequestLoaders() loaders: Loaders): Promise<Goal[]> {
    return loaders.goalsByEngagement.load(engagement.id);
  }
}
