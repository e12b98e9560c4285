import DataLoader from 'dataloader';
import { listBy, type LoaderContext } from '../access/loader-kit.js';
import { actionItemCounts } from '../client/client-summaries.sql.js';
import { Client } from '../client/client.entity.js';
import { ActionItemCommentRead } from './action-item-comment-read.entity.js';
import { ActionItemComment } from './action-item-comment.entity.js';
import { ActionItem } from './action-item.entity.js';
import { unreadCommentSql } from './unread-comments.js';

export interface ActionItemCounts {
  open: number;
  overdue: number;
}

/** Per action item, or per client: comments unread by the viewer (unreadCommentSql). */
function unreadCommentCountBy(context: LoaderContext, column: 'action_item_id' | 'client_id') {
  return new DataLoader<string, number>(async (keys) => {
    const actor = context.actor();
    const rows = await context.scope
      .query(actor, ActionItemComment, 'cm')
      // The comment is in reach, so its client is too.
      .innerJoin(Client, 'cl', 'cl.id = cm.client_id')
      .leftJoin(ActionItemCommentRead, 'rd', 'rd.action_item_id = cm.action_item_id AND rd.user_id = :unreadViewer', {
        unreadViewer: actor.userId,
      })
      .select(`cm.${column}`, 'key')
      .addSelect('count(*)::int', 'count')
      .andWhere(`cm.${column} = ANY(:keys)`, { keys })
      .andWhere(unreadCommentSql(actor, { comment: 'cm', readAt: 'rd.read_at', clientUserId: 'cl.user_id', viewer: ':unreadViewer' }))
      .groupBy(`cm.${column}`)
      .getRawMany<{ key: string; count: number }>();
    const byKey = new Map(rows.map((r) => [r.key, r.count]));
    return keys.map((key) => byKey.get(key) ?? 0);
  });
}

/** The request's action-item DataLoaders (composed into Loaders). */
export function actionItemLoaders(context: LoaderContext) {
  return {
    actionItemsBySession: listBy(context, ActionItem, 'session_id', (a) => a.sessionId, 'r.created_at'),
    commentsByActionItem: listBy(context, ActionItemComment, 'action_item_id', (c) => c.actionItemId, 'r.created_at'),

    /** Per client: OPEN action items, and those among them overdue (client-summaries.sql.ts). */
    actionItemCountsByClient: new DataLoader<string, ActionItemCounts>(async (keys) => {
      const rows = await context.scope
        .query(context.actor(), ActionItem, 'a')
        .innerJoin(Client, 'owner', 'owner.id = a.client_id')
        .select('a.client_id', 'clientId')
        .addSelect(actionItemCounts.open, 'open')
        .addSelect(actionItemCounts.overdue('a', 'owner.time_zone'), 'overdue')
        .andWhere('a.client_id = ANY(:keys)', { keys })
        .andWhere(actionItemCounts.where('a'))
        .groupBy('a.client_id')
        .getRawMany<{ clientId: string; open: number; overdue: number }>();
      const byKey = new Map(rows.map((r) => [r.clientId, { open: r.open, overdue: r.overdue }]));
      return keys.map((key) => byKey.get(key) ?? { open: 0, overdue: 0 });
    }),

    unreadCommentCountByActionItem: unreadCommentCountBy(context, 'action_item_id'),
    unreadCommentCountByClient: unreadCommentCountBy(context, 'client_id'),
  };
}
