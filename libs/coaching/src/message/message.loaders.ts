import DataLoader from 'dataloader';
import type { LoaderContext } from '../access/loader-kit.js';
import { Client } from '../client/client.entity.js';
import { MessageRead } from './message-read.entity.js';
import { Message } from './message.entity.js';
import { unreadMessageSql } from './unread-messages.js';

/** Per engagement, or per client: messages unread by the viewer (unreadMessageSql). */
function unreadMessageCountBy(context: LoaderContext, column: 'engagement_id' | 'client_id') {
  return new DataLoader<string, number>(async (keys) => {
    const actor = context.actor();
    const rows = await context.scope
      .query(actor, Message, 'm')
      // The message is in reach, so its client is too.
      .innerJoin(Client, 'cl', 'cl.id = m.client_id')
      .leftJoin(MessageRead, 'mr', 'mr.engagement_id = m.engagement_id AND mr.user_id = :unreadViewer', { unreadViewer: actor.userId })
      .select(`m.${column}`, 'key')
      .addSelect('count(*)::int', 'count')
      .andWhere(`m.${column} = ANY(:keys)`, { keys })
      .andWhere(unreadMessageSql(actor, { message: 'm', readAt: 'mr.read_at', clientUserId: 'cl.user_id', viewer: ':unreadViewer' }))
      .groupBy(`m.${column}`)
      .getRawMany<{ key: string; count: number }>();
    const byKey = new Map(rows.map((r) => [r.key, r.count]));
    return keys.map((key) => byKey.get(key) ?? 0);
  });
}

/** The request's message DataLoaders (composed into Loaders). */
export function messageLoaders(context: LoaderContext) {
  return {
    unreadMessageCountByEngagement: unreadMessageCountBy(context, 'engagement_id'),
    unreadMessageCountByClient: unreadMessageCountBy(context, 'client_id'),
  };
}
