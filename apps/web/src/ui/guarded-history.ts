import { NavigationType, type HistoryRouterProps, type Path, type To } from 'react-router';

type History = HistoryRouterProps['history'];

/** Whether the app may leave the page at `from` for `to` (it may ask the person first). */
export type MayLeave = (from: Path, to: Path) => boolean;

export interface GuardedHistory extends History {
  /** The one check every navigation passes through; null lets every navigation through. */
  setMayLeave(mayLeave: MayLeave | null): void;
}

/**
 * A history whose navigations can be held back, for declarative routing (`unstable_HistoryRouter`)
 * instead of the data router's `useBlocker`, which would bring the whole data router into the
 * first script. Pushes and replaces that the check refuses never happen; a refused back or
 * forward (the browser has already moved) is undone with `go` and never reaches the router.
 * Expects a history created with `v5Compat: true`, which tells its listener of pushes too.
 */
export function guardHistory(history: History): GuardedHistory {
  let mayLeave: MayLeave | null = null;
  // The location the router shows: on a back or forward, history.location is already the next one.
  let shown: Path = history.location;
  let undoingPop = false;
  const allowed = (to: To) => !mayLeave || mayLeave(shown, history.encodeLocation(to));

  return {
    get action() {
      return history.action;
    },
    get location() {
      return history.location;
    },
    createHref: (to) => history.createHref(to),
    createURL: (to) => history.createURL(to),
    encodeLocation: (to) => history.encodeLocation(to),
    go: (delta) => history.go(delta),
    push(to, state) {
      if (allowed(to)) history.push(to, state);
    },
    replace(to, state) {
      if (allowed(to)) history.replace(to, state);
    },
    listen(listener) {
      return history.listen((update) => {
        if (undoingPop) {
          undoingPop = false;
          return;
        }
        // A delta is known for every entry this app wrote (the history keeps an index in its state).
        if (update.action === NavigationType.Pop && update.delta !== null && update.delta !== 0 && !allowed(update.location)) {
          undoingPop = true;
          history.go(-update.delta);
          return;
        }
        shown = update.location;
        listener(update);
      });
    },
    setMayLeave(next) {
      mayLeave = next;
    },
  };
}
