import { isStaff, type Actor } from '../access/actor.js';

/**
 * The one rule for "unread messages", as SQL on a message row `message`: written by the other
 * side of the conversation (for staff, the client; for the client, anyone but themself) and
 * newer than the viewer's read point `readAt` (their message_read row, outer-joined: NULL when
 * they never opened the thread). `clientUserId`: the SQL for the client's user id; `viewer`: the
 * SQL (placeholder) for the viewer's user id. The same shape as unreadCommentSql.
 */
export function unreadMessageSql(actor: Actor, sql: { message: string; readAt: string; clientUserId: string; viewer: string }): string {
  const otherSide = isStaff(actor)
    ? `${sql.message}.author_id = ${sql.clientUserId}`
    : `${sql.message}.author_id IS DISTINCT FROM ${sql.viewer}`;
  return `${otherSide} AND (${sql.readAt} IS NULL OR ${sql.message}.created_at > ${sql.readAt})`;
}

/** The join of a message `message` to the viewer's read point on its thread, as `alias`. */
export function messageReadJoin(message: string, alias: string, viewer: string): string {
  return `message_read ${alias} ON ${alias}.engagement_id = ${message}.engagement_id AND ${alias}.user_id = ${viewer}`;
}
