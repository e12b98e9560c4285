import { createContext, useCallback, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import type { GuardedHistory, MayLeave } from './guarded-history';

export const LEAVE_QUESTION = 'You have changes that are not saved. Leave this page and lose them?';

/** Which forms on screen hold unsaved text, by the id each form's hook was given. */
type DirtyForms = Map<string, boolean>;

const UnsavedChangesContext = createContext<DirtyForms | null>(null);

/**
 * The one navigation check and beforeunload listener for the whole app (a page may hold several
 * forms): it asks before an in-app navigation to another page, and lets the browser ask before
 * unload, while any form reports unsaved changes.
 */
export function UnsavedChangesGuard({ history, children }: { history: GuardedHistory; children: ReactNode }) {
  const [dirtyForms] = useState<DirtyForms>(() => new Map());
  const hasUnsaved = useCallback(() => [...dirtyForms.values()].some(Boolean), [dirtyForms]);

  useEffect(() => {
    // Only a change of page asks: a tab's search parameters or a hash keep the form on screen.
    const mayLeave: MayLeave = (from, to) => from.pathname === to.pathname || !hasUnsaved() || window.confirm(LEAVE_QUESTION);
    history.setMayLeave(mayLeave);
    return () => history.setMayLeave(null);
  }, [history, hasUnsaved]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!hasUnsaved()) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasUnsaved]);

  return <UnsavedChangesContext.Provider value={dirtyForms}>{children}</UnsavedChangesContext.Provider>;
}

/**
 * Reports whether this form holds text the person wrote and has not saved, so leaving the page asks
 * first. Returns `leaveWithoutAsking`: call it just before navigating away after a successful save
 * (the report only catches up after the next render).
 */
export function useUnsavedChanges(dirty: boolean): () => void {
  const dirtyForms = useContext(UnsavedChangesContext);
  const id = useId();
  useEffect(() => {
    dirtyForms?.set(id, dirty);
    return () => {
      dirtyForms?.delete(id);
    };
  }, [dirtyForms, id, dirty]);
  return useCallback(() => {
    dirtyForms?.set(id, false);
  }, [dirtyForms, id]);
}
