import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { ActionItemsTab } from './action-items-tab';

const clientComment = {
  id: 'm1',
  body: 'I sent it to two recruiters',
  createdAt: '2027-01-03T18:00:00.000Z',
  author: { id: 'user-9', name: 'Ann Able' },
};
const items = [
  {
    id: 'a1',
    title: 'Update the CV',
    dueDate: '2027-01-04',
    status: 'OPEN',
    isOverdue: true,
    session: null,
    unreadCommentCount: 0,
    comments: [] as unknown[],
  },
  {
    id: 'a2',
    title: 'Call two colleagues',
    dueDate: null,
    status: 'OPEN',
    isOverdue: false,
    session: null,
    unreadCommentCount: 0,
    comments: [] as unknown[],
  },
];

function setUp(respond: (name: string, variables: Record<string, unknown>) => { data?: unknown } | undefined = () => undefined) {
  const client = mockClient((name, variables) => {
    const answer = respond(name, variables);
    if (answer) return answer;
    if (name === 'ClientActionItems')
      return {
        data: {
          client: { id: 'c1', currentEngagement: { id: 'e1', title: 'Leadership' } },
          actionItems: { edges: items.map((node) => ({ node })), pageInfo: { hasNextPage: false, endCursor: null } },
        },
      };
    if (name === 'CompleteClientActionItem')
      return { data: { completeActionItem: { ...items[0], status: 'DONE', isOverdue: false, completedAt: '2027-01-05T10:00:00Z' } } };
    if (name === 'CreateClientActionItem')
      return {
        data: {
          createActionItem: { id: 'a3', title: 'Draft the pitch', dueDate: null, status: 'OPEN', isOverdue: false, completedAt: null },
        },
      };
    return undefined;
  });
  renderPage(<ActionItemsTab clientId="c1" />, { client, route: '/clients/c1/action-items' });
  return client;
}

const listCalls = (client: ReturnType<typeof mockClient>) =>
  client.operations.filter((o) => o.name === 'ClientActionItems').map((o) => o.variables.filter);

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
    await waitFor(() =>
      expect(client.operations.find((o) => o.name === 'CreateClientActionItem')?.variables).toEqual({
        input: { engagementId: 'e1', title: 'Draft the pitch' },
      }),
    );
  });

  it('shows the client’s comments behind a disclosure with an unread count, and marks them read when opened', async () => {
    const user = userEvent.setup();
    let unread = 1;
    const client = setUp((name) => {
      if (name === 'ClientActionItems') {
        const commented = { ...items[0], unreadCommentCount: unread, comments: [clientComment] };
        return {
          data: {
            client: { id: 'c1', currentEngagement: { id: 'e1', title: 'Leadership' } },
            actionItems: { edges: [commented, items[1]].map((node) => ({ node })), pageInfo: { hasNextPage: false, endCursor: null } },
          },
        };
      }
      if (name === 'MarkActionItemCommentsRead') {
        unread = 0;
        return { data: { markActionItemCommentsRead: { __typename: 'ActionItem', id: 'a1', unreadCommentCount: 0 } } };
      }
      return undefined;
    });
    const row = (await screen.findByText('Update the CV')).closest('li')!;
    expect(within(row).getAllByText('1 unread comment')[0]).toHaveClass('badge');
    expect(within(row).getByText('I sent it to two recruiters')).not.toBeVisible();
    expect(client.operations.some((o) => o.name === 'MarkActionItemCommentsRead')).toBe(false);
    await user.click(within(row).getByText(/^Comments \(1\)/));
    expect(within(row).getByText('I sent it to two recruiters')).toBeVisible();
    expect(within(row).getByText('Ann Able')).toBeInTheDocument();
    await waitFor(() =>
      expect(client.operations.find((o) => o.name === 'MarkActionItemCommentsRead')?.variables).toEqual({ actionItemId: 'a1' }),
    );
    // The other item has nothing unread: opening it asks nothing.
    const other = screen.getByText('Call two colleagues').closest('li')!;
    await user.click(within(other).getByText(/^Comments \(0\)/));
    expect(client.operations.filter((o) => o.name === 'MarkActionItemCommentsRead')).toHaveLength(1);
  });

  it('answers a comment, and warns before unload while an answer is unsent', async () => {
    const user = userEvent.setup();
    const client = setUp((name, variables) =>
      name === 'AnswerActionItemComment'
        ? {
            data: {
              addActionItemComment: {
                __typename: 'ActionItemComment',
                id: 'm2',
                body: variables.body,
                createdAt: '2027-01-04T09:00:00.000Z',
                author: { id: 'coach-1', name: 'Ada Coach' },
              },
            },
          }
        : undefined,
    );
    const row = (await screen.findByText('Update the CV')).closest('li')!;
    await user.click(within(row).getByText(/^Comments/));
    const box = within(row).getByLabelText('Your answer on Update the CV');
    await user.type(box, 'Great, which ones?');
    const unsent = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unsent);
    expect(unsent.defaultPrevented).toBe(true);
    await user.click(within(row).getByRole('button', { name: 'Send answer' }));
    await waitFor(() =>
      expect(client.operations.find((o) => o.name === 'AnswerActionItemComment')?.variables).toEqual({
        actionItemId: 'a1',
        body: 'Great, which ones?',
      }),
    );
    expect(await within(row).findByText('Answer sent.')).toBeInTheDocument();
    expect(box).toHaveValue('');
    const sent = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(sent);
    expect(sent.defaultPrevented).toBe(false);
  });
});
