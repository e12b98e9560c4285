import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '#tandem/clock';
import { BadUserInputError, ConflictError } from '#tandem/errors';
import { planningHorizon, replanSessions, sameLocalTimeIn, stopSessions, type Replan } from '#tandem/scheduling';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { Client } from '../client/client.entity.js';
import { CoachingSession } from '../session/coaching-session.entity.js';
import { Sponsor } from '../sponsor/sponsor.entity.js';
import { cadenceColumns, cadenceOf } from './engagement-cadence.js';
import { Engagement, type EngagementStatus } from './engagement.entity.js';
import type { CadenceInput, CreateEngagementInput, SessionPlanChangeInput, UpdateEngagementInput } from './engagement.inputs.js';
import { loadPlanSessions, PLANNING_HORIZON_MONTHS, type PlanSession, type SessionPlanChange } from './session-plan.js';

export { PLANNING_HORIZON_MONTHS };

/** A change to an engagement as the planner sees it: new column values, or the engagement stopping. */
interface PlanChange {
  columns: Partial<Engagement>;
  /** PAUSE keeps protected sessions scheduled; END (complete, cancel) cancels every future one. */
  stop?: 'PAUSE' | 'END';
}

interface PlannedChange {
  next: Engagement;
  sessions: PlanSession[];
  /** null: the change does not touch the sessions. */
  plan: Replan | null;
}

@Injectable()
export class EngagementService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
    private readonly clock: Clock,
  ) {}

  get(actor: Actor, id: string): Promise<Engagement> {
    return this.scope.get(actor, Engagement, id, 'Engagement');
  }

  async create(actor: Actor, input: CreateEngagementInput, now = this.clock.now()): Promise<Engagement> {
    const client = await this.scope.get(actor, Client, input.clientId, 'Client');
    if (input.sponsorId) await this.scope.get(actor, Sponsor, input.sponsorId, 'Sponsor');
    if (input.endDate && input.endDate < input.startDate) throw new BadUserInputError('endDate must not be before startDate', 'endDate');
    const engagement = await this.db.manager.save(
      Engagement,
      this.db.manager.create(Engagement, {
        practiceId: actor.practiceId,
        clientId: client.id,
        coachId: client.coachId,
        sponsorId: input.sponsorId ?? null,
        title: input.title,
        phase: input.phase,
        status: 'DRAFT',
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        sessionsAllotted: input.sessionsAllotted ?? null,
        sessionMinutes: input.sessionMinutes,
        ...cadenceColumns(input.cadence, client.timeZone),
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'engagement.created', 'Engagement', engagement.id);
    return input.activate ? this.activate(actor, engagement.id, now) : engagement;
  }

  async update(actor: Actor, id: string, input: UpdateEngagementInput, now = this.clock.now()): Promise<Engagement> {
    const engagement = await this.get(actor, id);
    if (input.sponsorId) await this.scope.get(actor, Sponsor, input.sponsorId, 'Sponsor');
    const changes: Partial<Engagement> = {};
    if (input.title !== undefined) changes.title = input.title;
    if (input.phase !== undefined) changes.phase = input.phase;
    if (input.endDate !== undefined) changes.endDate = input.endDate;
    if (input.sessionsAllotted !== undefined) changes.sessionsAllotted = input.sessionsAllotted;
    if (input.sessionMinutes !== undefined) changes.sessionMinutes = input.sessionMinutes;
    if (input.sponsorId !== undefined) changes.sponsorId = input.sponsorId;
    if (input.meetingUrl !== undefined) changes.meetingUrl = input.meetingUrl || null;
    const endDate = changes.endDate === undefined ? engagement.endDate : changes.endDate;
    if (endDate && endDate < engagement.startDate) throw new BadUserInputError('endDate must not be before startDate', 'endDate');
    // The end date and allotment bound the plan: re-plan when they change.
    const bounds: Partial<Engagement> = {};
    if ('endDate' in changes) bounds.endDate = changes.endDate ?? null;
    if ('sessionsAllotted' in changes) bounds.sessionsAllotted = changes.sessionsAllotted ?? null;
    const planned = Object.keys(bounds).length ? await this.planChange(engagement, { columns: bounds }, now, true) : null;
    await this.db.manager.update(Engagement, { id }, changes);
    await this.audit.record(actor, actor.practiceId, 'engagement.updated', 'Engagement', id, {
      fields: Object.keys(changes),
      ...planDetails(planned?.plan),
    });
    const updated = await this.db.manager.findOneByOrFail(Engagement, { id });
    if (planned?.plan) updated.lastPlanChange = await this.applyPlan(updated, planned.sessions, planned.plan, now);
    return updated;
  }

  /**
   * DRAFT or PAUSED → ACTIVE, materialising the next 12 months of sessions from the cadence. A
   * PROSPECT client whose engagement starts is a client now: they become ACTIVE with it.
   */
  async activate(actor: Actor, id: string, now = this.clock.now()): Promise<Engagement> {
    const engagement = await this.transition(actor, id, ['DRAFT', 'PAUSED'], 'ACTIVE');
    const promoted = await this.db.manager.update(Client, { id: engagement.clientId, status: 'PROSPECT' }, { status: 'ACTIVE' });
    if (promoted.affected) {
      await this.audit.record(actor, actor.practiceId, 'client.updated', 'Client', engagement.clientId, {
        fields: ['status'],
        reason: 'engagement.active',
      });
    }
    engagement.lastPlanChange = await this.planSessions(engagement, now);
    return engagement;
  }

  /** ACTIVE → PAUSED: plain cadence sessions are cancelled; moved, ad hoc and content-bearing ones stay scheduled. */
  pause(actor: Actor, id: string, now = this.clock.now()): Promise<Engagement> {
    return this.stop(actor, id, ['ACTIVE'], 'PAUSED', now);
  }

  /** The engagement is over: every future scheduled session is cancelled (its content stays). */
  complete(actor: Actor, id: string, now = this.clock.now()): Promise<Engagement> {
    return this.stop(actor, id, ['ACTIVE', 'PAUSED'], 'COMPLETED', now);
  }

  cancel(actor: Actor, id: string, now = this.clock.now()): Promise<Engagement> {
    return this.stop(actor, id, ['DRAFT', 'ACTIVE', 'PAUSED'], 'CANCELLED', now);
  }

  /** Changes the rule; future plain cadence sessions are re-planned, past, completed and protected ones never move. */
  async changeCadence(actor: Actor, id: string, cadence: CadenceInput, now = this.clock.now()): Promise<Engagement> {
    const engagement = await this.get(actor, id);
    const columns = await this.cadenceChange(engagement, cadence);
    const planned = await this.planChange(engagement, { columns }, now, true);
    await this.db.manager.update(Engagement, { id }, columns);
    await this.audit.record(actor, actor.practiceId, 'engagement.cadence_changed', 'Engagement', id, planDetails(planned.plan));
    const updated = await this.db.manager.findOneByOrFail(Engagement, { id });
    if (planned.plan) updated.lastPlanChange = await this.applyPlan(updated, planned.sessions, planned.plan, now);
    return updated;
  }

  /**
   * What a change would do to the sessions, written nowhere: the same computation the
   * mutations (changeCadence, updateEngagement, pauseEngagement) run before they write.
   */
  async previewPlan(actor: Actor, id: string, input: SessionPlanChangeInput, now = this.clock.now()): Promise<SessionPlanChange> {
    const engagement = await this.get(actor, id);
    const columns: Partial<Engagement> = input.cadence ? await this.cadenceChange(engagement, input.cadence) : {};
    if (input.endDate !== undefined) columns.endDate = input.endDate;
    if (input.sessionsAllotted !== undefined) columns.sessionsAllotted = input.sessionsAllotted;
    const endDate = columns.endDate === undefined ? engagement.endDate : columns.endDate;
    if (endDate && endDate < engagement.startDate) throw new BadUserInputError('endDate must not be before startDate', 'endDate');
    if (input.pause) assertTransition(engagement, ['ACTIVE'], 'PAUSED');
    const planned = await this.planChange(engagement, input.pause ? { columns: {}, stop: 'PAUSE' } : { columns }, now, false);
    return this.describe(planned.plan);
  }

  /**
   * Brings the engagement's future SCHEDULED sessions in line with its cadence, end date and
   * allotment up to 12 months ahead, keeping those already at a planned instant and every
   * protected one (moved by hand, ad hoc, with content).
   */
  async planSessions(engagement: Engagement, now: Date = this.clock.now()): Promise<SessionPlanChange> {
    const planned = await this.planChange(engagement, { columns: {} }, now, true);
    return planned.plan ? this.applyPlan(engagement, planned.sessions, planned.plan, now) : { cancelled: [], created: [], kept: [] };
  }

  /**
   * The client moved to another zone: cadences kept in their old zone follow them (same local
   * time), and future plain cadence sessions move to that local time in the new zone. Protected
   * sessions keep their instant. Emails of the moved sessions are planned again.
   */
  async followClientTimeZone(actor: Actor, clientId: string, fromZone: string, toZone: string, now = this.clock.now()): Promise<void> {
    const engagements = await this.db.manager.query<[Array<{ id: string }>, number]>(
      `UPDATE engagement SET cadence_time_zone = $3, updated_at = now()
        WHERE client_id = $1 AND cadence_time_zone = $2 AND status IN ('DRAFT', 'ACTIVE', 'PAUSED') RETURNING id`,
      [clientId, fromZone, toZone],
    );
    const moved: Array<{ id: string; startsAt: Date }> = [];
    for (const { id } of engagements[0]) {
      const sessions = await loadPlanSessions(this.db.manager, id, true);
      const kept: string[] = [];
      let count = 0;
      for (const s of sessions) {
        if (s.status !== 'SCHEDULED' || s.startsAt < now || s.timeZone !== fromZone) continue;
        const startsAt = sameLocalTimeIn(s.startsAt, fromZone, toZone);
        if (s.keepReason) kept.push(s.id);
        else if (startsAt >= now) {
          moved.push({ id: s.id, startsAt });
          count += 1;
        }
      }
      await this.audit.record(actor, actor.practiceId, 'engagement.time_zone_followed', 'Engagement', id, {
        from: fromZone,
        to: toZone,
        moved: count,
        keptSessionIds: kept,
      });
    }
    if (!moved.length) return;
    await this.db.manager.query(
      `UPDATE coaching_session s SET starts_at = v.starts_at, time_zone = $3, version = s.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, starts_at) WHERE s.id = v.id`,
      [moved.map((m) => m.id), moved.map((m) => m.startsAt), toZone],
    );
    await this.events.sessionsChanged(moved.map((m) => m.id));
  }

  private async stop(actor: Actor, id: string, from: EngagementStatus[], to: EngagementStatus, now: Date): Promise<Engagement> {
    const current = await this.get(actor, id);
    assertTransition(current, from, to);
    const planned = await this.planChange(current, { columns: {}, stop: to === 'PAUSED' ? 'PAUSE' : 'END' }, now, true);
    const withContent = planned.sessions
      .filter((s) => s.keepReason === 'HAS_CONTENT' && planned.plan?.cancel.includes(s.id))
      .map((s) => s.id);
    const engagement = await this.transition(actor, id, from, to, {
      ...planDetails(planned.plan),
      ...(withContent.length ? { cancelledWithContentSessionIds: withContent } : {}),
    });
    if (planned.plan) engagement.lastPlanChange = await this.applyPlan(engagement, planned.sessions, planned.plan, now);
    return engagement;
  }

  private async cadenceChange(engagement: Engagement, cadence: CadenceInput): Promise<Partial<Engagement>> {
    if (engagement.status === 'COMPLETED' || engagement.status === 'CANCELLED')
      throw new ConflictError(`The engagement is ${engagement.status.toLowerCase()}`);
    const client = await this.db.manager.findOneByOrFail(Client, { id: engagement.clientId });
    return cadenceColumns(cadence, client.timeZone);
  }

  /**
   * The one computation behind a preview and its mutation: the engagement after the change, its
   * sessions, and the plan (which to cancel, create and keep). `lock` takes the engagement and
   * its sessions for the transaction that writes the plan (the rolling top-up waits for it).
   */
  private async planChange(engagement: Engagement, change: PlanChange, now: Date, lock: boolean): Promise<PlannedChange> {
    const next = Object.assign(new Engagement(), engagement, change.columns);
    const replans = change.stop !== undefined || next.status === 'ACTIVE';
    if (!replans) return { next, sessions: [], plan: null };
    if (lock) await this.db.manager.query(`SELECT id FROM engagement WHERE id = $1 FOR UPDATE`, [engagement.id]);
    const sessions = await loadPlanSessions(this.db.manager, engagement.id, lock);
    if (change.stop) return { next, sessions, plan: stopSessions(sessions, now, change.stop === 'PAUSE') };
    // Held, missed and past sessions use up the allotment; the plan gets what is left.
    const used = sessions.filter(
      (s) => s.status === 'COMPLETED' || s.status === 'NO_SHOW' || (s.status === 'SCHEDULED' && s.startsAt < now),
    ).length;
    const plan = replanSessions(sessions, cadenceOf(next), {
      startDate: next.startDate,
      endDate: next.endDate,
      from: now,
      until: planningHorizon(now, PLANNING_HORIZON_MONTHS),
      maxCount: next.sessionsAllotted === null ? null : Math.max(0, next.sessionsAllotted - used),
    });
    return { next, sessions, plan };
  }

  /** Writes a plan: cancels, creates, moves the rolling horizon, and plans the emails of every session it touched. */
  private async applyPlan(engagement: Engagement, sessions: PlanSession[], plan: Replan, now: Date): Promise<SessionPlanChange> {
    // Plain SQL on this path: it runs for every engagement of a bulk change, and TypeORM's
    // hydration and row-by-row statement building were most of its time.
    if (plan.cancel.length) {
      await this.db.manager.query(
        `UPDATE coaching_session SET status = 'CANCELLED', updated_at = CURRENT_TIMESTAMP WHERE id = ANY($1::uuid[])`,
        [plan.cancel],
      );
    }
    const changed = [...plan.cancel];
    if (plan.create.length) {
      const sequence = sessions.reduce((max, s) => Math.max(max, s.sequence), 0);
      const inserted = await this.db.manager.query<Array<{ id: string }>>(
        `INSERT INTO coaching_session (practice_id, client_id, engagement_id, coach_id, sequence, starts_at, time_zone, duration_minutes, status, origin)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::int + v.n::int, v.starts_at, $6::text, $7::int, 'SCHEDULED', 'CADENCE'
           FROM unnest($8::timestamptz[]) WITH ORDINALITY AS v(starts_at, n)
         RETURNING id`,
        [
          engagement.practiceId,
          engagement.clientId,
          engagement.id,
          engagement.coachId,
          sequence,
          engagement.cadenceTimeZone,
          engagement.sessionMinutes,
          plan.create,
        ],
      );
      changed.push(...inserted.map((row) => String(row.id)));
    }
    if (engagement.status === 'ACTIVE') {
      await this.db.manager.update(Engagement, { id: engagement.id }, { plannedUntil: planningHorizon(now, PLANNING_HORIZON_MONTHS) });
    }
    await this.events.sessionsChanged(changed);
    return this.describe(plan);
  }

  /** A plan as the coach reads it: the sessions it cancels and keeps, and the instants it creates. */
  private async describe(plan: Replan | null): Promise<SessionPlanChange> {
    if (!plan) return { cancelled: [], created: [], kept: [] };
    const ids = [...plan.cancel, ...plan.kept.map((k) => k.id)];
    const rows = ids.length ? await this.db.manager.findBy(CoachingSession, { id: In(ids) }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      cancelled: plan.cancel.map((id) => byId.get(id)!).sort(byStart),
      created: plan.create,
      kept: plan.kept.map((k) => ({ session: byId.get(k.id)!, reason: k.reason })).sort((a, b) => byStart(a.session, b.session)),
    };
  }

  private async transition(
    actor: Actor,
    id: string,
    from: EngagementStatus[],
    to: EngagementStatus,
    details: Record<string, unknown> = {},
  ): Promise<Engagement> {
    const engagement = await this.get(actor, id);
    assertTransition(engagement, from, to);
    await this.db.manager.update(Engagement, { id }, { status: to });
    await this.audit.record(actor, actor.practiceId, `engagement.${to.toLowerCase()}`, 'Engagement', id, {
      from: engagement.status,
      ...details,
    });
    return this.db.manager.findOneByOrFail(Engagement, { id });
  }
}

function assertTransition(engagement: Engagement, from: EngagementStatus[], to: EngagementStatus): void {
  if (!from.includes(engagement.status)) {
    throw new ConflictError(`Cannot make a ${engagement.status} engagement ${to}; it must be ${from.join(' or ')}`);
  }
}

/** What the audit trail keeps of a re-plan: ids only. */
function planDetails(plan: Replan | null | undefined): Record<string, unknown> {
  if (!plan) return {};
  return { cancelledSessions: plan.cancel.length, createdSessions: plan.create.length, keptSessionIds: plan.kept.map((k) => k.id) };
}

function byStart(a: CoachingSession, b: CoachingSession): number {
  return a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id);
}
