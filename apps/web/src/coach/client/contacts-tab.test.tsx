import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aContact } from '../../contacts/test-data';
import { connection } from '../../portal/test-data';
import { mockClient, renderPage } from '../../test/render';
import { ContactsTab } from './contacts-tab';

describe('ContactsTab', () => {
  it('shows the counts and the contacts, and adds one for this client', async () => {
    const client = mockClient((name) => {
      if (name === 'ClientContacts')
        return {
          data: {
            client: {
              __typename: 'Client',
              id: 'client-7',
              networking: { contacts: 12, touchedThisMonth: 3, followUpsOverdue: 2 },
              contacts: connection([aContact()]),
            },
          },
        };
      if (name === 'CreateContact') return { data: { createContact: { id: 'new', name: 'Hank' } } };
      return undefined;
    });
    renderPage(<ContactsTab />, { client, route: '/clients/client-7/contacts', path: '/clients/:clientId/contacts' });
    const counts = screen.getByLabelText('Networking at a glance');
    expect(within(counts).getByText('Contacts').nextSibling).toHaveTextContent('12');
    expect(within(counts).getByText('Touched this month').nextSibling).toHaveTextContent('3');
    expect(within(counts).getByText('Follow-ups overdue').nextSibling).toHaveTextContent('2');
    expect(client.operations.find((o) => o.name === 'ClientContacts')?.variables).toMatchObject({ clientId: 'client-7', first: 20 });
    expect(screen.getByRole('heading', { level: 3, name: /Priya Shah/ })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add a contact' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Hank Hiring');
    await userEvent.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(client.operations.find((o) => o.name === 'CreateContact')?.variables).toMatchObject({
      input: { clientId: 'client-7', name: 'Hank Hiring' },
    });
  });
});
