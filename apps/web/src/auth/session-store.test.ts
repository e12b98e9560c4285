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

describe('SessionStore.adoptEarlyRefresh', () => {
  it("takes the page's early refresh instead of exchanging the token again, and rotates from its pair next time", async () => {
    let now = Date.now();
    window.localStorage.clear();
    window.localStorage.setItem('tandem.refreshToken', 'refresh-1');
    const store = new SessionStore(window.localStorage, () => now);
    // index.html's script stores the rotated refresh token itself, under the lock.
    window.localStorage.setItem('tandem.refreshToken', 'refresh-2');
    store.adoptEarlyRefresh(Promise.resolve(tokens(now, 2)));
    const changes: boolean[] = [];
    store.onChange((loggedIn) => changes.push(loggedIn));
    const refresh = vi.fn(async (refreshToken: string) => tokens(now, Number(refreshToken.split('-')[1]) + 1));

    const [a, b] = await Promise.all([store.refreshWith(refresh), store.accessTokenFor(refresh)]);
    expect(a).toEqual({ accessToken: 'access-2', tokens: tokens(now, 2) });
    expect(b).toBe('access-2');
    expect(refresh).not.toHaveBeenCalled();
    expect(changes).toEqual([true]);

    now += 15 * 60_000;
    expect(await store.accessTokenFor(refresh)).toBe('access-3');
    expect(refresh).toHaveBeenCalledExactlyOnceWith('refresh-2');
  });

  it('logs out when the early refresh was refused', async () => {
    window.localStorage.clear();
    window.localStorage.setItem('tandem.refreshToken', 'refresh-1');
    const store = new SessionStore(window.localStorage);
    store.adoptEarlyRefresh(Promise.resolve(null));
    const refresh = vi.fn();
    expect(await store.refresh(refresh)).toBeNull();
    expect(store.hasSession).toBe(false);
    expect(refresh).not.toHaveBeenCalled();
  });
});
