import { Injectable } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import { BadUserInputError, ConflictError } from '#tandem/errors';
import { isStaff, type Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { PreparedPages, RawEntityColumns } from '#tandem/database';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { Keyset, type ConnectionShape } from '../common/pagination.js';
import { MAX_TEXT } from '../common/validation.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { CoachingSession, type SessionStatus } from './coaching-session.entity.js';
import type { ScheduleSessionInput, SessionsArgs, UpdateSessionInput } from './coaching-session.inputs.js';
import { hasStarted, startIsAhead, startText } from './session-times.js';

/** In start order: sessions written in one transaction (a planned cadence) page exactly. */
const SESSION_ORDER = new Keyset('ASC', [
  { sql: 's.starts_at', type: 'timestamptz' },
  { sql: 's.id', type: 'uuid' },
]);

@Injectable()
export class CoachingSessionService {
  private columns?: RawEntityColumns<CoachingSession>;
  private allProperties?: string[];
  private readonly pages = new PreparedPages();

  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
    private readonly clock: Clock,
  ) {}

  get(actor: Actor, id: string): Promise<CoachingSession> {
    return this.scope.get(actor, CoachingSession, id, 'Session');
  }

  /**
   * The calendar: sessions in start order, paged by (starts_at, id). `properties`: the entity
   * properties the caller will read (the resolver's selection through SESSION_NODE_FIELDS); the
   * statement reads only those columns (without them, every column), and private_notes only for
   * staff.
   */
  async list(actor: Actor, args: SessionsArgs, properties?: readonly string[] | null): Promise<ConnectionShape<CoachingSession>> {
    if (args.from && args.to && args.to <= args.from) throw new BadUserInputError('to must be after from', 'to');
    const after = SESSION_ORDER.afterParameters(args.after);
    const { from, to, status, clientId, engagementId } = args;
    // A named prepared statement (planned once per connection), its text written once per shape:
    // the calendar and the client's portal ask for it on every visit.
    const { entities, rows } = await this.pages.read(
      this.db,
      {
        shape: [this.scope.shape(actor), !!from, !!to, !!status, !!clientId, !!engagementId, !!after].join(),
        parameters: { ...this.scope.parameters(actor), from, to, status, clientId, engagementId, ...after },
        build: () => {
          const qb = this.scope.query(actor, CoachingSession, 's');
          if (from) qb.andWhere('s.starts_at >= :from', { from });
          if (to) qb.andWhere('s.starts_at < :to', { to });
          if (status) qb.andWhere('s.status = :status', { status });
          if (clientId) qb.andWhere('s.client_id = :clientId', { clientId });
          if (engagementId) qb.andWhere('s.engagement_id = :engagementId', { engagementId });
          SESSION_ORDER.applyAfter(qb, after);
          return qb;
        },
      },
      this.listColumns(actor, properties ?? null),
      's',
      args.first + 1,
      SESSION_ORDER.selections(),
    );
    return SESSION_ORDER.connection({ entities, raw: rows }, args.first);
  }

  /** The columns a list reads (sorted properties, so one prepared statement per shape). */
  private listColumns(actor: Actor, properties: readonly string[] | null): RawEntityColumns<CoachingSession> {
    const all = (this.columns ??= new RawEntityColumns(this.db.manager.connection, CoachingSession, 's__'));
    const wanted =
      properties ??
      (this.allProperties ??= this.db.manager.connection
        .getMetadata(CoachingSession)
        .columns.map((column) => column.propertyName)
        .sort());
    return all.only(readableSessionProperties(actor, wanted));
  }

  /** An ad hoc session outside the cadence, from now on. */
  async schedule(actor: Actor, input: ScheduleSessionInput): Promise<CoachingSession> {
    const engagement = await this.scope.get(actor, Engagement, input.engagementId, 'Engagement');
    if (engagement.status !== 'ACTIVE' && engagement.status !== 'DRAFT') throw new ConflictError(`The engagement is ${engagement.status}`);
    this.assertStartAhead(input.startsAt, engagement.cadenceTimeZone);
    const sessions = await this.db.manager.find(CoachingSession, {
      where: { engagementId: engagement.id },
      lock: { mode: 'pessimistic_write' },
    });
    const counted = sessions.filter((s) => s.status !== 'CANCELLED').length;
    if (engagement.sessionsAllotted !== null && counted >= engagement.sessionsAllotted) {
      throw new ConflictError(`All ${engagement.sessionsAllotted} sessions of this engagement are held or planned`);
    }
    const session = await this.db.manager.save(
      CoachingSession,
      this.db.manager.create(CoachingSession, {
        practiceId: engagement.practiceId,
        clientId: engagement.clientId,
        engagementId: engagement.id,
        coachId: engagement.coachId,
        sequence: sessions.reduce((max, s) => Math.max(max, s.sequence), 0) + 1,
        startsAt: input.startsAt,
        timeZone: engagement.cadenceTimeZone,
        durationMinutes: input.durationMinutes ?? engagement.sessionMinutes,
        status: 'SCHEDULED',
        agenda: input.agenda ?? null,
        meetingUrl: input.meetingUrl ?? null,
        manuallyMoved: true,
        origin: 'AD_HOC',
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'session.scheduled', 'CoachingSession', session.id);
    await this.events.sessionsChanged([session.id]);
    return session;
  }

  /** Moves one session (to a time from now on); the others keep their times. Its version grows so calendars update the event. */
  async reschedule(actor: Actor, id: string, startsAt: Date): Promise<CoachingSession> {
    const session = await this.requireStatus(actor, id, ['SCHEDULED'], 'rescheduled');
    this.assertStartAhead(startsAt, session.timeZone);
    await this.db.manager.update(CoachingSession, { id }, { startsAt, version: session.version + 1, manuallyMoved: true });
    await this.audit.record(actor, actor.practiceId, 'session.rescheduled', 'CoachingSession', id, {
      from: session.startsAt.toISOString(),
      to: startsAt.toISOString(),
    });
    await this.events.sessionsChanged([id]);
    return this.db.manager.findOneByOrFail(CoachingSession, { id });
  }

  cancel(actor: Actor, id: string): Promise<CoachingSession> {
    return this.setStatus(actor, id, 'CANCELLED');
  }

  /** Once the session has started: a session still ahead cannot have been held. */
  complete(actor: Actor, id: string): Promise<CoachingSession> {
    return this.setStatus(actor, id, 'COMPLETED', 'marked completed');
  }

  /** Once the session has started, like complete. */
  markNoShow(actor: Actor, id: string): Promise<CoachingSession> {
    return this.setStatus(actor, id, 'NO_SHOW', 'marked as a no-show');
  }

  async update(actor: Actor, id: string, input: UpdateSessionInput): Promise<CoachingSession> {
    await this.get(actor, id);
    const changes: Partial<CoachingSession> = {};
    if (input.durationMinutes !== undefined) changes.durationMinutes = input.durationMinutes;
    if (input.agenda !== undefined) changes.agenda = input.agenda || null;
    if (input.meetingUrl !== undefined) changes.meetingUrl = input.meetingUrl || null;
    await this.db.manager.update(CoachingSession, { id }, changes);
    await this.audit.record(actor, actor.practiceId, 'session.updated', 'CoachingSession', id, { fields: Object.keys(changes) });
    return this.db.manager.findOneByOrFail(CoachingSession, { id });
  }

  /** The coach's own notes: never shown to the client, a sponsor or in the audit trail. */
  async writePrivateNotes(actor: Actor, id: string, notes: string): Promise<CoachingSession> {
    await this.get(actor, id);
    assertLength(notes, 'notes');
    await this.db.manager.update(CoachingSession, { id }, { privateNotes: notes || null });
    await this.audit.record(actor, actor.practiceId, 'session.private_notes_written', 'CoachingSession', id, { length: notes.length });
    return this.db.manager.findOneByOrFail(CoachingSession, { id });
  }

  /**
   * Shares the summary with the client (from now on they can read it), once the session has
   * started: before it, the agenda is what the client sees.
   */
  async publishSummary(actor: Actor, id: string, summary: string): Promise<CoachingSession> {
    const session = await this.get(actor, id);
    assertLength(summary, 'summary');
    if (!summary.trim()) throw new BadUserInputError('summary must not be empty', 'summary');
    const now = this.clock.now();
    this.assertStarted(session, now, 'its summary can be shared once it has started (until then the client sees the agenda)');
    await this.db.manager.update(CoachingSession, { id }, { sharedSummary: summary, summaryPublishedAt: now });
    await this.audit.record(actor, actor.practiceId, 'session.summary_published', 'CoachingSession', id, { length: summary.length });
    await this.events.summaryPublished(id);
    return this.db.manager.findOneByOrFail(CoachingSession, { id });
  }

  /** `onceStarted`: the status says the session took place (or should have), so it must have started. */
  private async setStatus(actor: Actor, id: string, status: SessionStatus, onceStarted?: string): Promise<CoachingSession> {
    const session = await this.requireStatus(actor, id, ['SCHEDULED'], status.toLowerCase());
    const now = this.clock.now();
    if (onceStarted) this.assertStarted(session, now, `it can be ${onceStarted} once it has started`);
    await this.db.manager.update(CoachingSession, { id }, { status, completedAt: status === 'COMPLETED' ? now : null });
    await this.audit.record(actor, actor.practiceId, `session.${status.toLowerCase()}`, 'CoachingSession', id);
    await this.events.sessionsChanged([id]);
    return this.db.manager.findOneByOrFail(CoachingSession, { id });
  }

  private assertStarted(session: CoachingSession, now: Date, then: string): void {
    if (!hasStarted(session.startsAt, now))
      throw new ConflictError(`This session starts on ${startText(session.startsAt, session.timeZone)}; ${then}.`);
  }

  private assertStartAhead(startsAt: Date, timeZone: string): void {
    if (!startIsAhead(startsAt, this.clock.now())) {
      throw new BadUserInputError(
        `A session cannot start in the past: ${startText(startsAt, timeZone)} has already gone by. Choose a time from now on.`,
        'startsAt',
      );
    }
  }

  private async requireStatus(actor: Actor, id: string, allowed: SessionStatus[], verb: string): Promise<CoachingSession> {
    const session = await this.get(actor, id);
    if (!allowed.includes(session.status)) throw new ConflictError(`A ${session.status} session cannot be ${verb}`);
    return session;
  }
}

/** The properties of `wanted` a list may read for `actor`: private notes are read for staff only. */
export function readableSessionProperties(actor: Actor, wanted: readonly string[]): readonly string[] {
  return isStaff(actor) ? wanted : wanted.filter((name) => name !== 'privateNotes');
}

function assertLength(text: string, field: string): void {
  if (text.length > MAX_TEXT) throw new BadUserInputError(`${field} must be at most ${MAX_TEXT} characters`, field);
}
