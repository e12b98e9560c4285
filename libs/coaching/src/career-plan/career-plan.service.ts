import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { CareerPlanRevision } from './career-plan-revision.entity.js';
import { CareerPlan } from './career-plan.entity.js';
import type { CareerPlanRevisionInput } from './career-plan.inputs.js';

export const PLAN_SECTIONS = [
  'strengthsInventory',
  'gapsAndThreats',
  'directionAndOpportunities',
  'marketAnalysis',
  'compensationPlan',
  'strategyAndTimetable',
  'brandingAndNetworking',
] as const satisfies ReadonlyArray<keyof CareerPlanRevisionInput & keyof CareerPlanRevision>;

@Injectable()
export class CareerPlanService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
  ) {}

  /** Appends revision previous + 1, creating the plan on the first save; sections left out carry over. */
  async saveRevision(actor: Actor, engagementId: string, input: CareerPlanRevisionInput): Promise<CareerPlanRevision> {
    const engagement = await this.scope.get(actor, Engagement, engagementId, 'Engagement');
    const plan = await this.lockedPlan(engagement);
    const previous = await this.db.manager.findOne(CareerPlanRevision, { where: { careerPlanId: plan.id }, order: { number: 'DESC' } });
    const revision = this.db.manager.create(CareerPlanRevision, {
      practiceId: plan.practiceId,
      clientId: plan.clientId,
      careerPlanId: plan.id,
      number: (previous?.number ?? 0) + 1,
      authorId: actor.userId,
    });
    for (const section of PLAN_SECTIONS) revision[section] = input[section] ?? previous?.[section] ?? '';
    await this.db.manager.save(CareerPlanRevision, revision);
    await this.audit.record(actor, actor.practiceId, 'career_plan.revised', 'CareerPlan', plan.id, {
      number: revision.number,
      sections: PLAN_SECTIONS.filter((section) => input[section] != null),
    });
    return revision;
  }

  /**
   * The engagement's plan, created if missing, locked for this transaction: concurrent
   * saves take turns, so each reads the number the one before it wrote.
   */
  private async lockedPlan(engagement: Engagement): Promise<CareerPlan> {
    await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(CareerPlan)
      .values({ practiceId: engagement.practiceId, clientId: engagement.clientId, engagementId: engagement.id })
      .orIgnore()
      .updateEntity(false)
      .execute();
    return this.db.manager.findOneOrFail(CareerPlan, { where: { engagementId: engagement.id }, lock: { mode: 'pessimistic_write' } });
  }
}
