import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { createGraphQLClient, refresherFor, type RefreshedTokens } from '../graphql/client';
import { graphql, readFragment, type FragmentOf } from '../graphql/graphql';
import { SessionStore, type AuthTokens } from './session-store';
import { ViewerFields, type Viewer } from './viewer';

export { ViewerFields, type Viewer };

/** What AuthPayload-returning mutations (logIn, signUp, acceptInvite) hand to startSession. */
export interface AuthPayloadResult extends AuthTokens {
  user: FragmentOf<typeof ViewerFields>;
}

const MeQuery = graphql(
  `
    query Me {
      me {
        ...ViewerFields
      }
    }
  `,
  [ViewerFields],
);

const LogOutMutation = graphql(`
  mutation LogOut($refreshToken: String!) {
    logOut(refreshToken: $refreshToken)
  }
`);

interface AuthState {
  /** null when logged out; undefined while the stored session is being checked. */
  viewer: Viewer | null | undefined;
  startSession: (payload: AuthPayloadResult) => void;
  logOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({
  children,
  storage = window.localStorage,
  earlyRefresh,
}: {
  children: ReactNode;
  storage?: Storage;
  /** The refresh index.html started for this page load, if any (early-refresh.ts). */
  earlyRefresh?: Promise<RefreshedTokens | null>;
}) {
  const session = useMemo(() => {
    const store = new SessionStore<RefreshedTokens>(storage);
    if (earlyRefresh) store.adoptEarlyRefresh(earlyRefresh);
    return store;
  }, [storage, earlyRefresh]);
  // A new client per log-in and log-out, so nothing cached for one user is ever shown to the next.
  const [client, setClient] = useState(() => createGraphQLClient(session));
  const [viewer, setViewer] = useState<Viewer | null | undefined>(session.hasSession ? undefined : null);

  useEffect(() => {
    if (viewer !== undefined) return;
    let cancelled = false;
    // A stored session: the refresh that brings the access token names the viewer too. Only when
    // another tab had just rotated the pair (so this one reused its token) is `me` asked.
    const restore = async (): Promise<Viewer | null> => {
      const refreshed = await session.refreshWith(refresherFor()).catch(() => null);
      if (!refreshed) return null;
      if (refreshed.tokens?.user) return readFragment(ViewerFields, refreshed.tokens.user);
      // urql reports a failed query in its result, the promise does not reject.
      const result = await client.query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
      return result.data ? readFragment(ViewerFields, result.data.me) : null;
    };
    void restore().then((restored) => {
      if (!cancelled) setViewer(restored);
    });
    return () => {
      cancelled = true;
    };
  }, [client, session, viewer]);

  useEffect(
    () =>
      session.onChange((loggedIn) => {
        if (!loggedIn) setViewer(null);
      }),
    [session],
  );

  const startSession = useCallback(
    (payload: AuthPayloadResult) => {
      session.save(payload);
      setClient(createGraphQLClient(session));
      setViewer(readFragment(ViewerFields, payload.user));
    },
    [session],
  );

  const logOut = useCallback(async () => {
    const refreshToken = session.clear();
    if (refreshToken) await client.mutation(LogOutMutation, { refreshToken }).toPromise();
    setClient(createGraphQLClient(session));
    setViewer(null);
  }, [client, session]);

  const state = useMemo(() => ({ viewer, startSession, logOut }), [viewer, startSession, logOut]);
  return (
    <AuthContext.Provider value={state}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The logged-in user, inside pages that are only routed when someone is logged in. */
export function useViewer(): Viewer {
  const { viewer } = useAuth();
  if (!viewer) throw new Error('useViewer on a page that does not require a log-in');
  return viewer;
}

/** A fixed viewer, for component tests and previews. */
export function StaticAuthProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const state = useMemo<AuthState>(() => ({ viewer, startSession: () => undefined, logOut: async () => undefined }), [viewer]);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}
