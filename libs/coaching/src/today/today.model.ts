import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn } from 'class-validator';
import type { ActionItem } from '../action-item/action-item.entity.js';
import { ActionItemModel } from '../action-item/action-item.model.js';
import type { Actor } from '../access/actor.js';
import type { Client } from '../client/client.entity.js';
import { ClientModel } from '../client/client.model.js';
import { Connection, PageArgs } from '../common/pagination.js';
import type { CoachingSession } from '../session/coaching-session.entity.js';
import { CoachingSessionModel } from '../session/coaching-session.model.js';
import type { AttentionReasonKind, ClientActivityKind } from './today-statements.js';

export const TodaySessionRangeEnum = { TODAY: 'TODAY', LATER_THIS_WEEK: 'LATER_THIS_WEEK' } as const;
export type TodaySessionRange = keyof typeof TodaySessionRangeEnum;
registerEnumType(TodaySessionRangeEnum, {
  name: 'TodaySessionRange',
  valuesMap: {
    TODAY: { description: "From midnight to midnight today in the coach's zone." },
    LATER_THIS_WEEK: { description: "After today to the end of Sunday in the coach's zone (the week runs Monday to Sunday)." },
  },
});

export const AttentionReasonKindEnum = {
  OVERDUE_ACTION_ITEMS: 'OVERDUE_ACTION_ITEMS',
  NO_NEXT_SESSION: 'NO_NEXT_SESSION',
  UNREAD_COMMENTS: 'UNREAD_COMMENTS',
  UNANSWERED_MESSAGES: 'UNANSWERED_MESSAGES',
  CHECK_IN_HELP: 'CHECK_IN_HELP',
} as const satisfies Record<AttentionReasonKind, AttentionReasonKind>;
registerEnumType(AttentionReasonKindEnum, {
  name: 'AttentionReasonKind',
  valuesMap: {
    OVERDUE_ACTION_ITEMS: { description: "Open action items due before today in the client's zone (count: how many)." },
    NO_NEXT_SESSION: { description: 'An active engagement with no session scheduled from now on (count: 1).' },
    UNREAD_COMMENTS: { description: "The client's comments on their action items you have not read (count: how many)." },
    UNANSWERED_MESSAGES: { description: "The client's messages with no answer after them in their conversation (count: how many)." },
    CHECK_IN_HELP: {
      description: "The client's latest mid-cycle check-in said Stuck or Need help and no session has been held since (count: 1).",
    },
  },
});

export const ClientActivityKindEnum = {
  ACTION_ITEM_DONE: 'ACTION_ITEM_DONE',
  ACTION_ITEM_COMMENT: 'ACTION_ITEM_COMMENT',
  GOAL_CHECK_IN: 'GOAL_CHECK_IN',
  MESSAGE: 'MESSAGE',
  CHECK_IN_ANSWER: 'CHECK_IN_ANSWER',
} as const satisfies Record<ClientActivityKind, ClientActivityKind>;
registerEnumType(ClientActivityKindEnum, { name: 'ClientActivityKind' });

/** What "Today" is computed from: the caller, the clock's now and the coach's day and week (not fields). */
export interface TodayView {
  actor: Actor;
  now: Date;
  timeZone: string;
  date: string;
  weekEndsOn: string;
  dayStart: Date;
  dayEnd: Date;
  weekEnd: Date;
  /** The read point, read once per request for both fields that show it. */
  readPoint?: Promise<{ seenUpTo: Date | null; unread: number }>;
}

@ObjectType('Today', { description: "A coach's day: their own clients' sessions, who needs attention, and what clients did lately." })
export class TodayModel {
  @Field({ description: "The coach's IANA zone: today and this week are days there." })
  timeZone!: string;

  @Field({ description: "Today's date (YYYY-MM-DD) in the coach's zone." })
  date!: string;

  @Field({ description: "This week's Sunday (YYYY-MM-DD) in the coach's zone." })
  weekEndsOn!: string;
}

@ObjectType({ description: 'The last summary shared with the client before a session.' })
export class SharedSummaryModel {
  @Field(() => ID)
  sessionId!: string;

  @Field()
  startsAt!: Date;

  @Field()
  summary!: string;

  @Field()
  publishedAt!: Date;
}

export interface TodaySession {
  session: CoachingSession;
  client: Client;
  previousSummary: SharedSummaryModel | null;
  openActionItemCount: number;
  /** Read only when selected (openItemsStatement). */
  openActionItems: ActionItem[];
}

@ObjectType('TodaySession', { description: 'A session, with what the coach reads to prepare it.' })
export class TodaySessionModel {
  @Field(() => CoachingSessionModel)
  session!: CoachingSession;

  @Field(() => ClientModel)
  client!: Client;

  @Field(() => SharedSummaryModel, { nullable: true, description: "The client's latest session before this one with a shared summary." })
  previousSummary!: SharedSummaryModel | null;

  @Field(() => Int)
  openActionItemCount!: number;

  @Field(() => [ActionItemModel], { description: 'The first five open action items, due first (undated last).' })
  openActionItems!: ActionItem[];
}

@ObjectType('AttentionReason')
export class AttentionReasonModel {
  @Field(() => AttentionReasonKindEnum)
  kind!: AttentionReasonKind;

  @Field(() => Int)
  count!: number;

  @Field({ description: 'The reason in a sentence, e.g. "2 overdue action items".' })
  description!: string;
}

@ObjectType('ClientAttention', { description: 'A client needing attention, and why.' })
export class ClientAttentionModel {
  @Field(() => ClientModel)
  client!: Client;

  @Field(() => [AttentionReasonModel])
  reasons!: AttentionReasonModel[];
}

@ObjectType('ClientActivity', { description: 'Something a client did themself.' })
export class ClientActivityModel {
  @Field(() => ID, { description: 'The id of the record (action item, comment, check-in).' })
  id!: string;

  @Field(() => ClientActivityKindEnum)
  kind!: ClientActivityKind;

  @Field()
  at!: Date;

  @Field({ description: 'After your "activity seen up to" point (markActivitySeen).' })
  unread!: boolean;

  @Field(() => ClientModel)
  client!: Client;

  @Field({ description: "The action item's or goal's title." })
  subject!: string;

  @Field(() => String, { nullable: true, description: "The comment, or the check-in's note." })
  detail!: string | null;

  @Field(() => ID, { nullable: true })
  actionItemId!: string | null;

  @Field(() => ID, { nullable: true })
  goalId!: string | null;

  @Field(() => Float, { nullable: true, description: "A check-in's value." })
  value!: number | null;
}

@ObjectType()
export class TodaySessionConnection extends Connection(TodaySessionModel, 'TodaySession') {}

@ObjectType()
export class ClientAttentionConnection extends Connection(ClientAttentionModel, 'ClientAttention') {}

@ObjectType()
export class ClientActivityConnection extends Connection(ClientActivityModel, 'ClientActivity') {}

@ArgsType()
export class TodaySessionsArgs extends PageArgs {
  @Field(() => TodaySessionRangeEnum)
  @IsIn(Object.values(TodaySessionRangeEnum))
  when!: TodaySessionRange;
}
