import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { CombinedError, Provider } from 'urql';
import { merge, never } from 'wonka';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from '../test/render';
import { print } from 'graphql';
import { AcceptInviteMutation, AcceptInvitePage } from './accept-invite-page';

const startSession = vi.fn();
vi.mock('./auth-context', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./auth-context')>()),
  useAuth: () => ({ viewer: null, startSession, logOut: async () => undefined }),
}));

const TOKEN = 'a'.repeat(32);
const payload = {
  accessToken: 'access',
  accessTokenExpiresAt: '2026-03-03T10:15:00.000Z',
  refreshToken: 'refresh',
  user: { id: 'user-9', name: 'Carl Client', email: 'carl@example.test', role: 'CLIENT', timeZone: 'Europe/London' },
};

function renderAt(route: string, respond: Parameters<typeof mockClient>[0]) {
  const mock = mockClient(respond);
  // Results stay open like a real client's stream (urql forgets an error when its stream ends).
  const client = { ...mock, executeMutation: (op: never) => merge([mock.executeMutation(op), never]) } as unknown as typeof mock;
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route path="/accept-invite" element={<AcceptInvitePage />} />
          <Route path="/" element={<h1>Portal home</h1>} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return mock;
}

const badToken = () =>
  new CombinedError({
    graphQLErrors: [
      { message: 'This link is invalid, was already used or has expired', extensions: { code: 'BAD_USER_INPUT', field: 'token' } },
    ],
  });

describe('AcceptInvitePage', () => {
  beforeEach(() => startSession.mockReset());

  it('sets the password (and the name if given), logs in and lands on the portal home', async () => {
    const client = renderAt(`/accept-invite?token=${TOKEN}`, (name) =>
      name === 'AcceptInvite' ? { data: { acceptInvite: payload } } : undefined,
    );
    expect(screen.getByText(/At least 10 characters/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Your name'), ' Carl C. ');
    await userEvent.type(screen.getByLabelText('Choose a password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('heading', { name: 'Portal home' })).toBeInTheDocument();
    expect(client.operations[0]?.variables).toEqual({ input: { token: TOKEN, password: 'correct horse battery', name: 'Carl C.' } });
    expect(startSession).toHaveBeenCalledWith({ ...payload, user: { ...payload.user, client: null } });
  });

  it('leaves the name out when it is empty, and refuses a short password before asking the API', async () => {
    const client = renderAt(`/accept-invite?token=${TOKEN}`, () => ({ data: { acceptInvite: payload } }));
    await userEvent.type(screen.getByLabelText('Choose a password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(screen.getByLabelText('Choose a password')).toHaveAccessibleDescription(/Use at least 10 characters \(5 so far\)/);
    expect(client.operations).toHaveLength(0);
    await userEvent.type(screen.getByLabelText('Choose a password'), ' enough now');
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(client.operations[0]?.variables).toEqual({ input: { token: TOKEN, password: 'short enough now' } });
  });

  it('explains an invalid or expired invitation and offers log-in', async () => {
    renderAt(`/accept-invite?token=${TOKEN}`, () => ({ error: badToken() }));
    await userEvent.type(screen.getByLabelText('Choose a password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This invitation link is invalid, was already used or has expired.');
    expect(screen.getByText(/Ask whoever invited you to send a new invitation/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull();
    expect(startSession).not.toHaveBeenCalled();
  });

  it('shows other refusals (an address already in use) beside the form', async () => {
    renderAt(`/accept-invite?token=${TOKEN}`, () => ({
      error: new CombinedError({
        graphQLErrors: [{ message: 'Another account already uses carl@example.test', extensions: { code: 'CONFLICT' } }],
      }),
    }));
    await userEvent.type(screen.getByLabelText('Choose a password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Another account already uses carl@example.test');
    expect(screen.getByRole('button', { name: 'Accept invitation' })).toBeInTheDocument();
  });

  it('does not ask for the user’s client (the API refuses it before log-in, and a retry would spend the token)', () => {
    expect(print(AcceptInviteMutation)).not.toMatch(/\bclient\b/);
  });

  it('says so when the link has no token', () => {
    renderAt('/accept-invite', () => undefined);
    expect(screen.getByRole('alert')).toHaveTextContent('This invitation link is incomplete.');
    expect(screen.queryByLabelText('Choose a password')).toBeNull();
  });
});
