import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ClientOrderEnum, ClientStatusEnum } from '../common/enums.js';
import { PageArgs } from '../common/pagination.js';
import { IsEmailAddress, IsIanaTimeZone, IsShortText, MAX_NAME, Trim } from '../common/validation.js';
import type { ClientStatus } from './client.entity.js';

const STATUSES = Object.values(ClientStatusEnum);

@InputType()
export class CreateClientInput {
  @Field()
  @IsShortText()
  name!: string;

  @Field()
  @IsEmailAddress()
  email!: string;

  @Field()
  @IsIanaTimeZone()
  timeZone!: string;

  @Field(() => ClientStatusEnum, { defaultValue: 'PROSPECT' })
  @IsIn(STATUSES)
  status: ClientStatus = 'PROSPECT';

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_NAME)
  currentRole?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_NAME)
  targetRole?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  @Field(() => ID, { nullable: true, description: 'Owners only: the coach; defaults to you.' })
  @IsOptional()
  @IsUUID()
  coachId?: string;
}

@InputType()
export class UpdateClientInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsShortText()
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field(() => ClientStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ClientStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_NAME)
  currentRole?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_NAME)
  targetRole?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(10, { each: true })
  @Max(60 * 24 * 14, { each: true })
  reminderOffsetsMinutes?: number[];

  @Field(() => ID, { nullable: true, description: 'Owners only: move the client to another coach.' })
  @IsOptional()
  @IsUUID()
  coachId?: string;
}

@InputType()
export class ClientFilter {
  @Field(() => ClientStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ClientStatus;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  tag?: string;

  @Field({ nullable: true, description: 'Matches name or email.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  search?: string;

  @Field(() => ID, { nullable: true, description: "Owners: one coach's roster." })
  @IsOptional()
  @IsUUID()
  coachId?: string;

  @Field({ defaultValue: false })
  @IsOptional()
  includeArchived: boolean = false;
}

export type ClientOrder = keyof typeof ClientOrderEnum;

@ArgsType()
export class ClientsArgs extends PageArgs {
  @Field(() => ClientFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientFilter)
  filter?: ClientFilter;

  @Field(() => ClientOrderEnum, { defaultValue: 'NAME', description: 'A cursor is only valid with the order it was made in.' })
  @IsIn(Object.values(ClientOrderEnum))
  orderBy: ClientOrder = 'NAME';
}
