import { Args, Field, InputType, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Actor } from '../access/actor.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { IsIanaTimeZone, IsShortText } from '../common/validation.js';
import { Practice } from './practice.entity.js';
import { PracticeModel } from './practice.model.js';

@InputType()
export class UpdatePracticeInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsShortText()
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field(() => [Int], { nullable: true, description: 'Minutes before a session, e.g. [2880, 120].' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(10, { each: true })
  @Max(60 * 24 * 14, { each: true })
  reminderOffsetsMinutes?: number[];
}

@Resolver(() => PracticeModel)
export class PracticeResolver {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
  ) {}

  @Query(() => PracticeModel, { description: 'Your practice.' })
  practice(@CurrentActor() actor: Actor): Promise<Practice> {
    return this.scope.get(actor, Practice, actor.practiceId, 'Practice');
  }

  @Roles('OWNER')
  @Mutation(() => PracticeModel)
  async updatePractice(@CurrentActor() actor: Actor, @Args('input') input: UpdatePracticeInput): Promise<Practice> {
    const changes: Partial<Practice> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.timeZone !== undefined) changes.timeZone = input.timeZone;
    if (input.reminderOffsetsMinutes !== undefined)
      changes.reminderOffsetsMinutes = [...new Set(input.reminderOffsetsMinutes)].sort((a, b) => b - a);
    await this.db.manager.update(Practice, { id: actor.practiceId }, changes);
    // The reminders already planned for the practice's future sessions follow the new times.
    if (changes.reminderOffsetsMinutes) await this.events.practiceReminderOffsetsChanged(actor.practiceId);
    await this.audit.record(actor, actor.practiceId, 'practice.updated', 'Practice', actor.practiceId, { fields: Object.keys(changes) });
    return this.db.manager.findOneByOrFail(Practice, { id: actor.practiceId });
  }
}
