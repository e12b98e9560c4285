import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ActionItemStatusEnum } from '../common/enums.js';
import { Connection } from '../common/pagination.js';
import type { ActionItemStatus } from './action-item.entity.js';

@ObjectType('ActionItem', { description: 'A short-term commitment agreed with the client, reviewed at every session.' })
export class ActionItemModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  details!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueDate!: string | null;

  @Field(() => ActionItemStatusEnum)
  status!: ActionItemStatus;

  @Field(() => ID, { nullable: true, description: 'The goal this item serves, if any.' })
  goalId!: string | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('ActionItemComment')
export class ActionItemCommentModel {
  @Field(() => ID)
  id!: string;

  @Field()
  body!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class ActionItemConnection extends Connection(ActionItemModel, 'ActionItem') {}
