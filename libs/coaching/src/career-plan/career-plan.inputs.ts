import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_TEXT } from '../common/validation.js';

/** Every section is optional: one left out (or null) carries over from the previous revision; '' clears it. */
@InputType()
export class CareerPlanRevisionInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  strengthsInventory?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  gapsAndThreats?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  directionAndOpportunities?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  marketAnalysis?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  compensationPlan?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  strategyAndTimetable?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  brandingAndNetworking?: string;
}
