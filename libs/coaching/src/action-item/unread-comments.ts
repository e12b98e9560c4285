import { isStaff, type Actor } from '../access/actor.js';

/**
 * The one rule for "unread comments", as SQL on a comment row `comment`: written by the other
 * side of the coaching relationship (for staff, the client; for the client, anyone but
 * themself) and newer than the viewer's read point `readAt` (their action_item_comment_read
 * row, outer-joined: NULL when they never read the item). `clientUserId`: the SQL for the
 * item's client's user id; `viewer`: the SQL (placeholder) for the viewer's user id.
 */
export function unreadCommentSql(actor: Actor, sql: { comment: string; readAt: string; clientUserId: string; viewer: string }): string {
  const otherSide = isStaff(actor)
    ? `${sql.comment}.author_id = ${sql.clientUserId}`
    : `${sql.comment}.author_id IS DISTINCT FROM ${sql.viewer}`;
  return `${otherSide} AND (${sql.readAt} IS NULL OR ${sql.comment}.created_at > ${sql.readAt})`;
}

/** The join of a comment `comment` to the viewer's read point on its item, as `alias`. */
export function readPointJoin(comment: string, alias: string, viewer: string): string {
  return `action_item_comment_read ${alias} ON ${alias}.action_item_id = ${comment}.action_item_id AND ${alias}.user_id = ${viewer}`;
}
