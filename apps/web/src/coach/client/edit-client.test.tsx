import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { ClientPage } from './client-page';
import { clientFormOf, clientUpdateInput, fieldOfClientError, parseOffsets, validateClientForm } from './edit-client-form';

const aClient = {
  __typename: 'Client',
  id: 'c1',
  name: 'Ann Able',
  email: 'ann@example.test',
  timeZone: 'America/New_York',
  status: 'PROSPECT',
  tags: ['exec'],
  hasLogin: false,
  currentRole: 'Engineer',
  targetRole: null,
  reminderOffsetsMinutes: null,
  archivedAt: null as string | null,
};

function clientWith(
  respond: (name: string, variables: Record<string, unknown>) => { data?: unknown; error?: unknown } | undefined = () => undefined,
  client = aClient,
) {
  return mockClient((name, variables) => respond(name, variables) ?? (name === 'ClientPage' ? { data: { client } } : undefined));
}

const render = (client: ReturnType<typeof clientWith>, route = '/clients/c1/edit') =>
  renderPage(<ClientPage />, { client, route, path: '/clients/:clientId/*' });

describe('Edit client', { timeout: 20_000 }, () => {
  it('links to the form from the header and shows an archived client as archived', async () => {
    render(clientWith(undefined, { ...aClient, archivedAt: '2026-01-01T00:00:00Z', status: 'ALUMNI' }), '/clients/c1');
    expect(await screen.findByRole('link', { name: 'Edit client' })).toHaveAttribute('href', '/clients/c1/edit');
    expect(screen.getByText('Archived')).toHaveClass('badge');
  });

  it('sends only what changed, then returns to the overview with a notice', async () => {
    const user = userEvent.setup();
    const client = clientWith((name, variables) =>
      name === 'UpdateClient'
        ? { data: { updateClient: { ...aClient, ...(variables.input as object), __typename: 'Client' } } }
        : undefined,
    );
    render(client);
    expect(await screen.findByLabelText('Name')).toHaveValue('Ann Able');
    expect(screen.getByLabelText('Tags (optional)')).toHaveValue('exec');
    await user.selectOptions(screen.getByLabelText('Status'), 'Active');
    await user.clear(screen.getByLabelText('Tags (optional)'));
    await user.type(screen.getByLabelText('Tags (optional)'), 'exec, board');
    await user.type(screen.getByLabelText('Target role (optional)'), 'CTO');
    await user.type(screen.getByLabelText('Reminder times (optional)'), '2d, 2h');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(client.operations.find((o) => o.name === 'UpdateClient')?.variables).toEqual({
      id: 'c1',
      input: { status: 'ACTIVE', tags: ['exec', 'board'], targetRole: 'CTO', reminderOffsetsMinutes: [2880, 120] },
    });
    expect(await screen.findByText('Ann Able’s details are saved.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(client.operations.filter((o) => o.name === 'ClientPage').length).toBeGreaterThan(1);
  });

  it('shows the API error beside the field it names, and form problems before sending', async () => {
    const user = userEvent.setup();
    const client = clientWith((name) =>
      name === 'UpdateClient'
        ? {
            error: new CombinedError({
              graphQLErrors: [{ message: 'A client with this email already exists', extensions: { code: 'CONFLICT' } }],
            }),
          }
        : undefined,
    );
    render(client);
    await user.clear(await screen.findByLabelText('Name'));
    await user.type(screen.getByLabelText('Reminder times (optional)'), 'tomorrow');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter the client’s name.');
    expect(screen.getByLabelText('Reminder times (optional)')).toHaveAccessibleDescription(/Enter times like 2d, 3h or 30m/);
    expect(client.operations.some((o) => o.name === 'UpdateClient')).toBe(false);

    await user.type(screen.getByLabelText('Name'), 'Ann Able');
    await user.clear(screen.getByLabelText('Reminder times (optional)'));
    await user.clear(screen.getByLabelText('Email'));
    await user.type(screen.getByLabelText('Email'), 'bob@example.test');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('A client with this email already exists')).toHaveClass('field-error');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
  });

  it('maps extensions.field to its input', async () => {
    const user = userEvent.setup();
    const client = clientWith((name) =>
      name === 'UpdateClient'
        ? {
            error: new CombinedError({
              graphQLErrors: [
                { message: 'timeZone must be an IANA time zone', extensions: { code: 'BAD_USER_INPUT', field: 'input.timeZone' } },
              ],
            }),
          }
        : undefined,
    );
    render(client);
    await user.type(await screen.findByLabelText('Current role (optional)'), ' lead');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('timeZone must be an IANA time zone')).toHaveClass('field-error');
    expect(screen.getByLabelText('Time zone')).toHaveAttribute('aria-invalid', 'true');
  });

  it('archives only after the confirm step, then goes back to the roster', async () => {
    const user = userEvent.setup();
    const client = clientWith((name) =>
      name === 'ArchiveClient'
        ? { data: { archiveClient: { __typename: 'Client', id: 'c1', status: 'ALUMNI', archivedAt: '2026-03-01T00:00:00Z' } } }
        : undefined,
    );
    const { container } = render(client);
    await user.click(await screen.findByRole('button', { name: 'Archive client' }));
    const step = screen.getByRole('group', { name: 'Archive Ann Able?' });
    expect(step).toHaveTextContent(/off your client list/);
    expect(client.operations.some((o) => o.name === 'ArchiveClient')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('group', { name: 'Archive Ann Able?' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Archive client' }));
    await user.click(screen.getByRole('button', { name: 'Yes, archive' }));
    expect(client.operations.find((o) => o.name === 'ArchiveClient')?.variables).toEqual({ id: 'c1' });
    // The page route no longer matches /clients: the client page is gone.
    expect(container.querySelector('h1')).toBeNull();
  });
});

describe('edit client form', () => {
  const client = { ...aClient, status: 'ACTIVE' as const, tags: ['exec'], reminderOffsetsMinutes: [1440, 60] };

  it('reads reminder times with units and writes them back', () => {
    expect(parseOffsets('2h, 1d,30m, 2H')).toEqual([1440, 120, 30]);
    expect(parseOffsets('')).toEqual([]);
    expect(parseOffsets('2 hours')).toBeNull();
    expect(clientFormOf(client).reminders).toBe('1d, 1h');
  });

  it('clears reminders to none only when they were set', () => {
    const form = { ...clientFormOf(client), reminders: '' };
    expect(clientUpdateInput(form, client)).toEqual({ reminderOffsetsMinutes: [] });
    expect(clientUpdateInput({ ...clientFormOf(aClient as never), reminders: '' }, aClient as never)).toEqual({});
    expect(clientUpdateInput({ ...clientFormOf(client), currentRole: '' }, client)).toEqual({ currentRole: null });
  });

  it('validates limits', () => {
    const form = clientFormOf(client);
    expect(validateClientForm(form)).toEqual({});
    expect(validateClientForm({ ...form, reminders: '5m', email: 'nope' })).toEqual({
      email: 'Enter an email address like name@example.com.',
      reminders: 'Each reminder must be between 10 minutes and 14 days before.',
    });
  });

  it('names the field of an API error', () => {
    expect(fieldOfClientError('reminderOffsetsMinutes.0', 'BAD_USER_INPUT', 'x')).toBe('reminders');
    expect(fieldOfClientError('tags.3', 'BAD_USER_INPUT', 'x')).toBe('tags');
    expect(fieldOfClientError(undefined, 'CONFLICT', 'The client logs in with this email; they change it themselves')).toBe('email');
    expect(fieldOfClientError(undefined, 'NOT_FOUND', 'Client not found')).toBeUndefined();
  });
});
