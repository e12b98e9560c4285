import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { ActionItemsTab } from './action-items-tab';

const items = [
  { id: 'a1', title: 'Update the CV', dueDate: '2027-01-04', status: 'OPEN', isOverdue: true, session: null },
  { id: 'a2', title: 'Call two colleagues', dueDate: null, status: 'OPEN', isOverdue: false, session: null },
];

function setUp() {
  const client = mockClient((name) => {
    if (name === 'ClientActionItems') return { data: { client: { id: 'c1', currentEngagement: { id: 'e1', title: 'Leadership' } }, actionItems: { edges: items.map((node) => ({ node })), pageInfo: { hasNextPage: false, endCursor: null } } } };
    if (name === 'CompleteClientActionItem') return { data: { completeActionItem: { ...items[0], status: 'DONE', isOverdue: false, completedAt: '2027-01-05T10:00:00Z' } } };
    if (name === 'CreateClientActionItem') return { data: { createActionItem: { id: 'a3', title: 'Draft the pitch', dueDate: null, status: 'OPEN', isOverdue: false, completedAt: null } } };
    return undefined;
  });
  renderPage(<ActionItemsTab clientId="c1" />, { client, route: '/clients/c1/action-items' });
  return client;
}

const listCalls = (client: ReturnType<typeof mockClient>) => client.operations.filter((o) => o.name === 'ClientActionItems').map((o) => o.variables.filter);

describe('ActionItemsTab', () => {
  it('lists open items first, flags overdue ones and filters by status', async () => {
    const user = userEvent.setup();
    const client = setUp();
    expect(await screen.findByText('Update the CV')).toBeInTheDocument();
    expect(screen.getAllByText('Overdue')).toHaveLength(1);
    expect(listCalls(client)[0]).toEqual({ clientId: 'c1', status: 'OPEN' });
    await user.selectOptions(screen.getByLabelText('Show'), 'DONE');
    await waitFor(() => expect(listCalls(client).at(-1)).toEqual({ clientId: 'c1', status: 'DONE' }));
    await user.selectOptions(screen.getByLabelText('Show'), '');
    await waitFor(() => expect(listCalls(client).at(-1)).toEqual({ clientId: 'c1' }));
  });

  it('completes an item and adds one to the current engagement', async () => {
    const user = userEvent.setup();
    const client = setUp();
    await user.click(await screen.findByRole('button', { name: 'Mark done: Update the CV' }));
    await waitFor(() => expect(client.operations.find((o) => o.name === 'CompleteClientActionItem')?.variables).toEqual({ id: 'a1' }));
    expect(await screen.findByText('Marked “Update the CV” done.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Action item'), 'Draft the pitch');
    await user.click(screen.getByRole('button', { name: 'Add action item' }));
    await waitFor(() => expect(client.operations.find((o) => o.name === 'CreateClientActionItem')?.variables).toEqual({ input: { engagementId: 'e1', title: 'Draft the pitch' } }));
  });
});
