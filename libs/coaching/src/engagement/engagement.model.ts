import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CadenceAnchorKindEnum, CadenceFrequencyEnum, EngagementPhaseEnum, EngagementStatusEnum } from '../common/enums.js';
import type { EngagementPhase, EngagementStatus } from './engagement.entity.js';

@ObjectType('Cadence', { description: 'When sessions recur: a local time in an IANA zone on a day of month or an ordinal weekday.' })
export class CadenceModel {
  @Field(() => CadenceFrequencyEnum)
  frequency!: string;

  @Field(() => CadenceAnchorKindEnum)
  anchor!: string;

  @Field(() => Int, { nullable: true, description: 'DAY_OF_MONTH: 1–31 (clamped to the month’s last day).' })
  day!: number | null;

  @Field(() => Int, { nullable: true, description: 'ORDINAL_WEEKDAY: 1–4, or -1 for the last.' })
  ordinal!: number | null;

  @Field(() => Int, { nullable: true, description: 'ORDINAL_WEEKDAY: ISO weekday, 1 = Monday … 7 = Sunday.' })
  weekday!: number | null;

  @Field({ description: 'HH:mm' })
  localTime!: string;

  @Field()
  timeZone!: string;
}

@ObjectType('Engagement', { description: 'A coaching contract between a client and a coach.' })
export class EngagementModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => EngagementPhaseEnum)
  phase!: EngagementPhase;

  @Field(() => EngagementStatusEnum)
  status!: EngagementStatus;

  @Field({ description: 'YYYY-MM-DD' })
  startDate!: string;

  @Field(() => String, { nullable: true })
  endDate!: string | null;

  @Field(() => Int, { nullable: true })
  sessionsAllotted!: number | null;

  @Field(() => Int)
  sessionMinutes!: number;

  @Field(() => String, { nullable: true, description: 'The standing meeting link; sessions without their own link use it.' })
  meetingUrl!: string | null;

  @Field()
  createdAt!: Date;
}
