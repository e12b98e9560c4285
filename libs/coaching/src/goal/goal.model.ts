import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { GoalCategoryEnum, GoalHorizonEnum } from '../common/enums.js';
import type { GoalCategory, GoalHorizon } from './goal.entity.js';

@ObjectType('GoalMetric', { description: 'What the goal measures: progress runs from the baseline to the target.' })
export class GoalMetricModel {
  @Field()
  name!: string;

  @Field()
  unit!: string;

  @Field(() => Float)
  baseline!: number;

  @Field(() => Float)
  target!: number;
}

@ObjectType('GoalCheckIn', { description: 'A measurement of the goal’s metric at one moment.' })
export class GoalCheckInModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field({ description: 'When the value was measured (UTC).' })
  recordedAt!: Date;
}

/** metric, progress and the check-ins are resolved fields. */
@ObjectType('Goal', { description: 'A measurable goal of an engagement.' })
export class GoalModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => GoalCategoryEnum)
  category!: GoalCategory;

  @Field(() => GoalHorizonEnum)
  horizon!: GoalHorizon;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  targetDate!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the client agreed to show this goal in the sponsor report; null: private to coach and client.',
  })
  sharedWithSponsorAt!: Date | null;

  @Field()
  createdAt!: Date;
}
