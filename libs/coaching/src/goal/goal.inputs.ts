import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsNumber, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { GoalCategoryEnum, GoalHorizonEnum } from '../common/enums.js';
import { IsCalendarDate, IsShortText, Trim } from '../common/validation.js';
import type { GoalCategory, GoalHorizon } from './goal.entity.js';

const CATEGORIES = Object.values(GoalCategoryEnum);
const HORIZONS = Object.values(GoalHorizonEnum);

@InputType()
export class GoalMetricInput {
  @Field({ description: 'e.g. Base salary' })
  @IsShortText()
  name!: string;

  @Field({ description: 'e.g. GBP' })
  @Trim()
  @IsString()
  @Length(1, 50)
  unit!: string;

  @Field(() => Float)
  @IsNumber()
  baseline!: number;

  @Field(() => Float, { description: 'Must differ from the baseline.' })
  @IsNumber()
  target!: number;
}

@InputType()
export class CreateGoalInput {
  @Field(() => ID)
  @IsUUID()
  engagementId!: string;

  @Field()
  @IsShortText()
  title!: string;

  @Field(() => GoalCategoryEnum)
  @IsIn(CATEGORIES)
  category!: GoalCategory;

  @Field(() => GoalHorizonEnum)
  @IsIn(HORIZONS)
  horizon!: GoalHorizon;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string;

  @Field(() => GoalMetricInput)
  @ValidateNested()
  @Type(() => GoalMetricInput)
  metric!: GoalMetricInput;
}

@InputType()
export class UpdateGoalInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsShortText()
  title?: string;

  @Field(() => GoalCategoryEnum, { nullable: true })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: GoalCategory;

  @Field(() => GoalHorizonEnum, { nullable: true })
  @IsOptional()
  @IsIn(HORIZONS)
  horizon?: GoalHorizon;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null clears it.' })
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string | null;

  @Field(() => GoalMetricInput, { nullable: true, description: 'Replaces the whole metric.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GoalMetricInput)
  metric?: GoalMetricInput;
}

@InputType()
export class GoalCheckInInput {
  @Field(() => Float)
  @IsNumber()
  value!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @Field({ nullable: true, description: 'When the value was measured; defaults to now. Not in the future.' })
  @IsOptional()
  @IsDate()
  recordedAt?: Date;
}
