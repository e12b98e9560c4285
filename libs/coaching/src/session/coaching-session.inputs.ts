import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SessionStatusEnum } from '../common/enums.js';
import { PageArgs } from '../common/pagination.js';
import { IsMeetingUrl, IsSessionMinutes, MAX_TEXT } from '../common/validation.js';
import type { SessionStatus } from './coaching-session.entity.js';

@InputType()
export class ScheduleSessionInput {
  @Field(() => ID)
  @IsUUID()
  engagementId!: string;

  @Field({ description: 'UTC instant (ISO 8601), from now on (5 minutes of grace).' })
  @IsDate()
  startsAt!: Date;

  @Field(() => Int, { nullable: true, description: "Defaults to the engagement's session length." })
  @IsOptional()
  @IsSessionMinutes()
  durationMinutes?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  agenda?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsMeetingUrl()
  meetingUrl?: string;
}

@InputType()
export class UpdateSessionInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsSessionMinutes()
  durationMinutes?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  agenda?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsMeetingUrl()
  meetingUrl?: string | null;
}

@ArgsType()
export class SessionsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Sessions starting at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Sessions starting before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => SessionStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(SessionStatusEnum))
  status?: SessionStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  engagementId?: string;
}
