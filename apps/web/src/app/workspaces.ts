import type { Viewer } from '../auth/viewer';

/**
 * The two audiences' code, each its own chunk: a client never downloads the coach's pages, nor a
 * coach the portal. The last workspace used on this browser is remembered (a hint, not a
 * permission: the API decides what anyone sees) so a reload fetches its code while the session is
 * being restored instead of after.
 */
export const loadCoachWorkspace = () => import('../coach/coach-routes');
export const loadPortalWorkspace = () => import('../portal/portal-routes');

const HINT_KEY = 'tandem.workspace';

export function workspaceOf(viewer: Pick<Viewer, 'role'>): 'portal' | 'coach' {
  return viewer.role === 'CLIENT' ? 'portal' : 'coach';
}

export function rememberWorkspace(storage: Storage, viewer: Pick<Viewer, 'role'>): void {
  try {
    storage.setItem(HINT_KEY, workspaceOf(viewer));
  } catch {
    // Storage full or refused: the hint only saves time.
  }
}

/** Starts downloading the remembered workspace's code (nothing when there is no hint). */
export function preloadRememberedWorkspace(storage: Storage): void {
  let hint: string | null;
  try {
    hint = storage.getItem(HINT_KEY);
  } catch {
    return;
  }
  // A failed preload is retried by the route that needs the code.
  if (hint === 'coach') void loadCoachWorkspace().catch(() => undefined);
  else if (hint === 'portal') void loadPortalWorkspace().catch(() => undefined);
}
