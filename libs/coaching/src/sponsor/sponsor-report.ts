import { Injectable } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import { Scope } from '../access/scope.js';
import { Client } from '../client/client.entity.js';
import { EngagementPhaseEnum, EngagementStatusEnum, GoalCategoryEnum, GoalHorizonEnum } from '../common/enums.js';
import { Engagement, type EngagementPhase, type EngagementStatus } from '../engagement/engagement.entity.js';
import { goalProgress } from '../goal/goal-progress.js';
import { Goal, type GoalCategory, type GoalHorizon } from '../goal/goal.entity.js';
import { CoachingSession } from '../session/coaching-session.entity.js';
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

@ObjectType('SponsorReport', {
  description: 'What an employer sponsor may see: attendance and progress, never notes, summaries, agendas or action items.',
})
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

  @Field(() => Int, { description: 'Sessions that took place (started by now).' })
  sessionsCompleted!: number;

  @Field(() => Int, { description: 'Sessions the client missed (started by now).' })
  sessionsNoShow!: number;

  @Field(() => Int)
  sessionsCancelled!: number;

  @Field(() => Int, { description: 'Sessions planned: SCHEDULED, never counted as attendance.' })
  sessionsScheduled!: number;

  @Field(() => Float, { nullable: true, description: 'completed / (completed + no-show); null before any session was held or missed.' })
  attendanceRate!: number | null;

  @Field(() => [SponsorGoalProgress], { description: 'Only the goals the client agreed to share with the sponsor.' })
  goals!: SponsorGoalProgress[];
}

/**
 * Builds the report from counts and a few named columns only, so no note, summary,
 * agenda or action-item text is ever read, let alone returned. Goals are private to
 * coach and client: a goal is read only once the client has agreed to share it
 * (goal.shared_with_sponsor_at), whoever asks for the report.
 */
@Injectable()
export class SponsorReportService {
  constructor(
    private readonly scope: Scope,
    private readonly clock: Clock,
  ) {}

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
    const counts = await this.sessionCounts(actor, engagement.id, this.clock.now());
    const completed = counts.completed;
    const noShow = counts.noShow;
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
      sessionsCancelled: counts.cancelled,
      sessionsScheduled: counts.scheduled,
      attendanceRate: completed + noShow > 0 ? completed / (completed + noShow) : null,
      goals: await this.goals(actor, engagement.id),
    };
  }

  /** Attendance counts only sessions that took place: COMPLETED or NO_SHOW and started by `now`. */
  private async sessionCounts(
    actor: Actor,
    engagementId: string,
    now: Date,
  ): Promise<{ completed: number; noShow: number; cancelled: number; scheduled: number }> {
    const counts = await this.scope
      .query(actor, CoachingSession, 's')
      .select(`count(*) FILTER (WHERE s.status = 'COMPLETED' AND s.starts_at <= :now)::int`, 'completed')
      .addSelect(`count(*) FILTER (WHERE s.status = 'NO_SHOW' AND s.starts_at <= :now)::int`, 'noShow')
      .addSelect(`count(*) FILTER (WHERE s.status = 'CANCELLED')::int`, 'cancelled')
      .addSelect(`count(*) FILTER (WHERE s.status = 'SCHEDULED')::int`, 'scheduled')
      .andWhere('s.engagement_id = :engagementId', { engagementId, now })
      .getRawOne<{ completed: number; noShow: number; cancelled: number; scheduled: number }>();
    return counts ?? { completed: 0, noShow: 0, cancelled: 0, scheduled: 0 };
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
      // The client's consent, and nothing else, puts a goal in the report.
      .andWhere('g.shared_with_sponsor_at IS NOT NULL')
      .orderBy('g.created_at')
      .getRawMany<{
        title: string;
        category: GoalCategory;
        horizon: GoalHorizon;
        metricBaseline: number;
        metricTarget: number;
        latestValue: number | null;
      }>();
    return rows.map((g) => ({ title: g.title, category: g.category, horizon: g.horizon, progress: goalProgress(g, g.latestValue) }));
  }
}
