import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ActionItemStatusEnum } from '../common/enums.js';
import { PageArgs } from '../common/pagination.js';
import { IsCalendarDate, IsShortText, MAX_TEXT, Trim } from '../common/validation.js';
import type { ActionItemStatus } from './action-item.entity.js';

const STATUSES = Object.values(ActionItemStatusEnum);
export const MAX_COMMENT = 4000;

@InputType()
export class CreateActionItemInput {
  @Field(() => ID)
  @IsUUID()
  engagementId!: string;

  @Field(() => ID, { nullable: true, description: 'The session it was agreed in; must belong to the engagement.' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @Field(() => ID, { nullable: true, description: 'The goal it serves; must belong to the engagement.' })
  @IsOptional()
  @IsUUID()
  goalId?: string;

  @Field()
  @IsShortText()
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  details?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;
}

@InputType()
export class UpdateActionItemInput {
  // Not @IsOptional: that would let an explicit null through to a NOT NULL column.
  @Field({ nullable: true })
  @ValidateIf((input: UpdateActionItemInput) => input.title !== undefined)
  @IsShortText()
  title?: string;

  @Field(() => String, { nullable: true, description: 'null or empty clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  details?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null clears it.' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;
}

@InputType()
export class ActionItemFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  engagementId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @Field(() => ActionItemStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ActionItemStatus;

  @Field({ nullable: true, description: 'Items due before this date (YYYY-MM-DD).' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;
}

@ArgsType()
export class ActionItemsArgs extends PageArgs {
  @Field(() => ActionItemFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActionItemFilter)
  filter?: ActionItemFilter;
}

@ArgsType()
export class MyActionItemsArgs extends PageArgs {
  @Field(() => ActionItemStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ActionItemStatus;
}

@ArgsType()
export class AddActionItemCommentArgs {
  @Field(() => ID)
  @IsUUID()
  actionItemId!: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, MAX_COMMENT)
  body!: string;
}
