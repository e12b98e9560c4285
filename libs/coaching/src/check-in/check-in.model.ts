import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/pagination.js';

export enum CheckInAnswerEnum {
  ON_TRACK = 'ON_TRACK',
  STUCK = 'STUCK',
  NEED_HELP = 'NEED_HELP',
}
registerEnumType(CheckInAnswerEnum, { name: 'CheckInAnswer', description: "A client's answer to a mid-cycle check-in." });

@ObjectType('CheckIn', {
  description: "A client's answer to the check-in emailed halfway through a long gap between sessions. Private to coach and client.",
})
export class CheckInModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => ID)
  engagementId!: string;

  @Field(() => ID, { description: 'The session the check-in followed.' })
  afterSessionId!: string;

  @Field({ description: "YYYY-MM-DD on the client's clock: the date the check-in was due." })
  dueDate!: string;

  @Field(() => CheckInAnswerEnum)
  answer!: CheckInAnswerEnum;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  answeredAt!: Date;
}

@ObjectType()
export class CheckInConnection extends Connection(CheckInModel, 'CheckIn') {}
