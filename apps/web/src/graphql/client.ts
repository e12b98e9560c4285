import { authExchange } from '@urql/exchange-auth';
import { Client, cacheExchange, fetchExchange, mapExchange, stringifyDocument, type CombinedError } from 'urql';
import type { AuthTokens, SessionStore } from '../auth/session-store';
import { ViewerFields } from '../auth/viewer';
import { graphql, type FragmentOf } from './graphql';

// The viewer comes with every new pair, so a reload knows who is logged in from this one request.
export const RefreshMutation = graphql(
  `
    mutation Refresh($refreshToken: String!) {
      refresh(refreshToken: $refreshToken) {
        accessToken
        accessTokenExpiresAt
        refreshToken
        user {
          ...ViewerFields
        }
      }
    }
  `,
  [ViewerFields],
);

/** A refreshed pair and the user it belongs to (absent only in tests' hand-made answers). */
export interface RefreshedTokens extends AuthTokens {
  user?: FragmentOf<typeof ViewerFields>;
}

/**
 * Whether the whole operation was refused for want of a valid token: an UNAUTHENTICATED error on a
 * root field (or on none). One deeper in the result is a partial answer to an operation that ran,
 * and must not be resent (resending a mutation such as acceptInvite would run it twice).
 */
export function wasRefusedUnauthenticated(error: CombinedError | undefined): boolean {
  return error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED' && (e.path?.length ?? 0) <= 1) ?? false;
}

/** Exchanges a refresh token without going through the authenticated client. */
export async function exchangeRefreshToken(url: string, refreshToken: string): Promise<RefreshedTokens | null> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: stringifyDocument(RefreshMutation), variables: { refreshToken } }),
  });
  const body = (await response.json()) as { data?: { refresh?: RefreshedTokens } | null };
  return body.data?.refresh ?? null;
}

/** The refresh function every caller of SessionStore.refresh passes (one exchange at a time, whoever asks). */
export function refresherFor(url = '/graphql'): (refreshToken: string) => Promise<RefreshedTokens | null> {
  return (token) => exchangeRefreshToken(url, token);
}

/**
 * The one GraphQL client: adds `Authorization: Bearer`, refreshes the access token before it
 * expires and once more when the API answers UNAUTHENTICATED, then logs out if that fails.
 */
let firstQueryDone: () => void = () => undefined;
/**
 * Settles when the first query has answered: what can wait (the navigation's unread count) is asked
 * for after the page's own data, so a first load still makes two requests before it shows data.
 */
export const firstQueryAnswered = new Promise<void>((resolve) => {
  firstQueryDone = resolve;
});

export function createGraphQLClient(session: SessionStore<RefreshedTokens>, url = '/graphql'): Client {
  const refresh = refresherFor(url);
  return new Client({
    url,
    // Queries go as POST with a JSON body: a GET without a preflight header is refused by
    // Apollo's CSRF prevention, and tokens or filters never end up in access logs.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      mapExchange({
        onResult(result) {
          if (result.operation.kind === 'query') firstQueryDone();
          return result;
        },
      }),
      authExchange(async (utils) => {
        let token = session.hasSession ? await session.accessTokenFor(refresh) : null;
        return {
          addAuthToOperation(operation) {
            token = session.currentAccessToken ?? token;
            return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
          },
          willAuthError() {
            return session.needsRefresh;
          },
          didAuthError(error) {
            return wasRefusedUnauthenticated(error);
          },
          async refreshAuth() {
            token = await session.refresh(refresh);
          },
        };
      }),
      fetchExchange,
    ],
  });
}
