import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination.js';

@ObjectType('NetworkingContact', {
  description: 'Someone in the client’s network to keep in touch with; private to the client and their coach.',
})
export class NetworkingContactModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  organisation!: string | null;

  @Field(() => String, { nullable: true, description: 'Where or how they met.' })
  howMet!: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, the client's local date." })
  lastContactDate!: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, the client's local date." })
  nextFollowUpDate!: string | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType()
export class NetworkingContactConnection extends Connection(NetworkingContactModel, 'NetworkingContact') {}

@ObjectType('NetworkingCounts', { description: "A client's networking at a glance, in the client's time zone." })
export class NetworkingCountsModel {
  @Field(() => Int)
  contacts!: number;

  @Field(() => Int, { description: 'Contacts whose last contact falls in the current month.' })
  touchedThisMonth!: number;

  @Field(() => Int, { description: 'Next follow-up today or earlier.' })
  followUpsDue!: number;

  @Field(() => Int, { description: 'Next follow-up before today.' })
  followUpsOverdue!: number;
}
