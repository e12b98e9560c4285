import { Link } from 'react-router';

export function unreadMessagesText(count: number): string {
  return count === 1 ? '1 unread message' : `${count} unread messages`;
}

/** "2 unread messages", linking to the conversation when `to` is given; nothing when all are read. */
export function UnreadMessages({ count, to }: { count: number; to?: string }) {
  if (!(count > 0)) return null;
  const badge = <span className="badge badge-warning">{unreadMessagesText(count)}</span>;
  return to ? (
    <Link to={to} className="unread-messages-link">
      {badge}
    </Link>
  ) : (
    badge
  );
}
