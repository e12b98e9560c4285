import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, type Client } from 'urql';
import { merge, never } from 'wonka';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../test/render';
import { ResetPasswordPage } from './reset-password-page';

const TOKEN = 'b'.repeat(32);
const route = `/reset-password?token=${TOKEN}`;

function open(respond: Parameters<typeof mockClient>[0]) {
  const mock = mockClient(respond);
  const client = { ...mock, executeMutation: (op: never) => merge([mock.executeMutation(op), never]) } as unknown as Client;
  renderPage(<ResetPasswordPage />, { client, route, path: '/reset-password' });
  return mock;
}

async function fill(password: string, repeat: string) {
  await userEvent.type(screen.getByLabelText('New password'), password);
  await userEvent.type(screen.getByLabelText('Repeat the new password'), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
}

describe('ResetPasswordPage', () => {
  it('sets the new password and links to log in', async () => {
    const client = open(() => ({ data: { resetPassword: true } }));
    await fill('a new long password', 'a new long password');
    expect(await screen.findByRole('status')).toHaveTextContent('Your password has been changed.');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    expect(client.operations[0]?.variables).toEqual({ input: { token: TOKEN, password: 'a new long password' } });
  });

  it('checks the length and that both passwords match before asking the API', async () => {
    const client = open(() => ({ data: { resetPassword: true } }));
    await fill('short', 'short');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/Use at least 10 characters/);
    await userEvent.clear(screen.getByLabelText('New password'));
    await fill('a new long password', 'x');
    expect(screen.getByLabelText('Repeat the new password')).toHaveAccessibleDescription('The two passwords are not the same.');
    expect(client.operations).toHaveLength(0);
  });

  it('explains a link that no longer works and offers a new one', async () => {
    open(() => ({
      error: new CombinedError({
        graphQLErrors: [{ message: 'This link is invalid', extensions: { code: 'BAD_USER_INPUT', field: 'token' } }],
      }),
    }));
    await fill('a new long password', 'a new long password');
    expect(await screen.findByRole('alert')).toHaveTextContent('This reset link is invalid, was already used or has expired.');
    expect(screen.getByRole('link', { name: 'Send me a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('says so when the link has no token', () => {
    renderPage(<ResetPasswordPage />, { client: mockClient(() => undefined), route: '/reset-password', path: '/reset-password' });
    expect(screen.getByRole('alert')).toHaveTextContent('This reset link is incomplete.');
  });
});
