import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { errorMessage } from './errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorNotice({ error, children }: { error?: CombinedError; children?: ReactNode }) {
  if (!error && !children) return null;
  return (
    <div className="notice notice-error" role="alert">
      {children ?? errorMessage(error)}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status" aria-live="polite">
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

/** Loading and error states for a query result; renders children only once there is data. */
export function QueryState<T>({
  result,
  children,
}: {
  result: { data?: T; fetching: boolean; error?: CombinedError };
  children: (data: T) => ReactNode;
}) {
  if (result.data) return <>{children(result.data)}</>;
  if (result.error) return <ErrorNotice error={result.error} />;
  return <Loading />;
}
