import { Injectable } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import { BadUserInputError, ConflictError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { toConnection, type ConnectionShape } from '../common/pagination.js';
import { User } from '../user/user.entity.js';
import { NO_ROSTER_SUMMARIES, type RosterInclude } from './client-roster.js';
import { Client } from './client.entity.js';
import { EngagementService } from '../engagement/engagement.service.js';
import type { ClientFilter, ClientOrder, CreateClientInput, UpdateClientInput } from './client.inputs.js';
import { rosterCursor } from './client-roster-order.js';
import { rosterClients, rosterColumns, rosterStatement, type RosterColumns } from './roster-statement.js';

@Injectable()
export class ClientService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
    private readonly clock: Clock,
    private readonly engagements: EngagementService,
  ) {}

  /**
   * The roster, in `order`, paged by a keyset on that order (name order uses the roster index),
   * with the per-client summaries in `include`: ONE named prepared statement (roster-statement.ts),
   * reading only the columns the selected fields need. The summaries are kept beside each Client
   * (rosterSummaryOf) for the field resolvers. Cursors name their order, so a cursor from another
   * order is refused.
   */
  async list(
    actor: Actor,
    filter: ClientFilter | undefined,
    first: number,
    after?: string,
    include: RosterInclude = NO_ROSTER_SUMMARIES,
    order: ClientOrder = 'NAME',
  ): Promise<ConnectionShape<Client>> {
    const columns = (this.rosterColumns ??= rosterColumns(this.db.manager.connection));
    const { sql, params } = rosterStatement(this.scope, columns, { actor, filter, first, after, include, order });
    const page = rosterClients(columns, include, await this.db.preparedQuery(sql, params));
    return toConnection(
      page.map((row) => row.client),
      first,
      (client, index) => rosterCursor(order, client, page[index].sortAt),
    );
  }

  private rosterColumns?: RosterColumns;

  get(actor: Actor, id: string): Promise<Client> {
    return this.scope.get(actor, Client, id, 'Client');
  }

  async create(actor: Actor, input: CreateClientInput): Promise<Client> {
    const coachId = await this.resolveCoach(actor, input.coachId);
    await this.assertEmailFree(actor, input.email);
    const client = await this.db.manager.save(
      Client,
      this.db.manager.create(Client, {
        practiceId: actor.practiceId,
        coachId,
        name: input.name,
        email: input.email,
        timeZone: input.timeZone,
        status: input.status,
        currentRole: input.currentRole ?? null,
        targetRole: input.targetRole ?? null,
        tags: normalizeTags(input.tags),
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'client.created', 'Client', client.id);
    return client;
  }

  async update(actor: Actor, id: string, input: UpdateClientInput): Promise<Client> {
    const client = await this.get(actor, id);
    if (input.email && input.email !== client.email) {
      if (client.userId) throw new ConflictError('The client logs in with this email; they change it themselves');
      await this.assertEmailFree(actor, input.email, client.id);
    }
    const changes: Partial<Client> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.email !== undefined) changes.email = input.email;
    if (input.timeZone !== undefined) changes.timeZone = input.timeZone;
    if (input.status !== undefined) changes.status = input.status;
    if (input.currentRole !== undefined) changes.currentRole = input.currentRole || null;
    if (input.targetRole !== undefined) changes.targetRole = input.targetRole || null;
    if (input.tags !== undefined) changes.tags = normalizeTags(input.tags);
    if (input.reminderOffsetsMinutes !== undefined)
      changes.reminderOffsetsMinutes = [...new Set(input.reminderOffsetsMinutes)].sort((a, b) => b - a);
    if (input.coachId !== undefined) changes.coachId = await this.resolveCoach(actor, input.coachId);
    await this.db.manager.update(Client, { id: client.id }, changes);
    await this.audit.record(actor, actor.practiceId, 'client.updated', 'Client', client.id, { fields: Object.keys(changes) });
    // Before the contact change re-addresses pending emails: moved sessions get theirs planned anew.
    if (changes.timeZone !== undefined && changes.timeZone !== client.timeZone) {
      await this.engagements.followClientTimeZone(actor, client.id, client.timeZone, changes.timeZone);
    }
    if ('email' in changes || 'timeZone' in changes) await this.events.clientContactChanged(client.id);
    if ('reminderOffsetsMinutes' in changes) await this.events.clientReminderOffsetsChanged(client.id);
    return this.db.manager.findOneByOrFail(Client, { id: client.id });
  }

  /** Archived clients leave the roster (they stay in the records). */
  async archive(actor: Actor, id: string): Promise<Client> {
    const client = await this.get(actor, id);
    if (!client.archivedAt) {
      await this.db.manager.update(Client, { id: client.id }, { archivedAt: this.clock.now(), status: 'ALUMNI' });
      await this.audit.record(actor, actor.practiceId, 'client.archived', 'Client', client.id);
    }
    return this.db.manager.findOneByOrFail(Client, { id: client.id });
  }

  /** Coaches take clients for themselves; owners may name any coach in the practice. */
  private async resolveCoach(actor: Actor, coachId: string | undefined): Promise<string> {
    if (!coachId || coachId === actor.userId) return actor.userId;
    if (actor.role !== 'OWNER') throw new BadUserInputError('Only an owner can assign a client to another coach', 'coachId');
    const coach = await this.db.manager.findOneBy(User, { id: coachId, practiceId: actor.practiceId });
    if (!coach || coach.role === 'CLIENT') throw new BadUserInputError('No such coach in this practice', 'coachId');
    return coach.id;
  }

  private async assertEmailFree(actor: Actor, email: string, exceptId?: string): Promise<void> {
    const qb = this.db.manager
      .createQueryBuilder(Client, 'c')
      .where('c.practice_id = :practiceId AND lower(c.email) = lower(:email) AND c.archived_at IS NULL', {
        practiceId: actor.practiceId,
        email,
      });
    if (exceptId) qb.andWhere('c.id <> :exceptId', { exceptId });
    if (await qb.getExists()) throw new ConflictError(`A client with ${email} is already in this practice`);
  }
}

function normalizeTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
}
