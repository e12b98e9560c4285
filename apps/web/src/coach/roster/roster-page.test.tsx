import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { RosterPage } from './roster-page';

const aRosterClient = (overrides: Record<string, unknown> = {}) => ({
  id: 'c1',
  name: 'Ann Able',
  email: 'ann@example.test',
  status: 'ACTIVE',
  tags: ['exec'],
  openActionItemCount: 3,
  overdueActionItemCount: 2,
  currentEngagement: { id: 'e1', title: 'Leadership transition', phase: 'PLAN', status: 'ACTIVE' },
  nextSession: { id: 's1', startsAt: '2027-03-02T09:00:00.000Z' },
  latestGoalProgress: { goalId: 'g1', goalTitle: 'Run the board meeting', progress: 0.4 },
  ...overrides,
});

const page = (nodes: unknown[], pageInfo = { hasNextPage: false, endCursor: null as string | null }) => ({
  data: { clients: { edges: nodes.map((node) => ({ node })), pageInfo } },
});

const rosterOperations = (client: ReturnType<typeof mockClient>) =>
  client.operations.filter((o) => o.name === 'RosterPage').map((o) => o.variables);

describe('RosterPage', () => {
  it('shows each client with a link, phase, next session in the viewer’s zone and an overdue badge only when items are late', async () => {
    const client = mockClient(() =>
      page([
        aRosterClient(),
        aRosterClient({
          id: 'c2',
          name: 'Bob Baker',
          openActionItemCount: 1,
          overdueActionItemCount: 0,
          currentEngagement: null,
          nextSession: null,
          latestGoalProgress: null,
        }),
      ]),
    );
    renderPage(<RosterPage />, { client, route: '/clients', path: '/clients' });
    const ann = (await screen.findByRole('link', { name: 'Ann Able' })).closest('tr')!;
    expect(screen.getByRole('link', { name: 'Ann Able' })).toHaveAttribute('href', '/clients/c1');
    expect(within(ann).getByText('2 overdue')).toHaveClass('badge-danger');
    expect(within(ann).getByText('3 open')).toBeInTheDocument();
    expect(within(ann).getByText('Plan')).toBeInTheDocument();
    expect(within(ann).getByText('Tue 2 Mar 2027, 09:00 GMT')).toBeInTheDocument();
    expect(within(ann).getByText('40%')).toBeInTheDocument();
    const bob = screen.getByRole('link', { name: 'Bob Baker' }).closest('tr')!;
    expect(within(bob).queryByText(/overdue/)).toBeNull();
    expect(within(bob).getByText('None scheduled')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add client' })).toHaveAttribute('href', '/clients/new');
  });

  it('marks a client with unread comments, linking to their action items', async () => {
    const client = mockClient(() =>
      page([aRosterClient({ unreadCommentCount: 1 }), aRosterClient({ id: 'c2', name: 'Bob Baker', unreadCommentCount: 0 })]),
    );
    renderPage(<RosterPage />, { client, route: '/clients', path: '/clients' });
    const ann = (await screen.findByRole('link', { name: 'Ann Able' })).closest('tr')!;
    expect(within(ann).getByRole('link', { name: '1 unread comment' })).toHaveAttribute('href', '/clients/c1/action-items');
    const bob = screen.getByRole('link', { name: 'Bob Baker' }).closest('tr')!;
    expect(within(bob).queryByText(/unread/)).toBeNull();
  });

  it('reads search, filters and sort from the URL into the query', async () => {
    const client = mockClient(() => page([aRosterClient()]));
    renderPage(<RosterPage />, { client, route: '/clients?q=ann&status=ACTIVE&tag=exec&sort=NEXT_SESSION', path: '/clients' });
    await screen.findByRole('link', { name: 'Ann Able' });
    expect(rosterOperations(client)[0]).toEqual({
      first: 25,
      after: null,
      orderBy: 'NEXT_SESSION',
      filter: { search: 'ann', status: 'ACTIVE', tag: 'exec' },
    });
    expect(screen.getByLabelText('Search clients')).toHaveValue('ann');
    expect(screen.getByLabelText('Status')).toHaveValue('ACTIVE');
    expect(screen.getByLabelText('Sort by')).toHaveValue('NEXT_SESSION');
  });

  it('searches after a pause in typing (one query, not one per key) and changes sort at once', async () => {
    const user = userEvent.setup();
    const client = mockClient(() => page([aRosterClient()]));
    renderPage(<RosterPage />, { client, route: '/clients', path: '/clients' });
    await screen.findByRole('link', { name: 'Ann Able' });
    await user.type(screen.getByLabelText('Search clients'), 'lee');
    await waitFor(() => expect(rosterOperations(client).at(-1)).toMatchObject({ filter: { search: 'lee' } }));
    expect(
      rosterOperations(client).filter(
        (v) => (v.filter as { search?: string } | null)?.search && (v.filter as { search: string }).search !== 'lee',
      ),
    ).toEqual([]);
    await user.selectOptions(screen.getByLabelText('Sort by'), 'RECENTLY_ADDED');
    await waitFor(() =>
      expect(rosterOperations(client).at(-1)).toMatchObject({ orderBy: 'RECENTLY_ADDED', filter: { search: 'lee' }, after: null }),
    );
  });

  it('pages with the cursor and starts again at page 1 when a filter changes', async () => {
    const user = userEvent.setup();
    const client = mockClient((_name, variables) =>
      variables.after
        ? page([aRosterClient({ id: 'c9', name: 'Zoe Zed' })])
        : page([aRosterClient()], { hasNextPage: true, endCursor: 'cursor-1' }),
    );
    renderPage(<RosterPage />, { client, route: '/clients', path: '/clients' });
    await user.click(await screen.findByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'Zoe Zed' })).toBeInTheDocument();
    expect(rosterOperations(client).at(-1)).toMatchObject({ after: 'cursor-1' });
    await user.selectOptions(screen.getByLabelText('Status'), 'PAUSED');
    await waitFor(() => expect(rosterOperations(client).at(-1)).toMatchObject({ after: null, filter: { status: 'PAUSED' } }));
  });

  it('says when there are no clients yet, and when none match the filters', async () => {
    const empty = mockClient(() => page([]));
    const { unmount } = renderPage(<RosterPage />, { client: empty, route: '/clients', path: '/clients' });
    expect(await screen.findByText('No clients yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add your first client' })).toHaveAttribute('href', '/clients/new');
    expect(screen.getByRole('link', { name: 'Add client' })).toHaveAttribute('href', '/clients/new');
    unmount();
    renderPage(<RosterPage />, { client: mockClient(() => page([])), route: '/clients?q=nobody', path: '/clients' });
    expect(await screen.findByText('No clients match')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeInTheDocument();
  });
});
