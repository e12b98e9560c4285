import { useEffect, useRef } from 'react';
import { Link, NavLink, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/graphql';
import { errorCode } from '../../ui/errors';
import { Page } from '../../ui/page';
import { EmptyState, QueryState, SuccessNotice } from '../../ui/status';
import { InviteClientButton } from './invite-client-button';
import { ClientNotifications } from '../notifications/client-notifications';
import { ScheduleSession } from '../sessions/schedule-session';
import { ActionItemsTab } from './action-items-tab';
import { CareerPlanTab } from './career-plan-tab';
import { EditClient } from './edit-client';
import { GoalsTab } from './goals-tab';
import { CLIENT_STATUS_BADGES, CLIENT_STATUS_LABELS } from './labels';
import { OverviewTab } from './overview-tab';
import { SessionsTab } from './sessions-tab';
import { UnreadComments } from './unread-comments';
import { lazyPage, PageSuspense } from '../../app/lazy-page';
import { MessagesTab } from './messages-tab';
import { UnreadMessages } from '../../messages/unread-messages';
import './client-page.css';

// Its own chunk: the coach's first script does not grow with it.
const ContactsTab = lazyPage(() => import('./contacts-tab'), 'ContactsTab');

export const ClientPageQuery = graphql(`
  query ClientPage($id: ID!) {
    client(id: $id) {
      id
      name
      email
      timeZone
      status
      tags
      hasLogin
      currentRole
      targetRole
      reminderOffsetsMinutes
      archivedAt
      unreadCommentCount
      unreadMessageCount
    }
  }
`);

const TABS = [
  ['', 'Overview'],
  ['sessions', 'Sessions'],
  ['action-items', 'Action items'],
  ['goals', 'Goals'],
  ['plan', 'Career plan'],
  ['contacts', 'Contacts'],
  ['messages', 'Messages'],
  ['emails', 'Emails'],
] as const;

/** One client: header and actions, and tabs as nested routes under /clients/:clientId. */
export function ClientPage() {
  const { clientId = '' } = useParams();
  const [result, refetch] = useQuery({ query: ClientPageQuery, variables: { id: clientId } });
  const navigate = useNavigate();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  if (errorCode(result.error) === 'NOT_FOUND') {
    return (
      <Page title="Client not found">
        <EmptyState title="This client is not on your roster">
          <p>They may have been removed, or they are coached by someone else.</p>
          <Link to="/clients">Back to clients</Link>
        </EmptyState>
      </Page>
    );
  }

  return (
    <QueryState result={result}>
      {({ client }) => {
        const base = `/clients/${client.id}`;
        return (
          <Page
            title={client.name}
            subtitle={
              <span className="client-subtitle">
                <a href={`mailto:${client.email}`}>{client.email}</a>
                <span>{client.timeZone.replace(/_/g, ' ')}</span>
                <span className={CLIENT_STATUS_BADGES[client.status]}>{CLIENT_STATUS_LABELS[client.status]}</span>
                {client.archivedAt ? <span className="badge badge-warning">Archived</span> : null}
                <UnreadComments count={client.unreadCommentCount} to={`${base}/action-items`} />
                <UnreadMessages count={client.unreadMessageCount} to={`${base}/messages`} />
                {client.tags.map((tag) => (
                  <Link key={tag} className="small" to={`/clients?tag=${encodeURIComponent(tag)}`} aria-label={`Clients tagged ${tag}`}>
                    #{tag}
                  </Link>
                ))}
              </span>
            }
            actions={
              <>
                <Link className="button button-secondary" to={`${base}/engagements/new`}>
                  New engagement
                </Link>
                <Link className="button button-secondary" to={`${base}/edit`}>
                  Edit client
                </Link>
                <InviteClientButton clientId={client.id} hasLogin={client.hasLogin} />
              </>
            }
          >
            {client.currentRole || client.targetRole ? (
              <p className="muted client-roles">
                {client.currentRole ? <>Now: {client.currentRole}</> : null}
                {client.currentRole && client.targetRole ? ' · ' : null}
                {client.targetRole ? <>Aiming for: {client.targetRole}</> : null}
              </p>
            ) : null}
            {notice ? <SavedNotice>{notice}</SavedNotice> : null}
            <nav className="tabs" aria-label={`${client.name}: sections`}>
              {TABS.map(([path, label]) => (
                <NavLink key={label} to={path ? `${base}/${path}` : base} end={!path}>
                  {label}
                  {path === 'action-items' && client.unreadCommentCount > 0 ? (
                    <>
                      {' '}
                      <span className="badge badge-warning">
                        {client.unreadCommentCount}{' '}
                        <span className="visually-hidden">{client.unreadCommentCount === 1 ? 'unread comment' : 'unread comments'}</span>
                      </span>
                    </>
                  ) : null}
                  {path === 'messages' && client.unreadMessageCount > 0 ? (
                    <>
                      {' '}
                      <span className="badge badge-warning">
                        {client.unreadMessageCount}{' '}
                        <span className="visually-hidden">{client.unreadMessageCount === 1 ? 'unread message' : 'unread messages'}</span>
                      </span>
                    </>
                  ) : null}
                </NavLink>
              ))}
            </nav>
            <Routes>
              <Route index element={<OverviewTab clientId={client.id} />} />
              <Route path="sessions" element={<SessionsTab clientId={client.id} />} />
              <Route path="sessions/new" element={<ScheduleSession clientId={client.id} />} />
              <Route path="action-items" element={<ActionItemsTab clientId={client.id} />} />
              <Route path="goals" element={<GoalsTab clientId={client.id} />} />
              <Route path="plan" element={<CareerPlanTab clientId={client.id} />} />
              <Route
                path="contacts"
                element={
                  <PageSuspense label="Loading the contacts…">
                    <ContactsTab />
                  </PageSuspense>
                }
              />
              <Route path="messages" element={<MessagesTab clientId={client.id} />} />
              <Route path="emails" element={<ClientNotifications clientId={client.id} />} />
              <Route
                path="edit"
                element={
                  <EditClient
                    client={client}
                    onSaved={(saved) => {
                      refetch({ requestPolicy: 'network-only' });
                      void navigate(base, { state: { notice: saved } }); // nothing waits for the navigation
                    }}
                  />
                }
              />
              <Route
                path="*"
                element={
                  <EmptyState title="There is no such section">
                    <Link to={base}>Go to the overview</Link>
                  </EmptyState>
                }
              />
            </Routes>
          </Page>
        );
      }}
    </QueryState>
  );
}

/** A notice brought along by a navigation (e.g. after saving the client), focused so it is read out and found. */
function SavedNotice({ children }: { children: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [children]);
  return (
    <div ref={ref} tabIndex={-1} className="client-saved-notice">
      <SuccessNotice>{children}</SuccessNotice>
    </div>
  );
}
