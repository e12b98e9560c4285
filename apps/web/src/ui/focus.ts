import { useEffect, type RefObject } from 'react';

/** Moves focus to a panel's heading when it opens, so what follows is read from its start. */
export function useFocusOnOpen(ref: RefObject<HTMLElement | null>) {
  useEffect(() => ref.current?.focus(), [ref]);
}

/** After the next render (which marks the fields), moves focus to the form's first invalid field. */
export function focusFirstInvalid(form: RefObject<HTMLElement | null>) {
  requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
