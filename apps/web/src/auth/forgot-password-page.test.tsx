import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../test/render';
import { ForgotPasswordPage } from './forgot-password-page';

describe('ForgotPasswordPage', () => {
  it('asks for a reset link and answers the same neutral way', async () => {
    const client = mockClient((name) => (name === 'RequestPasswordReset' ? { data: { requestPasswordReset: true } } : undefined));
    renderPage(<ForgotPasswordPage />, { client, route: '/forgot-password' });
    await userEvent.type(screen.getByLabelText('Email'), ' someone@example.test ');
    await userEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByRole('status')).toHaveTextContent('If an account uses someone@example.test, we have emailed it a link');
    expect(client.operations[0]?.variables).toEqual({ email: 'someone@example.test' });
  });
});
