import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aCoach, mockClient, renderPage } from '../../test/render';
import { ClientNotificationsPage } from './client-notifications-page';
import { ClientNotifications, notificationDetails, notificationVariables } from './client-notifications';
import { kindName, statusInfo } from './notification-labels';

const node = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  kind: 'SESSION_REMINDER',
  status: 'SENT',
  recipientEmail: 'carl@example.test',
  sendAt: '2026-03-03T09:00:00Z',
  sentAt: '2026-03-03T09:00:05Z',
  reason: null,
  attempts: 1,
  sessionId: 'session-1',
  ...overrides,
});

const page = (nodes: ReturnType<typeof node>[], endCursor: string | null = null) => ({
  data: {
    notifications: {
      edges: nodes.map((n) => ({ cursor: `c-${n.id}`, node: n })),
      pageInfo: { hasNextPage: endCursor !== null, endCursor },
    },
  },
});

describe('notification labels', () => {
  it('names kinds and statuses for people', () => {
    expect(kindName('SESSION_REMINDER')).toBe('Session reminder');
    expect(kindName('ACCOUNTABILITY_NUDGE')).toBe('Action item nudge');
    expect(kindName('SOMETHING_NEW')).toBe('Something new');
    expect(statusInfo('FAILED')).toEqual({ label: 'Failed', badge: 'badge-danger' });
    expect(statusInfo('SKIPPED').label).toBe('Skipped');
  });

  it('explains failures and skips', () => {
    expect(notificationDetails({ status: 'FAILED', reason: 'Mailbox full', attempts: 5 })).toBe('Mailbox full, after 5 attempts');
    expect(notificationDetails({ status: 'FAILED', reason: null, attempts: 1 })).toBe('No reason recorded');
    expect(notificationDetails({ status: 'SKIPPED', reason: 'Quiet hours', attempts: 0 })).toBe('Quiet hours');
    expect(notificationDetails({ status: 'SENT', reason: null, attempts: 1 })).toBe('');
  });
});

describe('notificationVariables', () => {
  it('asks for every status on the first page by default', () => {
    expect(notificationVariables('client-1', '', [])).toEqual({ clientId: 'client-1', status: null, first: 20, after: null });
  });

  it('passes the status filter and the cursor of the page before', () => {
    expect(notificationVariables('client-1', 'FAILED', ['a', 'b'])).toEqual({
      clientId: 'client-1',
      status: 'FAILED',
      first: 20,
      after: 'b',
    });
  });
});

describe('ClientNotifications', { timeout: 20_000 }, () => {
  it('lists emails with their status and times in the viewer’s zone, filters by status and pages', async () => {
    const client = mockClient((name, variables) => {
      if (name !== 'ClientNotifications') return undefined;
      if (variables.status === 'FAILED')
        return page([
          node('n3', {
            status: 'FAILED',
            kind: 'ACCOUNTABILITY_NUDGE',
            sessionId: null,
            sentAt: null,
            reason: 'Mailbox unavailable',
            attempts: 3,
          }),
        ]);
      if (variables.status === 'SKIPPED') return page([]);
      if (variables.after === 'c-n2') return page([node('n9', { kind: 'SESSION_SUMMARY' })]);
      return page([node('n1'), node('n2', { status: 'PENDING', kind: 'SESSION_PREP', sentAt: null })], 'c-n2');
    });
    renderPage(<ClientNotifications clientId="client-1" />, { client, viewer: aCoach({ timeZone: 'America/New_York' }) });

    const table = await screen.findByRole('table', { name: 'Emails' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByRole('link', { name: 'Session reminder' })).toHaveAttribute('href', '/sessions/session-1');
    expect(rows[1]).toHaveTextContent('Sent');
    expect(rows[1]).toHaveTextContent('Tue 3 Mar 2026, 04:00 EST');
    expect(rows[2]).toHaveTextContent('Session preparation');
    expect(rows[2]).toHaveTextContent('Pending');
    expect(rows[2]).toHaveTextContent('Not sent');

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Session summary')).toBeInTheDocument();
    expect(screen.getByText('Page 2')).toBeInTheDocument();

    // A new filter starts again from the first page.
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'FAILED');
    expect(await screen.findByText('Mailbox unavailable, after 3 attempts')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Emails: failed' })).getByText('Failed')).toHaveClass('badge-danger');
    expect(client.operations.at(-1)?.variables).toEqual({ clientId: 'client-1', status: 'FAILED', first: 20, after: null });

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'SKIPPED');
    expect(await screen.findByText('No skipped emails')).toBeInTheDocument();
  });

  it('has an empty state', async () => {
    renderPage(<ClientNotifications clientId="client-1" />, { client: mockClient(() => page([])) });
    expect(await screen.findByText('No emails yet')).toBeInTheDocument();
  });
});

describe('ClientNotificationsPage', () => {
  it('names the client in its heading and links back to them', async () => {
    const client = mockClient((name) => {
      if (name === 'ClientNotificationsPage') return { data: { client: { id: 'client-1', name: 'Carl Client' } } };
      if (name === 'ClientNotifications') return page([node('n1')]);
      return undefined;
    });
    renderPage(<ClientNotificationsPage />, { client, route: '/clients/client-1/notifications', path: '/clients/:clientId/notifications' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Emails for Carl Client' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to Carl Client' })).toHaveAttribute('href', '/clients/client-1');
    expect(await screen.findByRole('table', { name: 'Emails' })).toBeInTheDocument();
    expect(client.operations.find((op) => op.name === 'ClientNotifications')?.variables).toMatchObject({ clientId: 'client-1' });
  });
});
