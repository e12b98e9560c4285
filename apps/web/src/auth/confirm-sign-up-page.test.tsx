import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../test/render';
import { ConfirmSignUpPage } from './confirm-sign-up-page';

const TOKEN = 'c'.repeat(43);

function open(respond: Parameters<typeof mockClient>[0], route = `/confirm-sign-up?token=${TOKEN}`) {
  const client = mockClient(respond);
  renderPage(<ConfirmSignUpPage />, { client, route, path: '/confirm-sign-up' });
  return client;
}

const refusal = (code: string, field?: string) => ({
  error: new CombinedError({ graphQLErrors: [{ message: 'refused', extensions: { code, ...(field ? { field } : {}) } }] }),
});

describe('ConfirmSignUpPage', () => {
  it('uses the one-time token only when the person asks, not when the page opens', async () => {
    const client = open(() => refusal('BAD_USER_INPUT', 'token'));
    expect(client.operations).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Open my practice' }));
    expect(client.operations[0]?.variables).toEqual({ token: TOKEN });
  });

  it('explains a link that no longer works and offers to sign up again', async () => {
    open(() => refusal('BAD_USER_INPUT', 'token'));
    await userEvent.click(screen.getByRole('button', { name: 'Open my practice' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This sign-up link is invalid, was already used or has expired.');
    expect(screen.getByRole('link', { name: 'Sign up again' })).toHaveAttribute('href', '/sign-up');
  });

  it('sends someone whose address has an account since to log in', async () => {
    open(() => refusal('CONFLICT'));
    await userEvent.click(screen.getByRole('button', { name: 'Open my practice' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This address has an account already.');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  });

  it('says so when the link has no token', () => {
    open(() => undefined, '/confirm-sign-up');
    expect(screen.getByRole('alert')).toHaveTextContent('This sign-up link is incomplete.');
  });
});
