import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ClientStatusEnum } from '../common/enums.js';
import { Connection } from '../common/pagination.js';
import type { ClientStatus } from './client.entity.js';

@ObjectType('Client', { description: 'A person being coached.' })
export class ClientModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  email!: string;

  @Field({ description: 'IANA time zone; sessions are planned in it.' })
  timeZone!: string;

  @Field(() => ClientStatusEnum)
  status!: ClientStatus;

  @Field(() => String, { nullable: true })
  currentRole!: string | null;

  @Field(() => String, { nullable: true })
  targetRole!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => [Int], { nullable: true, description: 'Minutes before a session when reminders go out; null uses the practice default.' })
  reminderOffsetsMinutes!: number[] | null;

  @Field(() => Date, { nullable: true })
  archivedAt!: Date | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class ClientConnection extends Connection(ClientModel, 'Client') {}
