import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Practice', { description: 'A coaching practice: the tenant everything else belongs to.' })
export class PracticeModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'IANA zone used when a client or coach has none.' })
  timeZone!: string;

  @Field(() => [Int], { description: 'Minutes before a session when reminders go out (default 48 h and 2 h).' })
  reminderOffsetsMinutes!: number[];
}
