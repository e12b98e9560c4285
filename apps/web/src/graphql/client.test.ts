import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { exchangeRefreshToken, wasRefusedUnauthenticated } from './client';

describe('exchangeRefreshToken', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts the refresh mutation text and returns the new pair', async () => {
    const fetchMock = vi.fn(
      async (_url: string, _init: RequestInit) =>
        new Response(
          JSON.stringify({
            data: { refresh: { accessToken: 'a2', accessTokenExpiresAt: '2026-12-02T03:00:00.000Z', refreshToken: 'r2' } },
          }),
        ),
    );
    vi.stubGlobal('fetch', fetchMock);

    const tokens = await exchangeRefreshToken('/graphql', 'r1');

    expect(tokens).toEqual({ accessToken: 'a2', accessTokenExpiresAt: '2026-12-02T03:00:00.000Z', refreshToken: 'r2' });
    const body = JSON.parse(fetchMock.mock.calls[0][1].body as string) as { query: string; variables: unknown };
    expect(body.query).toMatch(/mutation Refresh\(\$refreshToken: String!\)\s*{\s*refresh\(refreshToken: \$refreshToken\)/);
    expect(body.variables).toEqual({ refreshToken: 'r1' });
  });

  it('answers null when the API refuses the token', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ data: null, errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }))),
    );
    await expect(exchangeRefreshToken('/graphql', 'stale')).resolves.toBeNull();
  });
});

describe('wasRefusedUnauthenticated', () => {
  const errorWith = (path: ReadonlyArray<string | number> | undefined, code = 'UNAUTHENTICATED') =>
    new CombinedError({ graphQLErrors: [new GraphQLError('no', { path, extensions: { code } })] });

  it('is true for a refused root field or an operation-wide error', () => {
    expect(wasRefusedUnauthenticated(errorWith(['clients']))).toBe(true);
    expect(wasRefusedUnauthenticated(errorWith(undefined))).toBe(true);
  });

  it('is false for a partial answer (a nested field refused) and for other codes', () => {
    expect(wasRefusedUnauthenticated(errorWith(['acceptInvite', 'user', 'client']))).toBe(false);
    expect(wasRefusedUnauthenticated(errorWith(['clients'], 'NOT_FOUND'))).toBe(false);
    expect(wasRefusedUnauthenticated(undefined)).toBe(false);
  });
});
