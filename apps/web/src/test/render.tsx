import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Route, Routes, UNSAFE_createMemoryHistory, unstable_HistoryRouter as HistoryRouter } from 'react-router';
import { Provider, type Client, type OperationResult } from 'urql';
import { fromValue, merge, never } from 'wonka';
import { StaticAuthProvider, type Viewer } from '../auth/auth-context';
import { guardHistory } from '../ui/guarded-history';
import { UnsavedChangesGuard } from '../ui/use-unsaved-changes';

export const aCoach = (overrides: Partial<Viewer> = {}): Viewer => ({
  id: 'coach-1',
  name: 'Ada Coach',
  email: 'ada@example.test',
  role: 'COACH',
  timeZone: 'Europe/London',
  client: null,
  ...overrides,
});

export const aClientViewer = (overrides: Partial<Viewer> = {}): Viewer => ({
  id: 'user-9',
  name: 'Carl Client',
  email: 'carl@example.test',
  role: 'CLIENT',
  timeZone: 'America/New_York',
  client: { id: 'client-9', name: 'Carl Client' },
  ...overrides,
});

type Responder = (operationName: string, variables: Record<string, unknown>) => { data?: unknown; error?: unknown } | undefined;

/**
 * A urql client that answers from a function of the operation's name (undefined = still loading),
 * and records every operation it was asked to run.
 */
export function mockClient(
  respond: Responder,
): Client & { operations: { name: string; kind: string; variables: Record<string, unknown> }[] } {
  const operations: { name: string; kind: string; variables: Record<string, unknown> }[] = [];
  const execute = (operation: { kind: string; query: { definitions: readonly unknown[] }; variables: unknown }) => {
    const definition = operation.query.definitions.find((d) => (d as { kind: string }).kind === 'OperationDefinition') as
      { name?: { value: string } } | undefined;
    const name = definition?.name?.value ?? '';
    const variables = (operation.variables ?? {}) as Record<string, unknown>;
    operations.push({ name, kind: operation.kind, variables });
    const answer = respond(name, variables);
    if (!answer) return never;
    // Kept open like a real client's stream: one that ends at once makes urql drop an error result.
    return merge([
      fromValue({ operation, data: answer.data, error: answer.error, stale: false, hasNext: false } as unknown as OperationResult),
      never,
    ]);
  };
  return {
    operations,
    executeQuery: execute,
    executeMutation: execute,
    executeSubscription: execute,
  } as unknown as Client & { operations: typeof operations };
}

/** Renders a page inside a router (at `route`, matched by `path`), a viewer and a GraphQL client. */
export function renderPage(
  ui: ReactElement,
  { client, viewer = aCoach(), route = '/', path = '*' }: { client: Client; viewer?: Viewer; route?: string; path?: string },
): RenderResult {
  // The guarded history as in main.tsx, so pages that guard unsaved text can hold a navigation back.
  const history = guardHistory(UNSAFE_createMemoryHistory({ initialEntries: [route], v5Compat: true }));
  return render(
    <StaticAuthProvider viewer={viewer}>
      <Provider value={client}>
        <HistoryRouter history={history}>
          <UnsavedChangesGuard history={history}>
            <Routes>
              <Route path={path} element={ui} />
            </Routes>
          </UnsavedChangesGuard>
        </HistoryRouter>
      </Provider>
    </StaticAuthProvider>,
  );
}
