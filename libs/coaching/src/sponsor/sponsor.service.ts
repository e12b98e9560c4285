import { Injectable } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { Keyset, type ConnectionShape } from '../common/pagination.js';
import { Sponsor } from './sponsor.entity.js';
import type { SponsorInput, UpdateSponsorInput } from './sponsor.inputs.js';

/** By organisation, then id. */
const SPONSOR_ORDER = new Keyset('ASC', [
  { sql: 's.organisation', type: 'text' },
  { sql: 's.id', type: 'uuid' },
]);

@Injectable()
export class SponsorService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, first: number, after?: string, includeArchived = false): Promise<ConnectionShape<Sponsor>> {
    const qb = this.scope.query(actor, Sponsor, 's');
    if (!includeArchived) qb.andWhere('s.archived_at IS NULL');
    for (const [expression, alias] of SPONSOR_ORDER.selections()) qb.addSelect(expression, alias);
    SPONSOR_ORDER.apply(qb, after);
    return SPONSOR_ORDER.connection(await qb.limit(first + 1).getRawAndEntities(), first);
  }

  get(actor: Actor, id: string): Promise<Sponsor> {
    return this.scope.get(actor, Sponsor, id, 'Sponsor');
  }

  async create(actor: Actor, input: SponsorInput): Promise<Sponsor> {
    const sponsor = await this.db.manager.save(Sponsor, this.db.manager.create(Sponsor, { ...input, practiceId: actor.practiceId }));
    await this.audit.record(actor, actor.practiceId, 'sponsor.created', 'Sponsor', sponsor.id);
    return sponsor;
  }

  async update(actor: Actor, id: string, input: UpdateSponsorInput): Promise<Sponsor> {
    await this.get(actor, id);
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    await this.db.manager.update(Sponsor, { id }, changes);
    await this.audit.record(actor, actor.practiceId, 'sponsor.updated', 'Sponsor', id, { fields: Object.keys(changes) });
    return this.db.manager.findOneByOrFail(Sponsor, { id });
  }

  async archive(actor: Actor, id: string): Promise<Sponsor> {
    const sponsor = await this.get(actor, id);
    if (!sponsor.archivedAt) {
      await this.db.manager.update(Sponsor, { id }, { archivedAt: this.clock.now() });
      await this.audit.record(actor, actor.practiceId, 'sponsor.archived', 'Sponsor', id);
    }
    return this.db.manager.findOneByOrFail(Sponsor, { id });
  }
}
