import { Link } from 'react-router';
import { useViewer } from '../../auth/auth-context';
import { formatDateTime } from '../../time/format';
import { SESSION_STATUS } from './labels';

export interface SessionLinkData {
  id: string;
  startsAt: string;
  status: string;
  engagement?: { title: string } | null;
}

/** Sessions as a list of links whose text starts with the date (viewer's zone, named), with status badges. */
export function SessionList({ sessions, label }: { sessions: SessionLinkData[]; label: string }) {
  const viewer = useViewer();
  return (
    <ul className="session-list" aria-label={label}>
      {sessions.map((session) => {
        const status = SESSION_STATUS[session.status] ?? { label: session.status, badge: 'badge' };
        return (
          <li key={session.id}>
            <Link to={`/sessions/${session.id}`}>{formatDateTime(session.startsAt, viewer.timeZone)}</Link>
            <span className={status.badge}>{status.label}</span>
            {session.engagement ? <span className="muted small">{session.engagement.title}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Now, to the minute: a stable variable for "from now" queries during one visit. */
export function nowToTheMinute(): string {
  const now = new Date();
  now.setSeconds(0, 0);
  return now.toISOString();
}
