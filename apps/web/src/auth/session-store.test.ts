import { describe, expect, it, vi } from 'vitest';
import { SessionStore, type AuthTokens } from './session-store';

const inMinutes = (now: number, minutes: number) => new Date(now + minutes * 60_000).toISOString();

function tokens(now: number, n: number, minutes = 15): AuthTokens {
  return { accessToken: `access-${n}`, accessTokenExpiresAt: inMinutes(now, minutes), refreshToken: `refresh-${n}` };
}

describe('SessionStore', () => {
  it('keeps the refresh token across reloads and the access token only in memory', () => {
    const now = Date.now();
    const storage = window.localStorage;
    storage.clear();
    const store = new SessionStore(storage, () => now);
    store.save(tokens(now, 1));
    expect(storage.getItem('tandem.refreshToken')).toBe('refresh-1');
    expect(JSON.stringify({ ...storage })).not.toContain('access-1');
    expect(new SessionStore(storage).currentAccessToken).toBeNull();
    expect(new SessionStore(storage).hasSession).toBe(true);
  });

  it('refreshes once for concurrent callers and uses the rotated token next time', async () => {
    let now = Date.now();
    window.localStorage.clear();
    const store = new SessionStore(window.localStorage, () => now);
    store.save(tokens(now, 1));
    expect(await store.accessTokenFor(vi.fn())).toBe('access-1');

    now += 15 * 60_000; // expired
    expect(store.needsRefresh).toBe(true);
    const refresh = vi.fn(async (refreshToken: string) => tokens(now, Number(refreshToken.split('-')[1]) + 1));
    const [a, b] = await Promise.all([store.accessTokenFor(refresh), store.accessTokenFor(refresh)]);
    expect([a, b]).toEqual(['access-2', 'access-2']);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('refresh-1');
    expect(window.localStorage.getItem('tandem.refreshToken')).toBe('refresh-2');
  });

  it('logs out when the refresh token is refused', async () => {
    window.localStorage.clear();
    const store = new SessionStore(window.localStorage);
    store.save(tokens(Date.now(), 1, -1));
    const changes: boolean[] = [];
    store.onChange((loggedIn) => changes.push(loggedIn));
    expect(await store.refresh(async () => null)).toBeNull();
    expect(store.hasSession).toBe(false);
    expect(changes).toEqual([false]);
  });
});
