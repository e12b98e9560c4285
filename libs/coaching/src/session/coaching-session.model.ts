import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SessionStatusEnum } from '../common/enums.js';
import { Connection } from '../common/pagination.js';
import type { SessionStatus } from './coaching-session.entity.js';

/**
 * A session as the API shows it. privateNotes and sharedSummary are not plain
 * fields: their resolvers decide who may read them.
 */
@ObjectType('CoachingSession')
export class CoachingSessionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  sequence!: number;

  @Field({ description: 'UTC instant.' })
  startsAt!: Date;

  @Field({ description: 'IANA zone the session was planned in.' })
  timeZone!: string;

  @Field(() => Int)
  durationMinutes!: number;

  @Field(() => SessionStatusEnum)
  status!: SessionStatus;

  @Field(() => String, { nullable: true })
  meetingUrl!: string | null;

  @Field(() => String, { nullable: true })
  agenda!: string | null;

  @Field(() => Date, { nullable: true })
  summaryPublishedAt!: Date | null;

  @Field(() => Int, { description: 'Grows with every reschedule.' })
  version!: number;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType()
export class CoachingSessionConnection extends Connection(CoachingSessionModel, 'CoachingSession') {}
