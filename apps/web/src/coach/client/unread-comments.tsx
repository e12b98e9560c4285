import { Link } from 'react-router';

export function unreadCommentsText(count: number): string {
  return count === 1 ? '1 unread comment' : `${count} unread comments`;
}

/** "2 unread comments" from the client, linking to their action items when `to` is given; nothing when all are read. */
export function UnreadComments({ count, to }: { count: number; to?: string }) {
  if (!(count > 0)) return null;
  const badge = <span className="badge badge-warning">{unreadCommentsText(count)}</span>;
  return to ? (
    <Link to={to} className="unread-comments-link">
      {badge}
    </Link>
  ) : (
    badge
  );
}
