import type { RefreshedTokens } from '../graphql/client';

declare global {
  interface Window {
    /** Set by index.html's inline script when it started a token refresh (null: no token by then). */
    __tandemEarlyRefresh?: Promise<RefreshedTokens | null | undefined>;
  }
}

/** The refresh index.html started before the app's script ran, handed over once. */
export function takeEarlyRefresh(w: Window = window): Promise<RefreshedTokens | null> | undefined {
  const early = w.__tandemEarlyRefresh;
  delete w.__tandemEarlyRefresh;
  return early?.then((tokens) => tokens ?? null);
}
