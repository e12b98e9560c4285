import { Injectable } from '@nestjs/common';
import { BadUserInputError, ConflictError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { decodeCursor, toConnection, type ConnectionShape } from '../common/pagination.js';
import { User } from '../user/user.entity.js';
import { Client } from './client.entity.js';
import type { ClientFilter, CreateClientInput, UpdateClientInput } from './client.inputs.js';

@Injectable()
export class ClientService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
  ) {}

  /** The roster, in name order, paged by (name, id) on the roster index. */
  async list(actor: Actor, filter: ClientFilter | undefined, first: number, after?: string): Promise<ConnectionShape<Client>> {
    const qb = this.scope.query(actor, Client, 'c');
    if (!filter?.includeArchived) qb.andWhere('c.archived_at IS NULL');
    if (filter?.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter?.tag) qb.andWhere(':tag = ANY(c.tags)', { tag: filter.tag });
    if (filter?.coachId) qb.andWhere('c.coach_id = :coachId', { coachId: filter.coachId });
    if (filter?.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(c.name ILIKE :pattern OR c.email ILIKE :pattern)', { pattern });
    }
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      qb.andWhere('(c.name, c.id) > (:afterName, :afterId)', { afterName: name, afterId: id });
    }
    const rows = await qb.orderBy('c.name').addOrderBy('c.id').limit(first + 1).getMany();
    return toConnection(rows, first, (c) => [c.name, c.id]);
  }

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
    if (input.reminderOffsetsMinutes !== undefined) changes.reminderOffsetsMinutes = [...new Set(input.reminderOffsetsMinutes)].sort((a, b) => b - a);
    if (input.coachId !== undefined) changes.coachId = await this.resolveCoach(actor, input.coachId);
    await this.db.manager.update(Client, { id: client.id }, changes);
    await this.audit.record(actor, actor.practiceId, 'client.updated', 'Client', client.id, { fields: Object.keys(changes) });
    if ('email' in changes || 'timeZone' in changes) await this.events.clientContactChanged(client.id);
    return this.db.manager.findOneByOrFail(Client, { id: client.id });
  }

  /** Archived clients leave the roster (they stay in the records). */
  async archive(actor: Actor, id: string): Promise<Client> {
    const client = await this.get(actor, id);
    if (!client.archivedAt) {
      await this.db.manager.update(Client, { id: client.id }, { archivedAt: new Date(), status: 'ALUMNI' });
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
      .where('c.practice_id = :practiceId AND lower(c.email) = lower(:email) AND c.archived_at IS NULL', { practiceId: actor.practiceId, email });
    if (exceptId) qb.andWhere('c.id <> :exceptId', { exceptId });
    if (await qb.getExists()) throw new ConflictError(`A client with ${email} is already in this practice`);
  }
}

function normalizeTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
}
