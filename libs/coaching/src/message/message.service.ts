import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { Client } from '../client/client.entity.js';
import { Keyset, type ConnectionShape } from '../common/pagination.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { User } from '../user/user.entity.js';
import { MessageRead } from './message-read.entity.js';
import { Message, type MessageSource } from './message.entity.js';
import { unreadMessageSql } from './unread-messages.js';

/** Newest first: a conversation is read from its latest message back. */
const MESSAGE_ORDER = new Keyset('DESC', [
  { sql: 'm.created_at', type: 'timestamptz' },
  { sql: 'm.id', type: 'uuid' },
]);

/**
 * An engagement's conversation between the coach and the client. Everyone who can see the
 * engagement (Scope: the client, their coach, the practice's owners) reads it; only the client
 * and their coach write in it. Posting tells CoachingEvents, which plans the email to the other
 * side in the same transaction.
 */
@Injectable()
export class MessageService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
  ) {}

  async list(actor: Actor, engagementId: string, first: number, after?: string): Promise<ConnectionShape<Message>> {
    const engagement = await this.scope.get(actor, Engagement, engagementId, 'Engagement');
    const qb = this.scope.query(actor, Message, 'm').andWhere('m.engagement_id = :engagementId', { engagementId: engagement.id });
    for (const [expression, alias] of MESSAGE_ORDER.selections()) qb.addSelect(expression, alias);
    MESSAGE_ORDER.apply(qb, after);
    return MESSAGE_ORDER.connection(await qb.limit(first + 1).getRawAndEntities(), first);
  }

  /** Messages by the other side the viewer has not read, over every conversation in their reach (unreadMessageSql). */
  async unreadCount(actor: Actor): Promise<number> {
    const row = await this.scope
      .query(actor, Message, 'm')
      .innerJoin(Client, 'cl', 'cl.id = m.client_id')
      .leftJoin(MessageRead, 'mr', 'mr.engagement_id = m.engagement_id AND mr.user_id = :unreadViewer', { unreadViewer: actor.userId })
      .select('count(*)::int', 'count')
      .andWhere(unreadMessageSql(actor, { message: 'm', readAt: 'mr.read_at', clientUserId: 'cl.user_id', viewer: ':unreadViewer' }))
      .getRawOne<{ count: number }>();
    return row?.count ?? 0;
  }

  /** The client or their coach writes in the engagement's conversation (an owner who is not the coach may only read). */
  async post(actor: Actor, engagementId: string, body: string, source: MessageSource = 'WEB'): Promise<Message> {
    const engagement = await this.scope.get(actor, Engagement, engagementId, 'Engagement');
    const client = await this.db.manager.findOneByOrFail(Client, { id: engagement.clientId });
    if (actor.userId !== client.coachId && actor.clientId !== client.id) {
      throw new ForbiddenError('Only the client and their coach write in this conversation; owners may read it');
    }
    const message = await this.db.manager.save(
      Message,
      this.db.manager.create(Message, {
        practiceId: engagement.practiceId,
        clientId: engagement.clientId,
        engagementId: engagement.id,
        authorId: actor.userId,
        body,
        source,
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'message.posted', 'Engagement', engagement.id, {
      messageId: message.id,
      length: body.length,
      source,
    });
    // Whoever writes has read the conversation up to their message.
    await this.recordReadPoint(engagement, actor.userId);
    await this.events.messagePosted(message.id);
    return message;
  }

  /**
   * A reply by email (the inbound receiver), posted as the user the reply address was signed for:
   * the same rules as in the web app, with that user as the actor. NOT_FOUND when the user can no
   * longer log in or reach the engagement.
   */
  async postAsUser(userId: string, engagementId: string, body: string): Promise<Message> {
    const user = await this.db.manager.findOneBy(User, { id: userId });
    if (!user || user.disabled) throw new NotFoundError('User', userId);
    const clientId =
      user.role === 'CLIENT'
        ? ((await this.db.manager.findOneBy(Client, { userId: user.id, practiceId: user.practiceId }))?.id ?? null)
        : null;
    const actor: Actor = { userId: user.id, practiceId: user.practiceId, role: user.role, clientId };
    return (await this.db.transaction(() => this.post(actor, engagementId, body, 'EMAIL'))).result;
  }

  /** The viewer has read every message of the engagement's conversation so far. */
  async markRead(actor: Actor, engagementId: string): Promise<Engagement> {
    const engagement = await this.scope.get(actor, Engagement, engagementId, 'Engagement');
    await this.recordReadPoint(engagement, actor.userId);
    await this.audit.record(actor, actor.practiceId, 'message.read', 'Engagement', engagement.id);
    return engagement;
  }

  /** The newest message's time (database time, as messages are stamped), never moved back; with no message yet, now. */
  private async recordReadPoint(engagement: Engagement, userId: string): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO message_read (user_id, engagement_id, practice_id, client_id, read_at)
       SELECT $1, $2, $3, $4, coalesce((SELECT max(m.created_at) FROM message m WHERE m.engagement_id = $2), now())
       ON CONFLICT (user_id, engagement_id) DO UPDATE SET read_at = greatest(message_read.read_at, EXCLUDED.read_at)`,
      [userId, engagement.id, engagement.practiceId, engagement.clientId],
    );
  }
}
