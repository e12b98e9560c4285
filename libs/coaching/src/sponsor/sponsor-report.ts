import { Injectable } from '@nestjs/common';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import { Scope } from '../access/scope.js';
import { Client } from '../client/client.entity.js';
import { EngagementPhaseEnum, EngagementStatusEnum, GoalCategoryEnum, GoalHorizonEnum } from '../common/enums.js';
import { Engagement, type EngagementPhase, type EngagementStatus } from '../engagement/engagement.entity.js';
import { goalProgress } from '../goal/goal-progress.js';
import { Goal, type GoalCategory, type GoalHorizon } from '../goal/goal.entity.js';
import { CoachingSession, type SessionStatus } from '../session/coaching-session.entity.js';
import { Sponsor } from './sponsor.entity.js';

@ObjectType('SponsorGoalProgress')
export class SponsorGoalProgress {
  @Field()
  title!: string;

  @Field(() => GoalCategoryEnum)
  category!: GoalCategory;

  @Field(() => GoalHorizonEnum)
  horizon!: GoalHorizon;

  @Field(() => Float, { description: '0–1, by the latest check-in.' })
  progress!: number;
}

@ObjectType('SponsorReport', { description: 'What an employer sponsor may see: attendance and progress, never notes, summaries, agendas or action items.' })
export class SponsorReport {
  @Field(() => ID)
  engagementId!: string;

  @Field()
  clientName!: string;

  @Field(() => String, { nullable: true })
  sponsorOrganisation!: string | null;

  @Field()
  title!: string;

  @Field(() => EngagementStatusEnum)
  status!: EngagementStatus;

  @Field(() => EngagementPhaseEnum)
  phase!: EngagementPhase;

  @Field({ description: 'YYYY-MM-DD' })
  startDate!: string;

  @Field(() => String, { nullable: true })
  endDate!: string | null;

  @Field(() => Int, { nullable: true })
  sessionsAllotted!: number | null;

  @Field(() => Int)
  sessionsCompleted!: number;

  @Field(() => Int)
  sessionsNoShow!: number;

  @Field(() => Int)
  sessionsCancelled!: number;

  @Field(() => Int)
  sessionsScheduled!: number;

  @Field(() => Float, { nullable: true, description: 'completed / (completed + no-show); null before any session was held or missed.' })
  attendanceRate!: number | null;

  @Field(() => [SponsorGoalProgress])
  goals!: SponsorGoalProgress[];
}

/**
 * Builds the report from counts and a few named columns only, so no note, summary,
 * agenda or action-item text is ever read, let alone returned.
 */
@Injectable()
export class SponsorReportService {
  constructor(private readonly scope: Scope) {}

  async report(actor: Actor, engagementId: string): Promise<SponsorReport> {
    const engagement = await this.scope.get(actor, Engagement, engagementId, 'Engagement');
    const client = await this.scope
      .query(actor, Client, 'c')
      .select('c.name', 'name')
      .andWhere('c.id = :id', { id: engagement.clientId })
      .getRawOne<{ name: string }>();
    const sponsor = engagement.sponsorId
      ? await this.scope
          .query(actor, Sponsor, 's')
          .select('s.organisation', 'organisation')
          .andWhere('s.id = :id', { id: engagement.sponsorId })
          .getRawOne<{ organisation: string }>()
      : undefined;
    const counts = await this.sessionCounts(actor, engagement.id);
    const completed = counts.get('COMPLETED') ?? 0;
    const noShow = counts.get('NO_SHOW') ?? 0;
    return {
      engagementId: engagement.id,
      clientName: client?.name ?? '',
      sponsorOrganisation: sponsor?.organisation ?? null,
      title: engagement.title,
      status: engagement.status,
      phase: engagement.phase,
      startDate: engagement.startDate,
      endDate: engagement.endDate,
      sessionsAllotted: engagement.sessionsAllotted,
      sessionsCompleted: completed,
      sessionsNoShow: noShow,
      sessionsCancelled: counts.get('CANCELLED') ?? 0,
      sessionsScheduled: counts.get('SCHEDULED') ?? 0,
      attendanceRate: completed + noShow > 0 ? completed / (completed + noShow) : null,
      goals: await this.goals(actor, engagement.id),
    };
  }

  private async sessionCounts(actor: Actor, engagementId: string): Promise<Map<SessionStatus, number>> {
    const rows = await this.scope
      .query(actor, CoachingSession, 's')
      .select('s.status', 'status')
      .addSelect('count(*)::int', 'count')
      .andWhere('s.engagement_id = :engagementId', { engagementId })
      .groupBy('s.status')
      .getRawMany<{ status: SessionStatus; count: number }>();
    return new Map(rows.map((r) => [r.status, r.count]));
  }

  private async goals(actor: Actor, engagementId: string): Promise<SponsorGoalProgress[]> {
    const rows = await this.scope
      .query(actor, Goal, 'g')
      .select('g.title', 'title')
      .addSelect('g.category', 'category')
      .addSelect('g.horizon', 'horizon')
      .addSelect('g.metric_baseline', 'metricBaseline')
      .addSelect('g.metric_target', 'metricTarget')
      // The goal is already in scope, and its check-ins belong to the same client.
      .addSelect('(SELECT c.value FROM goal_check_in c WHERE c.goal_id = g.id ORDER BY c.recorded_at DESC LIMIT 1)', 'latestValue')
      .andWhere('g.engagement_id = :engagementId', { engagementId })
      .orderBy('g.created_at')
      .getRawMany<{ title: string; category: GoalCategory; horizon: GoalHorizon; metricBaseline: number; metricTarget: number; latestValue: number | null }>();
    return rows.map((g) => ({ title: g.title, category: g.category, horizon: g.horizon, progress: goalProgress(g, g.latestValue) }));
  }
}
