import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { NewClientPage, parseTags } from './new-client-page';

describe('NewClientPage', { timeout: 20_000 }, () => {
  it('checks the fields before sending', async () => {
    const user = userEvent.setup();
    const client = mockClient(() => undefined);
    renderPage(<NewClientPage />, { client, route: '/clients/new' });
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Create client' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter the client’s name.');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter an email address like name@example.com.');
    expect(client.operations).toHaveLength(0);
  });

  it('creates the client and opens their page', async () => {
    const user = userEvent.setup();
    const client = mockClient((name) =>
      name === 'CreateClient' ? { data: { createClient: { __typename: 'Client', id: 'client-42', name: 'Nia Noor' } } } : undefined,
    );
    const { container } = renderPage(<NewClientPage />, { client, route: '/clients/new', path: '/clients/new' });
    await user.type(screen.getByLabelText('Name'), ' Nia Noor ');
    await user.type(screen.getByLabelText('Email'), 'nia@example.test');
    await user.selectOptions(screen.getByLabelText('Time zone'), 'Asia/Tokyo');
    await user.type(screen.getByLabelText('Tags (optional)'), 'leadership, , Leadership, finance');
    await user.click(screen.getByRole('button', { name: 'Create client' }));
    expect(client.operations.find((o) => o.name === 'CreateClient')?.variables).toEqual({
      input: {
        name: 'Nia Noor',
        email: 'nia@example.test',
        timeZone: 'Asia/Tokyo',
        currentRole: null,
        targetRole: null,
        tags: ['leadership', 'finance'],
      },
    });
    // The router left /clients/new (nothing else is mounted in this test).
    expect(container.querySelector('form')).toBeNull();
  });

  it('shows an error the API names beside its field, and a duplicate email beside Email', async () => {
    const user = userEvent.setup();
    let answer = new CombinedError({
      graphQLErrors: [{ message: 'timeZone must be a valid IANA zone', extensions: { code: 'BAD_USER_INPUT', field: 'input.timeZone' } }],
    });
    const client = mockClient((name) => (name === 'CreateClient' ? { error: answer } : undefined));
    renderPage(<NewClientPage />, { client, route: '/clients/new' });
    await user.type(screen.getByLabelText('Name'), 'Nia Noor');
    await user.type(screen.getByLabelText('Email'), 'nia@example.test');
    await user.click(screen.getByRole('button', { name: 'Create client' }));
    expect(await screen.findByText('timeZone must be a valid IANA zone')).toHaveClass('field-error');
    expect(screen.getByLabelText('Time zone')).toHaveAttribute('aria-invalid', 'true');
    answer = new CombinedError({
      graphQLErrors: [{ message: 'A client with nia@example.test is already in this practice', extensions: { code: 'CONFLICT' } }],
    });
    await user.click(screen.getByRole('button', { name: 'Create client' }));
    expect(await screen.findByText('A client with nia@example.test is already in this practice')).toHaveClass('field-error');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks before Cancel drops what was typed, and leaves at once when nothing was', async () => {
    const user = userEvent.setup();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const { container, unmount } = renderPage(<NewClientPage />, {
      client: mockClient(() => undefined),
      route: '/clients/new',
      path: '/clients/new',
    });
    await user.click(screen.getByRole('link', { name: 'Cancel' }));
    expect(confirm).not.toHaveBeenCalled();
    expect(container.querySelector('form')).toBeNull();
    unmount();

    renderPage(<NewClientPage />, { client: mockClient(() => undefined), route: '/clients/new', path: '/clients/new' });
    await user.type(screen.getByLabelText('Name'), 'Nia');
    await user.click(screen.getByRole('link', { name: 'Cancel' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/not saved/));
    expect(screen.getByLabelText('Name')).toHaveValue('Nia');
  });

  it('splits tags on commas without duplicates', () => {
    expect(parseTags(' a, b ,,A, c')).toEqual(['a', 'b', 'c']);
  });
});
