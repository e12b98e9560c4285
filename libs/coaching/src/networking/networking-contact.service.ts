import { Injectable } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import { BadUserInputError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { todayIn } from '../action-item/overdue.js';
import { AuditService } from '../audit/audit.service.js';
import { Client } from '../client/client.entity.js';
import { decodeKeys, toConnection, type ConnectionShape } from '../common/pagination.js';
import { NetworkingContact } from './networking-contact.entity.js';
import type { ContactFilter, CreateContactInput, UpdateContactInput } from './networking-contact.inputs.js';

/** The optional columns an input may set or clear (text: '' clears as null does). */
const OPTIONAL_FIELDS = ['organisation', 'howMet', 'lastContactDate', 'nextFollowUpDate', 'notes'] as const;

/**
 * A client's networking contacts, kept by the client and their coach (Scope: a client reaches only
 * their own, a coach only their clients'). "Today" is the client's local date at the injected
 * clock's now, so a follow-up date means the client's day.
 */
@Injectable()
export class NetworkingContactService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
    private readonly clock: Clock,
  ) {}

  get(actor: Actor, id: string): Promise<NetworkingContact> {
    return this.scope.get(actor, NetworkingContact, id, 'Contact');
  }

  /** The caller's own client record (a CLIENT's). */
  ownClient(actor: Actor): Promise<Client> {
    return this.scope.get(actor, Client, actor.clientId ?? '', 'Client');
  }

  /** Today in the client's zone, at the clock's now. */
  today(client: Pick<Client, 'timeZone'>): string {
    return todayIn(client.timeZone, this.clock.now());
  }

  /**
   * One client's contacts, follow-ups due first: by next follow-up (none last), then id; paged by
   * that key (networking_contact_client_idx serves the order). `client` was read through the Scope.
   * A row comparison cannot step past NULL, hence the explicit predicates (as action items page).
   */
  async list(actor: Actor, client: Client, filter: ContactFilter | undefined, first: number, after?: string) {
    const qb = this.scope.query(actor, NetworkingContact, 'n').andWhere('n.client_id = :clientId', { clientId: client.id });
    if (filter?.followUpDue) qb.andWhere('n.next_follow_up_date <= :today', { today: this.today(client) });
    if (after) {
      const [date, id] = decodeKeys(after, ['date', 'uuid'], [true, false]);
      if (date) {
        qb.andWhere(
          '(n.next_follow_up_date > :afterDate OR (n.next_follow_up_date = :afterDate AND n.id > :afterId) OR n.next_follow_up_date IS NULL)',
          { afterDate: date, afterId: id },
        );
      } else {
        qb.andWhere('n.next_follow_up_date IS NULL AND n.id > :afterId', { afterId: id });
      }
    }
    const rows = await qb
      .orderBy('n.next_follow_up_date', 'ASC', 'NULLS LAST')
      .addOrderBy('n.id')
      .limit(first + 1)
      .getMany();
    const connection: ConnectionShape<NetworkingContact> = toConnection(rows, first, (n) => [n.nextFollowUpDate ?? '', n.id]);
    return connection;
  }

  async create(actor: Actor, input: CreateContactInput): Promise<NetworkingContact> {
    const clientId = input.clientId ?? actor.clientId;
    if (!clientId) throw new BadUserInputError('clientId is required: whose contact is this?', 'clientId');
    const client = await this.scope.get(actor, Client, clientId, 'Client');
    const contact = await this.db.manager.save(
      NetworkingContact,
      this.db.manager.create(NetworkingContact, {
        practiceId: client.practiceId,
        clientId: client.id,
        name: input.name,
        organisation: input.organisation || null,
        howMet: input.howMet || null,
        lastContactDate: input.lastContactDate ?? null,
        nextFollowUpDate: input.nextFollowUpDate ?? null,
        notes: input.notes || null,
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'contact.created', 'NetworkingContact', contact.id, { clientId: client.id });
    if (contact.nextFollowUpDate) await this.events.followUpsChanged(client.id);
    return contact;
  }

  async update(actor: Actor, id: string, input: UpdateContactInput): Promise<NetworkingContact> {
    const contact = await this.get(actor, id);
    const changes: Partial<NetworkingContact> = {};
    if (input.name !== undefined) changes.name = input.name;
    for (const field of OPTIONAL_FIELDS) if (input[field] !== undefined) changes[field] = input[field] || null;
    return this.write(actor, contact, changes, 'contact.updated');
  }

  /**
   * Records a contact made today (the client's today): last contact = today. The next follow-up is
   * set when given (null: none); left out, one that was due is done and cleared, a later one stays.
   */
  async logContactMade(actor: Actor, id: string, nextFollowUpDate: string | null | undefined): Promise<NetworkingContact> {
    const contact = await this.get(actor, id);
    const client = await this.scope.get(actor, Client, contact.clientId, 'Client');
    const today = this.today(client);
    const changes: Partial<NetworkingContact> = { lastContactDate: today };
    if (nextFollowUpDate !== undefined) changes.nextFollowUpDate = nextFollowUpDate;
    else if (contact.nextFollowUpDate !== null && contact.nextFollowUpDate <= today) changes.nextFollowUpDate = null;
    return this.write(actor, contact, changes, 'contact.logged');
  }

  async delete(actor: Actor, id: string): Promise<boolean> {
    const contact = await this.get(actor, id);
    await this.db.manager.delete(NetworkingContact, { id: contact.id });
    await this.audit.record(actor, actor.practiceId, 'contact.deleted', 'NetworkingContact', contact.id, { clientId: contact.clientId });
    if (contact.nextFollowUpDate) await this.events.followUpsChanged(contact.clientId);
    return true;
  }

  private async write(
    actor: Actor,
    contact: NetworkingContact,
    changes: Partial<NetworkingContact>,
    action: string,
  ): Promise<NetworkingContact> {
    if (Object.keys(changes).length) await this.db.manager.update(NetworkingContact, { id: contact.id }, changes);
    // The audit names the fields, never their text.
    await this.audit.record(actor, actor.practiceId, action, 'NetworkingContact', contact.id, { fields: Object.keys(changes) });
    if ('nextFollowUpDate' in changes) await this.events.followUpsChanged(contact.clientId);
    return this.db.manager.findOneByOrFail(NetworkingContact, { id: contact.id });
  }
}
