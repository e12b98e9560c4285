/**
 * Where the browser keeps its log-in. The access token (15 minutes) lives only in memory; the
 * refresh token is kept in localStorage so a reload or a new tab stays logged in. Refresh tokens
 * rotate and the API revokes the whole family when a used one comes back, so refreshing is
 * single-flight across tabs (Web Locks) and re-reads storage inside the lock: another tab may
 * already have rotated it.
 */
export interface AuthTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

export type RefreshFn<T extends AuthTokens = AuthTokens> = (refreshToken: string) => Promise<T | null>;

/** What a refresh came to: the access token to use and, when this refresh exchanged the pair itself, the API's answer. */
export interface Refreshed<T extends AuthTokens = AuthTokens> {
  accessToken: string;
  tokens?: T;
}

const STORAGE_KEY = 'tandem.refreshToken';
const LOCK_NAME = 'tandem.refresh';
// Refresh a little before expiry so a request in flight does not race the deadline.
const EXPIRY_MARGIN_MS = 30_000;

type Listener = (loggedIn: boolean) => void;

/** Whether this browser holds a log-in to restore (without reading or changing it). */
export function hasStoredSession(storage: Storage): boolean {
  return storage.getItem(STORAGE_KEY) !== null;
}

export class SessionStore<T extends AuthTokens = AuthTokens> {
  private accessToken: string | null = null;
  private accessExpiresAt = 0;
  private refreshing: Promise<Refreshed<T> | null> | null = null;
  private early: Promise<T | null> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
  ) {}

  get hasSession(): boolean {
    return this.storage.getItem(STORAGE_KEY) !== null;
  }

  save(tokens: AuthTokens): void {
    this.accessToken = tokens.accessToken;
    this.accessExpiresAt = Date.parse(tokens.accessTokenExpiresAt);
    this.storage.setItem(STORAGE_KEY, tokens.refreshToken);
    this.emit(true);
  }

  /** Forgets everything; returns the refresh token so the caller can revoke it. */
  clear(): string | null {
    const refreshToken = this.storage.getItem(STORAGE_KEY);
    this.accessToken = null;
    this.accessExpiresAt = 0;
    this.storage.removeItem(STORAGE_KEY);
    this.emit(false);
    return refreshToken;
  }

  /** A usable access token, refreshing first when it is missing or about to expire. */
  async accessTokenFor(refresh: RefreshFn<T>): Promise<string | null> {
    if (this.accessToken && this.accessExpiresAt - EXPIRY_MARGIN_MS > this.now()) return this.accessToken;
    return this.refresh(refresh);
  }

  /** True when a request would fail for lack of a fresh access token. */
  get needsRefresh(): boolean {
    return this.hasSession && (!this.accessToken || this.accessExpiresAt - EXPIRY_MARGIN_MS <= this.now());
  }

  /** The current token without refreshing (for a request's header). */
  get currentAccessToken(): string | null {
    return this.accessToken;
  }

  /** Exchanges the refresh token for a new pair; null (and logged out) when it no longer works. */
  async refresh(refresh: RefreshFn<T>): Promise<string | null> {
    return (await this.refreshWith(refresh))?.accessToken ?? null;
  }

  /**
   * As refresh, with the API's answer when this refresh (or the one in flight it joined) made the
   * exchange; without it when another tab had already rotated the pair.
   */
  refreshWith(refresh: RefreshFn<T>): Promise<Refreshed<T> | null> {
    this.refreshing ??= this.refreshOnce(refresh).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * A refresh the page started before this code ran (index.html's inline script, under the same
   * lock, which also stored the new refresh token): the next refresh takes its answer instead of
   * exchanging the token again.
   */
  adoptEarlyRefresh(early: Promise<T | null>): void {
    this.early = early;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async refreshOnce(refresh: RefreshFn<T>): Promise<Refreshed<T> | null> {
    const early = this.early;
    if (early) {
      this.early = null;
      return this.takeEarly(early);
    }
    const held = this.storage.getItem(STORAGE_KEY);
    if (!held) return null;
    return withLock(async () => {
      const current = this.storage.getItem(STORAGE_KEY);
      if (!current) return null;
      if (current !== held && this.accessToken && this.accessExpiresAt - EXPIRY_MARGIN_MS > this.now())
        return { accessToken: this.accessToken };
      const tokens = await refresh(current);
      if (!tokens) {
        this.clear();
        return null;
      }
      this.save(tokens);
      return { accessToken: tokens.accessToken, tokens };
    });
  }

  private async takeEarly(early: Promise<T | null>): Promise<Refreshed<T> | null> {
    const tokens = await early;
    if (!tokens) {
      this.clear();
      return null;
    }
    // Not written to storage again: another tab may have rotated the pair since.
    this.accessToken = tokens.accessToken;
    this.accessExpiresAt = Date.parse(tokens.accessTokenExpiresAt);
    this.emit(true);
    return { accessToken: tokens.accessToken, tokens };
  }

  private emit(loggedIn: boolean): void {
    for (const listener of this.listeners) listener(loggedIn);
  }
}

function withLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(LOCK_NAME, work) : work();
}
