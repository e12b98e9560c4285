import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { InviteClientButton } from './invite-client-button';

const invited = {
  data: {
    inviteClient: {
      __typename: 'InvitePayload',
      inviteUrl: 'https://tandem.test/accept-invite?token=abc',
      expiresAt: '2026-03-10T09:00:00.000Z',
    },
  },
};

describe('InviteClientButton', { timeout: 20_000 }, () => {
  it('needs no invite for a client who can log in', () => {
    renderPage(<InviteClientButton clientId="c1" hasLogin />, { client: mockClient(() => undefined) });
    expect(screen.getByText('Has portal access')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('invites the client and shows the link to copy', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const client = mockClient((name) => (name === 'InviteClient' ? invited : undefined));
    renderPage(<InviteClientButton clientId="c1" hasLogin={false} />, { client });
    await user.click(screen.getByRole('button', { name: 'Invite to portal' }));
    expect(client.operations.find((o) => o.name === 'InviteClient')?.variables).toEqual({ clientId: 'c1' });
    const link = await screen.findByLabelText('Invitation link');
    expect(link).toHaveValue('https://tandem.test/accept-invite?token=abc');
    expect(link).toHaveAttribute('readonly');
    expect(screen.getByText(/Invitation emailed\. The link works once, until Tue 10 Mar 2026, 09:00 GMT/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith('https://tandem.test/accept-invite?token=abc');
    expect(screen.getByText('Link copied.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send a new invitation' })).toBeInTheDocument();
  });

  it('selects the link when the clipboard is not available', async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    renderPage(<InviteClientButton clientId="c1" hasLogin={false} />, { client: mockClient(() => invited) });
    await user.click(screen.getByRole('button', { name: 'Invite to portal' }));
    await user.click(await screen.findByRole('button', { name: 'Copy link' }));
    expect(screen.getByText(/Copying is not available here/)).toBeInTheDocument();
    expect(screen.getByLabelText('Invitation link')).toHaveFocus();
  });
});
