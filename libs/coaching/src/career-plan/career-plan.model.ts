import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** The revisions are resolved fields. */
@ObjectType('CareerPlan', { description: 'The client’s career management plan; its content lives in numbered revisions.' })
export class CareerPlanModel {
  @Field(() => ID)
  id!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('CareerPlanRevision', { description: 'The plan as saved at one moment; never edited, only superseded.' })
export class CareerPlanRevisionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1, 2, 3… per plan.' })
  number!: number;

  @Field()
  strengthsInventory!: string;

  @Field()
  gapsAndThreats!: string;

  @Field()
  directionAndOpportunities!: string;

  @Field()
  marketAnalysis!: string;

  @Field()
  compensationPlan!: string;

  @Field()
  strategyAndTimetable!: string;

  @Field()
  brandingAndNetworking!: string;

  @Field()
  createdAt!: Date;
}
