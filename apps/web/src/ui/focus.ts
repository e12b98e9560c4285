import { useEffect, type RefObject } from 'react';

/** Moves focus to a panel's heading when it opens, so what follows is read from its start. */
export function useFocusOnOpen(ref: RefObject<HTMLElement | null>) {
  useEffect(() => ref.current?.focus(), [ref]);
}
