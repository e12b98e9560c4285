import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { KeepReason } from '#tandem/scheduling';
import type { CoachingSession } from '../session/coaching-session.entity.js';
import { CoachingSessionModel } from '../session/coaching-session.model.js';

export const KeptSessionReasonEnum = { MOVED_BY_HAND: 'MOVED_BY_HAND', AD_HOC: 'AD_HOC', HAS_CONTENT: 'HAS_CONTENT' } as const;
registerEnumType(KeptSessionReasonEnum, {
  name: 'KeptSessionReason',
  description: 'Why a re-plan left a scheduled session where it is.',
  valuesMap: {
    MOVED_BY_HAND: { description: 'The coach moved it to its time.' },
    AD_HOC: { description: 'Scheduled by hand, outside the cadence.' },
    HAS_CONTENT: { description: 'It holds an agenda, private notes, a summary or action items.' },
  },
});

@ObjectType('KeptSession')
export class KeptSessionModel {
  @Field(() => CoachingSessionModel)
  session!: CoachingSession;

  @Field(() => KeptSessionReasonEnum)
  reason!: KeepReason;
}

@ObjectType('SessionPlanPreview', { description: 'What a change to an engagement does (or did) to its future scheduled sessions.' })
export class SessionPlanPreviewModel {
  @Field(() => [CoachingSessionModel], { description: 'Future scheduled sessions cancelled.' })
  cancelled!: CoachingSession[];

  @Field(() => [Date], { description: 'Start instants of the sessions created, ascending.' })
  created!: Date[];

  @Field(() => [KeptSessionModel], {
    description: 'Future scheduled sessions the change would otherwise have cancelled or replaced, left as they are.',
  })
  kept!: KeptSessionModel[];
}
