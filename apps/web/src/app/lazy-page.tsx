import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Loading } from '../ui/status';

/**
 * A page whose code is downloaded when it is first shown (its own chunk of the build), from a
 * module that exports it by name: `lazyPage(() => import('./calendar-page'), 'CalendarPage')`.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

/** While a page's code is on its way: a polite status (announced once), inside the page's landmark. */
export function PageSuspense({ children, label = 'Loading the page…' }: { children: ReactNode; label?: string }) {
  return <Suspense fallback={<Loading label={label} />}>{children}</Suspense>;
}
