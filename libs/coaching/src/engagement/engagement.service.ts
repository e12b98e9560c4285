import { Injectable } from '@nestjs/common';
import { BadUserInputError, ConflictError } from '#tandem/errors';
import { replanSessions } from '#tandem/scheduling';
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
import type { CadenceInput, CreateEngagementInput, UpdateEngagementInput } from './engagement.inputs.js';

/** How far ahead sessions are materialised. */
export const PLANNING_HORIZON_MONTHS = 12;

@Injectable()
export class EngagementService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
  ) {}

  get(actor: Actor, id: string): Promise<Engagement> {
    return this.scope.get(actor, Engagement, id, 'Engagement');
  }

  async create(actor: Actor, input: CreateEngagementInput, now = new Date()): Promise<Engagement> {
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

  async update(actor: Actor, id: string, input: UpdateEngagementInput, now = new Date()): Promise<Engagement> {
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
    await this.db.manager.update(Engagement, { id }, changes);
    await this.audit.record(actor, actor.practiceId, 'engagement.updated', 'Engagement', id, { fields: Object.keys(changes) });
    const updated = await this.db.manager.findOneByOrFail(Engagement, { id });
    // The end date and allotment bound the plan: re-plan when they change.
    if (updated.status === 'ACTIVE' && ('endDate' in changes || 'sessionsAllotted' in changes)) await this.planSessions(updated, now);
    return updated;
  }

  /**
   * DRAFT or PAUSED → ACTIVE, materialising the next 12 months of sessions from the cadence. A
   * PROSPECT client whose engagement starts is a client now: they become ACTIVE with it.
   */
  async activate(actor: Actor, id: string, now = new Date()): Promise<Engagement> {
    const engagement = await this.transition(actor, id, ['DRAFT', 'PAUSED'], 'ACTIVE');
    const promoted = await this.db.manager.update(Client, { id: engagement.clientId, status: 'PROSPECT' }, { status: 'ACTIVE' });
    if (promoted.affected) {
      await this.audit.record(actor, actor.practiceId, 'client.updated', 'Client', engagement.clientId, { fields: ['status'], reason: 'engagement.active' });
    }
    await this.planSessions(engagement, now);
    return engagement;
  }

  pause(actor: Actor, id: string, now = new Date()): Promise<Engagement> {
    return this.stop(actor, id, ['ACTIVE'], 'PAUSED', now);
  }

  complete(actor: Actor, id: string, now = new Date()): Promise<Engagement> {
    return this.stop(actor, id, ['ACTIVE', 'PAUSED'], 'COMPLETED', now);
  }

  cancel(actor: Actor, id: string, now = new Date()): Promise<Engagement> {
    return this.stop(actor, id, ['DRAFT', 'ACTIVE', 'PAUSED'], 'CANCELLED', now);
  }

  /** Changes the rule; future SCHEDULED sessions are re-planned, past and completed ones never move. */
  async changeCadence(actor: Actor, id: string, cadence: CadenceInput, now = new Date()): Promise<Engagement> {
    const engagement = await this.get(actor, id);
    if (engagement.status === 'COMPLETED' || engagement.status === 'CANCELLED') throw new ConflictError(`The engagement is ${engagement.status.toLowerCase()}`);
    const client = await this.db.manager.findOneByOrFail(Client, { id: engagement.clientId });
    await this.db.manager.update(Engagement, { id }, cadenceColumns(cadence, client.timeZone));
    await this.audit.record(actor, actor.practiceId, 'engagement.cadence_changed', 'Engagement', id);
    const updated = await this.db.manager.findOneByOrFail(Engagement, { id });
    if (updated.status === 'ACTIVE') await this.planSessions(updated, now);
    return updated;
  }

  /**
   * Brings the engagement's future SCHEDULED sessions in line with its cadence,
   * end date and allotment, keeping those already at a planned instant.
   */
  async planSessions(engagement: Engagement, now: Date): Promise<void> {
    // Plain SQL on this path: it runs for every engagement of a bulk change, and TypeORM's
    // hydration and row-by-row statement building were most of its time.
    const sessions = (
      (await this.db.manager.query(
        `SELECT id, starts_at, status, manually_moved, sequence FROM coaching_session WHERE engagement_id = $1 FOR UPDATE`,
        [engagement.id],
      )) as Array<{ id: string; starts_at: Date; status: CoachingSession['status']; manually_moved: boolean; sequence: number }>
    ).map((row) => ({ id: row.id, startsAt: new Date(row.starts_at), status: row.status, manuallyMoved: row.manually_moved, sequence: row.sequence }));
    const used = sessions.filter((s) => s.status === 'COMPLETED' || s.status === 'NO_SHOW' || (s.status === 'SCHEDULED' && s.startsAt < now)).length;
    const plan = replanSessions(
      sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, status: s.status, manuallyMoved: s.manuallyMoved })),
      cadenceOf(engagement),
      {
        startDate: engagement.startDate,
        endDate: engagement.endDate,
        from: now,
        horizonMonths: PLANNING_HORIZON_MONTHS,
        maxCount: engagement.sessionsAllotted === null ? null : Math.max(0, engagement.sessionsAllotted - used),
      },
    );
    if (plan.cancel.length) {
      await this.db.manager.query(`UPDATE coaching_session SET status = 'CANCELLED', updated_at = CURRENT_TIMESTAMP WHERE id = ANY($1::uuid[])`, [plan.cancel]);
    }
    const sequence = sessions.reduce((max, s) => Math.max(max, s.sequence), 0);
    const changed = [...plan.cancel];
    if (plan.create.length) {
      const inserted = (await this.db.manager.query(
        `INSERT INTO coaching_session (practice_id, client_id, engagement_id, coach_id, sequence, starts_at, time_zone, duration_minutes, status)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::int + v.n::int, v.starts_at, $6::text, $7::int, 'SCHEDULED'
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
      )) as Array<{ id: string }>;
      changed.push(...inserted.map((row) => String(row.id)));
    }
    await this.events.sessionsChanged(changed);
  }

  private async stop(actor: Actor, id: string, from: EngagementStatus[], to: EngagementStatus, now: Date): Promise<Engagement> {
    const engagement = await this.transition(actor, id, from, to);
    const cancelled = await this.db.manager
      .createQueryBuilder()
      .update(CoachingSession)
      .set({ status: 'CANCELLED' })
      .where(`engagement_id = :id AND status = 'SCHEDULED' AND starts_at >= :now`, { id, now })
      .returning('id')
      .execute();
    await this.events.sessionsChanged((cancelled.raw as Array<{ id: string }>).map((row) => row.id));
    return engagement;
  }

  private async transition(actor: Actor, id: string, from: EngagementStatus[], to: EngagementStatus): Promise<Engagement> {
    const engagement = await this.get(actor, id);
    if (!from.includes(engagement.status)) {
      throw new ConflictError(`Cannot make a ${engagement.status} engagement ${to}; it must be ${from.join(' or ')}`);
    }
    await this.db.manager.update(Engagement, { id }, { status: to });
    await this.audit.record(actor, actor.practiceId, `engagement.${to.toLowerCase()}`, 'Engagement', id, { from: engagement.status });
    return this.db.manager.findOneByOrFail(Engagement, { id });
  }
}
