import { NavLink, Outlet } from 'react-router';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { useAuth, useViewer } from '../auth/auth-context';
import { firstQueryAnswered } from '../graphql/client';
import { graphql } from '../graphql/graphql';
import { zoneCity } from '../time/format';

const COACH_LINKS = [
  { to: '/', label: 'Today', end: true },
  { to: '/clients', label: 'Clients' },
  { to: '/calendar', label: 'Calendar' },
  { to: '/sponsors', label: 'Sponsors' },
  { to: '/preferences', label: 'Email preferences' },
];

/** Owners also run the practice: its settings, coaches and audit trail. */
const OWNER_LINKS = [...COACH_LINKS.slice(0, 4), { to: '/practice', label: 'Practice' }, COACH_LINKS[4]];

const CLIENT_LINKS = [
  { to: '/', label: 'Home', end: true },
  { to: '/action-items', label: 'Action items' },
  { to: '/plan', label: 'Career plan' },
  { to: '/contacts', label: 'Contacts' },
  { to: '/messages', label: 'Messages' },
  { to: '/preferences', label: 'Email preferences' },
];

/** The client's unread messages, beside Messages in the navigation. */
export const UnreadMessageCountQuery = graphql(`
  query UnreadMessageCount {
    unreadMessageCount
  }
`);

/** Header, navigation and the main landmark around every logged-in page. */
export function AppShell() {
  const viewer = useViewer();
  const { logOut } = useAuth();
  const links = viewer.role === 'CLIENT' ? CLIENT_LINKS : viewer.role === 'OWNER' ? OWNER_LINKS : COACH_LINKS;
  const [pageAnswered, setPageAnswered] = useState(false);
  useEffect(() => {
    let mounted = true;
    void firstQueryAnswered.then(() => mounted && setPageAnswered(true));
    return () => {
      mounted = false;
    };
  }, []);
  const [unread] = useQuery({ query: UnreadMessageCountQuery, pause: viewer.role !== 'CLIENT' || !pageAnswered });
  const unreadMessages = unread.data?.unreadMessageCount ?? 0;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to="/" className="brand" aria-label="Tandem home">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            Tandem
          </NavLink>
          <nav className="app-nav" aria-label="Main">
            <ul>
              {links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} end={'end' in link}>
                    {link.label}
                    {link.to === '/messages' && unreadMessages > 0 ? (
                      <>
                        {' '}
                        <span className="badge badge-warning">
                          {unreadMessages}{' '}
                          <span className="visually-hidden">{unreadMessages === 1 ? 'unread message' : 'unread messages'}</span>
                        </span>
                      </>
                    ) : null}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="app-user">
            <span>
              {viewer.name} <span className="visually-hidden">, times shown in </span>
              <span className="small" title={viewer.timeZone}>
                ({zoneCity(viewer.timeZone)} time)
              </span>
            </span>
            <button type="button" className="button-link" onClick={() => void logOut()}>
              Log out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
