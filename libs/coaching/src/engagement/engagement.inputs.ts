import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CadenceAnchorKindEnum, CadenceFrequencyEnum, EngagementPhaseEnum } from '../common/enums.js';
import { IsCalendarDate, IsIanaTimeZone, IsMeetingUrl, IsSessionAllotment, IsSessionMinutes, IsShortText } from '../common/validation.js';
import type { EngagementPhase } from './engagement.entity.js';

@InputType({
  description:
    'Either `day` (DAY_OF_MONTH) or `ordinal` + `weekday` (ORDINAL_WEEKDAY). AD_HOC needs neither: only `frequency`, and optionally `localTime`.',
})
export class CadenceInput {
  @Field(() => CadenceFrequencyEnum)
  @IsIn(Object.values(CadenceFrequencyEnum))
  frequency!: 'MONTHLY' | 'QUARTERLY' | 'SEMI_ANNUAL' | 'AD_HOC';

  @Field(() => CadenceAnchorKindEnum, { defaultValue: 'DAY_OF_MONTH' })
  @IsIn(Object.values(CadenceAnchorKindEnum))
  anchor: 'DAY_OF_MONTH' | 'ORDINAL_WEEKDAY' = 'DAY_OF_MONTH';

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  day?: number;

  @Field(() => Int, { nullable: true, description: '1–4, or -1 for the last.' })
  @IsOptional()
  @IsIn([1, 2, 3, 4, -1])
  ordinal?: number;

  @Field(() => Int, { nullable: true, description: 'ISO weekday, 1 = Monday … 7 = Sunday.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  weekday?: number;

  @Field({
    nullable: true,
    description: 'HH:mm, 24-hour, in timeZone. Required unless AD_HOC (there the time a new session is offered at, 09:00 when left out).',
  })
  @IsOptional()
  @MaxLength(5)
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'localTime must be HH:mm (24-hour)' })
  localTime?: string;

  @Field({ nullable: true, description: "Defaults to the client's time zone." })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}

@InputType()
export class CreateEngagementInput {
  @Field(() => ID)
  @IsUUID()
  clientId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  sponsorId?: string;

  @Field()
  @IsShortText()
  title!: string;

  @Field(() => EngagementPhaseEnum, { defaultValue: 'DISCOVER' })
  @IsIn(Object.values(EngagementPhaseEnum))
  phase: EngagementPhase = 'DISCOVER';

  @Field({ description: 'YYYY-MM-DD, in the client’s zone.' })
  @IsCalendarDate()
  startDate!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsSessionAllotment()
  sessionsAllotted?: number;

  @Field(() => Int, { defaultValue: 60 })
  @IsSessionMinutes()
  sessionMinutes: number = 60;

  @Field(() => CadenceInput)
  @ValidateNested()
  @Type(() => CadenceInput)
  cadence!: CadenceInput;

  @Field({ defaultValue: false, description: 'Activate at once, planning the next 12 months of sessions.' })
  @IsBoolean()
  activate: boolean = false;
}

@InputType()
export class UpdateEngagementInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsShortText()
  title?: string;

  @Field(() => EngagementPhaseEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(EngagementPhaseEnum))
  phase?: EngagementPhase;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsSessionAllotment()
  sessionsAllotted?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsSessionMinutes()
  sessionMinutes?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  sponsorId?: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) link; null or empty clears it.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== '')
  @IsMeetingUrl()
  meetingUrl?: string | null;
}

@InputType({ description: 'A change to preview: any of a new cadence, end date (null clears it), allotment (null clears it), or a pause.' })
export class SessionPlanChangeInput {
  @Field(() => CadenceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CadenceInput)
  cadence?: CadenceInput;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsSessionAllotment()
  sessionsAllotted?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  pause?: boolean;
}
