import { Injectable } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import { BadUserInputError, ForbiddenError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { GoalCheckIn } from './goal-check-in.entity.js';
import { Goal } from './goal.entity.js';
import type { CreateGoalInput, GoalCheckInInput, GoalMetricInput, UpdateGoalInput } from './goal.inputs.js';

/** How far ahead of the server's clock a check-in may be dated (the caller's clock may run fast). */
const CLOCK_SKEW_MS = 60_000;

@Injectable()
export class GoalService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  get(actor: Actor, id: string): Promise<Goal> {
    return this.scope.get(actor, Goal, id, 'Goal');
  }

  async create(actor: Actor, input: CreateGoalInput): Promise<Goal> {
    const engagement = await this.scope.get(actor, Engagement, input.engagementId, 'Engagement');
    assertMetric(input.metric);
    const goal = await this.db.manager.save(
      Goal,
      this.db.manager.create(Goal, {
        practiceId: engagement.practiceId,
        clientId: engagement.clientId,
        engagementId: engagement.id,
        title: input.title,
        category: input.category,
        horizon: input.horizon,
        targetDate: input.targetDate ?? null,
        ...metricColumns(input.metric),
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'goal.created', 'Goal', goal.id, { engagementId: engagement.id });
    return goal;
  }

  async update(actor: Actor, id: string, input: UpdateGoalInput): Promise<Goal> {
    await this.get(actor, id);
    const changes: Partial<Goal> = {};
    if (input.title != null) changes.title = input.title;
    if (input.category != null) changes.category = input.category;
    if (input.horizon != null) changes.horizon = input.horizon;
    if (input.targetDate !== undefined) changes.targetDate = input.targetDate;
    if (input.metric != null) {
      assertMetric(input.metric);
      Object.assign(changes, metricColumns(input.metric));
    }
    if (Object.keys(changes).length) await this.db.manager.update(Goal, { id }, changes);
    await this.audit.record(actor, actor.practiceId, 'goal.updated', 'Goal', id, { fields: Object.keys(changes) });
    return this.db.manager.findOneByOrFail(Goal, { id });
  }

  /** Deletes the goal with its check-ins; action items that served it stay, unlinked. */
  async delete(actor: Actor, id: string): Promise<boolean> {
    await this.get(actor, id);
    await this.db.manager.delete(Goal, { id });
    await this.audit.record(actor, actor.practiceId, 'goal.deleted', 'Goal', id);
    return true;
  }

  /**
   * The client's consent to show the goal (title, category, horizon, progress) in the sponsor
   * report, or its withdrawal. Only the client may give it: a coach cannot consent for them.
   * Sharing again keeps the first consent's time and author.
   */
  async setSharedWithSponsor(actor: Actor, goalId: string, shared: boolean, now = this.clock.now()): Promise<Goal> {
    if (actor.role !== 'CLIENT') throw new ForbiddenError('Only the client can decide to share a goal with their sponsor');
    const goal = await this.get(actor, goalId);
    if (shared === (goal.sharedWithSponsorAt !== null)) return goal;
    const changes = shared
      ? { sharedWithSponsorAt: now, sharedWithSponsorById: actor.userId }
      : { sharedWithSponsorAt: null, sharedWithSponsorById: null };
    await this.db.manager.update(Goal, { id: goal.id }, changes);
    await this.audit.record(actor, actor.practiceId, shared ? 'goal.shared_with_sponsor' : 'goal.unshared_with_sponsor', 'Goal', goal.id, {
      engagementId: goal.engagementId,
    });
    return this.db.manager.findOneByOrFail(Goal, { id: goal.id });
  }

  /** Staff, and the client themself (the scope lets a client reach only their own goals). */
  async addCheckIn(actor: Actor, goalId: string, input: GoalCheckInInput, now = this.clock.now()): Promise<GoalCheckIn> {
    const goal = await this.get(actor, goalId);
    const recordedAt = input.recordedAt ?? now;
    if (recordedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw new BadUserInputError('recordedAt must not be in the future', 'recordedAt');
    const checkIn = await this.db.manager.save(
      GoalCheckIn,
      this.db.manager.create(GoalCheckIn, {
        practiceId: goal.practiceId,
        clientId: goal.clientId,
        goalId: goal.id,
        value: input.value,
        note: input.note || null,
        recordedAt,
        recordedById: actor.userId,
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'goal.checked_in', 'Goal', goal.id, { checkInId: checkIn.id });
    return checkIn;
  }
}

function assertMetric(metric: GoalMetricInput): void {
  if (metric.target === metric.baseline) throw new BadUserInputError('metric.target must differ from metric.baseline', 'metric.target');
}

function metricColumns(metric: GoalMetricInput): Pick<Goal, 'metricName' | 'metricUnit' | 'metricBaseline' | 'metricTarget'> {
  return { metricName: metric.name, metricUnit: metric.unit, metricBaseline: metric.baseline, metricTarget: metric.target };
}
