import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aContact } from '../contacts/test-data';
import { aClientViewer, mockClient, renderPage } from '../test/render';
import { ContactsPage } from './contacts-page';
import { connection } from './test-data';

const contacts = [
  aContact(),
  aContact({
    id: 'contact-2',
    name: 'Dan Ortiz',
    organisation: null,
    howMet: null,
    nextFollowUpDate: null,
    followUpDue: false,
    notes: '<b>gym</b>',
  }),
];

function setUp() {
  const client = mockClient((name, variables) => {
    if (name === 'MyContacts') {
      const shown = (variables.filter as { followUpDue?: boolean } | null)?.followUpDue ? contacts.slice(0, 1) : contacts;
      return { data: { myContacts: connection(shown) } };
    }
    if (name === 'CreateContact') return { data: { createContact: { id: 'new', name: 'Rosa' } } };
    if (name === 'LogContactMade')
      return {
        data: { logContactMade: { id: variables.id, lastContactDate: '2026-12-08', nextFollowUpDate: variables.nextFollowUpDate } },
      };
    if (name === 'DeleteContact') return { data: { deleteContact: true } };
    return undefined;
  });
  renderPage(<ContactsPage />, { client, viewer: aClientViewer(), route: '/contacts', path: '/contacts' });
  return client;
}

const sent = (client: ReturnType<typeof setUp>, name: string) => client.operations.filter((o) => o.name === name);

describe('ContactsPage', () => {
  it('lists the contacts with their follow-up state, notes as text, and filters the follow-ups due', async () => {
    const client = setUp();
    const priya = screen.getByRole('article', { name: /Priya Shah/ });
    expect(within(priya).getByText('Follow-up due')).toBeInTheDocument();
    expect(within(priya).getByText('Acme')).toBeInTheDocument();
    const dan = screen.getByRole('article', { name: /Dan Ortiz/ });
    expect(within(dan).getByText('None planned')).toBeInTheDocument();
    expect(within(dan).getByText('<b>gym</b>')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Follow-ups due' }));
    expect(screen.getByRole('button', { name: 'Follow-ups due' })).toHaveAttribute('aria-pressed', 'true');
    expect(sent(client, 'MyContacts').at(-1)?.variables).toMatchObject({ filter: { followUpDue: true }, after: null });
    expect(await screen.findByRole('article', { name: /Priya Shah/ })).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: /Dan Ortiz/ })).not.toBeInTheDocument();
  });

  it('adds a contact of their own (no client id), refusing an empty name before sending', async () => {
    const client = setUp();
    await userEvent.click(screen.getByRole('button', { name: 'Add a contact' }));
    const form = screen.getByRole('region', { name: 'New contact' });
    await userEvent.type(within(form).getByLabelText('Name'), '   ');
    await userEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    expect(within(form).getByText('Enter their name.')).toBeInTheDocument();
    expect(sent(client, 'CreateContact')).toEqual([]);

    await userEvent.clear(within(form).getByLabelText('Name'));
    await userEvent.type(within(form).getByLabelText('Name'), 'Rosa Recruiter');
    await userEvent.type(within(form).getByLabelText('Organisation (optional)'), 'Initech');
    await userEvent.type(within(form).getByLabelText('Next follow-up'), '2026-12-15');
    await userEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    expect(sent(client, 'CreateContact')[0]?.variables).toEqual({
      input: {
        name: 'Rosa Recruiter',
        organisation: 'Initech',
        howMet: null,
        lastContactDate: null,
        nextFollowUpDate: '2026-12-15',
        notes: null,
      },
    });
    expect(await screen.findByText('Added Rosa Recruiter.')).toBeInTheDocument();
  });

  it('logs a contact made today with the next follow-up', async () => {
    const client = setUp();
    await userEvent.click(screen.getByRole('button', { name: 'Log a contact made today: Priya Shah' }));
    const form = screen.getByRole('form', { name: 'Log a contact made today with Priya Shah' });
    // The follow-up that was due is done: the field starts empty.
    expect(within(form).getByLabelText('Next follow-up (optional)')).toHaveValue('');
    await userEvent.type(within(form).getByLabelText('Next follow-up (optional)'), '2027-01-10');
    await userEvent.click(within(form).getByRole('button', { name: 'Log contact' }));
    expect(sent(client, 'LogContactMade')[0]?.variables).toEqual({ id: 'contact-1', nextFollowUpDate: '2027-01-10' });
    expect(await screen.findByText('Logged a contact with Priya Shah today.')).toBeInTheDocument();
  });

  it('asks before deleting, says what goes, and can be kept', async () => {
    const client = setUp();
    await userEvent.click(screen.getByRole('button', { name: 'Delete Dan Ortiz' }));
    const confirm = screen.getByRole('group', { name: 'Delete Dan Ortiz?' });
    expect(confirm).toHaveTextContent(/with their organisation, how you met, the dates and the notes\? This cannot be undone/);
    expect(within(confirm).getByRole('button', { name: 'Delete contact' })).toHaveFocus();
    await userEvent.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(sent(client, 'DeleteContact')).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Delete Dan Ortiz' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete contact' }));
    expect(sent(client, 'DeleteContact')[0]?.variables).toEqual({ id: 'contact-2' });
    expect(await screen.findByText('Deleted Dan Ortiz.')).toBeInTheDocument();
  });
});
