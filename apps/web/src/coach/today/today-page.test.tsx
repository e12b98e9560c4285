import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { TodayPage } from './today-page';

const aSession = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'TodaySession',
  session: { id: 's1', startsAt: '2027-03-27T09:00:00.000Z', status: 'SCHEDULED' },
  client: { id: 'c1', name: 'Ann Able' },
  previousSummary: { sessionId: 's0', startsAt: '2027-03-10T09:00:00.000Z', summary: 'We agreed three talking points' },
  openActionItemCount: 7,
  openActionItems: [
    { id: 'a1', title: 'Update the CV', dueDate: '2027-03-20', isOverdue: true },
    { id: 'a2', title: 'Read the book', dueDate: null, isOverdue: false },
  ],
  ...overrides,
});

const anEvent = (overrides: Record<string, unknown> = {}) => ({
  cursor: 'cursor-1',
  node: {
    id: 'e1',
    kind: 'ACTION_ITEM_COMMENT',
    at: '2027-03-27T11:00:00.000Z',
    unread: true,
    subject: 'Update the CV',
    detail: 'Draft sent <b>today</b>',
    value: null,
    client: { id: 'c1', name: 'Ann Able' },
  },
  ...overrides,
});

const todayData = (overrides: Record<string, unknown> = {}) => ({
  data: {
    today: {
      timeZone: 'Europe/London',
      date: '2027-03-27',
      weekEndsOn: '2027-03-28',
      unreadActivityCount: 1,
      todaySessions: { edges: [{ node: aSession() }], pageInfo: { hasNextPage: false } },
      laterSessions: { edges: [], pageInfo: { hasNextPage: false } },
      needsAttention: {
        edges: [
          {
            node: {
              client: { id: 'c2', name: 'Cat Cole' },
              reasons: [
                { kind: 'OVERDUE_ACTION_ITEMS', count: 2, description: '2 overdue action items' },
                { kind: 'NO_NEXT_SESSION', count: 1, description: 'Active engagement with no next session' },
              ],
            },
          },
        ],
        pageInfo: { hasNextPage: false },
      },
      activity: {
        edges: [
          anEvent(),
          anEvent({
            cursor: 'cursor-2',
            node: { ...anEvent().node, id: 'e2', kind: 'GOAL_CHECK_IN', unread: false, subject: 'Director role', detail: null, value: 2 },
          }),
        ],
        pageInfo: { hasNextPage: true, endCursor: 'cursor-2' },
      },
      ...overrides,
    },
  },
});

describe('TodayPage', () => {
  it('says it is loading until the answer comes', () => {
    renderPage(<TodayPage />, { client: mockClient(() => undefined) });
    expect(screen.getByRole('status')).toHaveTextContent(/Loading/);
  });

  it("shows today's sessions with the last shared summary and the open items, each linked", async () => {
    renderPage(<TodayPage />, { client: mockClient(() => todayData()) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Today' })).toBeInTheDocument();
    const section = screen.getByRole('region', { name: "Today's sessions" });
    expect(within(section).getByRole('link', { name: '09:00 GMT with Ann Able' })).toHaveAttribute('href', '/sessions/s1');
    expect(within(section).getByText('We agreed three talking points')).toBeInTheDocument();
    const items = within(section).getAllByRole('list')[1];
    expect(
      within(items)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Update the CV · due Sat 20 Mar 2027overdue', 'Read the book']);
    expect(within(section).getByRole('link', { name: 'All 7 open items for Ann Able' })).toHaveAttribute(
      'href',
      '/clients/c1/action-items',
    );
    expect(within(screen.getByRole('region', { name: 'Later this week' })).getByText('No more sessions this week.')).toBeInTheDocument();
  });

  it('lists clients needing attention with each reason linked to where it is dealt with', async () => {
    renderPage(<TodayPage />, { client: mockClient(() => todayData()) });
    const section = await screen.findByRole('region', { name: 'Needs attention' });
    expect(within(section).getByRole('link', { name: 'Cat Cole' })).toHaveAttribute('href', '/clients/c2');
    expect(within(section).getByRole('link', { name: 'Cat Cole: 2 overdue action items' })).toHaveAttribute(
      'href',
      '/clients/c2/action-items',
    );
    expect(within(section).getByRole('link', { name: 'Cat Cole: Active engagement with no next session' })).toHaveAttribute(
      'href',
      '/clients/c2/sessions/new',
    );
  });

  it('marks new activity, shows text as text, and marks it seen through the newest edge', async () => {
    const client = mockClient((name) =>
      name === 'MarkActivitySeen'
        ? { data: { markActivitySeen: { activitySeenUpTo: '2027-03-27T11:00:00.000Z', unreadActivityCount: 0 } } }
        : todayData(),
    );
    renderPage(<TodayPage />, { client });
    const section = await screen.findByRole('region', { name: /Recent client activity/ });
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Recent client activity 1 new');
    const [comment, checkIn] = within(section).getAllByRole('listitem');
    expect(within(comment).getByText('New')).toBeInTheDocument();
    expect(comment).toHaveTextContent('Ann Able commented on Update the CV');
    expect(within(comment).getByText('Draft sent <b>today</b>')).toBeInTheDocument();
    expect(within(checkIn).queryByText('New')).toBeNull();
    expect(checkIn).toHaveTextContent('Ann Able checked in on Director role (2)');
    expect(within(checkIn).getByRole('link', { name: 'Ann Able' })).toHaveAttribute('href', '/clients/c1/goals');

    await userEvent.click(within(section).getByRole('button', { name: 'Mark all as seen' }));
    await waitFor(() => expect(client.operations.find((o) => o.name === 'MarkActivitySeen')?.variables).toEqual({ through: 'cursor-1' }));
  });

  it('pages the activity by its cursor', async () => {
    const client = mockClient(() => todayData());
    renderPage(<TodayPage />, { client });
    const section = await screen.findByRole('region', { name: /Recent client activity/ });
    await userEvent.click(within(section).getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(client.operations.filter((o) => o.name === 'TodayPage').map((o) => o.variables.activityAfter)).toEqual([null, 'cursor-2']),
    );
  });
});
