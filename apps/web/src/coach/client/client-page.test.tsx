import { screen } from '@testing-library/react';
import { CombinedError, type Client } from 'urql';
import { merge, never } from 'wonka';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { ClientPage } from './client-page';

const aClient = {
  id: 'c1',
  name: 'Ann Able',
  email: 'ann@example.test',
  timeZone: 'America/New_York',
  status: 'ACTIVE',
  tags: ['exec'],
  hasLogin: false,
  currentRole: null,
  targetRole: null,
};

describe('ClientPage', () => {
  it('names the client, links the tabs as nested routes and marks the current one', async () => {
    const client = mockClient((name) => (name === 'ClientPage' ? { data: { client: aClient } } : undefined));
    renderPage(<ClientPage />, { client, route: '/clients/c1/action-items', path: '/clients/:clientId/*' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Ann Able' })).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Ann Able: sections' });
    for (const [label, href] of [
      ['Overview', '/clients/c1'],
      ['Sessions', '/clients/c1/sessions'],
      ['Action items', '/clients/c1/action-items'],
      ['Goals', '/clients/c1/goals'],
      ['Career plan', '/clients/c1/plan'],
      ['Contacts', '/clients/c1/contacts'],
      ['Emails', '/clients/c1/emails'],
    ]) {
      expect(screen.getByRole('link', { name: label })).toHaveAttribute('href', href);
    }
    expect(tabs.querySelector('[aria-current="page"]')).toHaveTextContent('Action items');
    expect(screen.getByRole('link', { name: 'New engagement' })).toHaveAttribute('href', '/clients/c1/engagements/new');
    expect(screen.getByRole('button', { name: 'Invite to portal' })).toBeInTheDocument();
    expect(client.operations.some((o) => o.name === 'ClientActionItems')).toBe(true);
  });

  it('loads the Contacts tab on demand and asks for the client’s contacts with their counts', async () => {
    const client = mockClient((name) => (name === 'ClientPage' ? { data: { client: aClient } } : undefined));
    renderPage(<ClientPage />, { client, route: '/clients/c1/contacts', path: '/clients/:clientId/*' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Networking contacts' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Contacts' })).toHaveAttribute('aria-current', 'page');
    expect(client.operations.find((o) => o.name === 'ClientContacts')?.variables).toMatchObject({ clientId: 'c1' });
  });

  it('marks unread comments in the header and on the action items tab', async () => {
    const client = mockClient((name) => (name === 'ClientPage' ? { data: { client: { ...aClient, unreadCommentCount: 2 } } } : undefined));
    renderPage(<ClientPage />, { client, route: '/clients/c1/goals', path: '/clients/:clientId/*' });
    await screen.findByRole('heading', { level: 1, name: 'Ann Able' });
    expect(screen.getByRole('link', { name: '2 unread comments' })).toHaveAttribute('href', '/clients/c1/action-items');
    expect(screen.getByRole('link', { name: /^Action items\s+2\s+unread comments$/ })).toHaveAttribute('href', '/clients/c1/action-items');
  });

  it('says so when the client is not on the roster', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'Client not found', extensions: { code: 'NOT_FOUND' } }] });
    const mock = mockClient(() => ({ error }));
    // Kept open as a real client's result stream is: urql forgets an error when the stream ends.
    const client = {
      ...mock,
      executeQuery: (operation: Parameters<Client['executeQuery']>[0]) => merge([mock.executeQuery(operation), never]),
    } as unknown as Client;
    renderPage(<ClientPage />, { client, route: '/clients/nope', path: '/clients/:clientId/*' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Client not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to clients' })).toHaveAttribute('href', '/clients');
  });
});
