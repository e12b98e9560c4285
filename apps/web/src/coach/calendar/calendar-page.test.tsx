import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { aCoach, mockClient, renderPage } from '../../test/render';
import { CalendarPage } from './calendar-page';

const session = (id: string, startsAt: string, name: string, timeZone = 'Europe/London', status = 'SCHEDULED') => ({
  __typename: 'CoachingSession',
  id,
  startsAt,
  durationMinutes: 60,
  status,
  timeZone,
  client: { __typename: 'Client', id: `c-${id}`, name, timeZone },
});

function calendarClient(
  extra: (name: string, variables: Record<string, unknown>) => { data?: unknown; error?: unknown } | undefined = () => undefined,
) {
  return mockClient((name, variables) => {
    if (name === 'CalendarSessions') {
      if (variables.after === 'page-2') {
        return {
          data: {
            sessions: {
              edges: [{ node: session('s2', '2026-03-04T14:00:00.000Z', 'Bea Berlin', 'Europe/Berlin') }],
              pageInfo: { hasNextPage: false, endCursor: null },
            },
          },
        };
      }
      if (String(variables.from).startsWith('2026-03-02T')) {
        return {
          data: {
            sessions: {
              edges: [
                { node: session('s1', '2026-03-03T09:00:00.000Z', 'Ann Archer') },
                { node: session('s3', '2026-03-05T10:00:00.000Z', 'Cy Cancelled', 'Europe/London', 'CANCELLED') },
              ],
              pageInfo: { hasNextPage: true, endCursor: 'page-2' },
            },
          },
        };
      }
      return { data: { sessions: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } };
    }
    return extra(name, variables);
  });
}

describe('CalendarPage', { timeout: 20_000 }, () => {
  it('shows every page of the week in the viewer zone, named in the heading, each session linked', async () => {
    const client = calendarClient();
    renderPage(<CalendarPage />, { client, route: '/calendar?view=week&date=2026-03-04' });
    expect(await screen.findByRole('link', { name: /09:00 GMT\s+Ann Archer/ })).toHaveAttribute('href', '/sessions/s1');
    expect(screen.getByRole('heading', { level: 2, name: /2 – 8 Mar 2026/ })).toHaveTextContent('Times in London (GMT)');
    // The second page of the connection was fetched too.
    const bea = await screen.findByRole('link', { name: /14:00 GMT\s+Bea Berlin/ });
    expect(bea.closest('li')).toHaveTextContent('15:00 GMT+1 for the client');
    expect(client.operations.filter((o) => o.name === 'CalendarSessions').map((o) => o.variables)).toEqual([
      { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', after: null },
      { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', after: 'page-2' },
    ]);
    // Cancelled sessions are shown but cannot be moved.
    expect(screen.getByText('Cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Reschedule: Cy Cancelled/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Tue 3 Mar' })).toBeInTheDocument();
  });

  it('switches to the month and moves between ranges', async () => {
    const user = userEvent.setup();
    const client = calendarClient();
    renderPage(<CalendarPage />, { client, route: '/calendar?view=week&date=2026-03-04' });
    await screen.findByRole('link', { name: /Ann Archer/ });
    expect(screen.getByRole('button', { name: 'Week' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Month' }));
    expect(screen.getByRole('button', { name: 'Month' })).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByRole('heading', { level: 2, name: /March 2026/ })).toHaveTextContent('Times in London (GMT, then GMT+1)');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('heading', { level: 2, name: /April 2026/ })).toHaveTextContent('Times in London (GMT+1)');
    expect(await screen.findByText('No sessions this month')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    await screen.findByRole('heading', { level: 2, name: /February 2026/ });
    const ranges = client.operations
      .filter((o) => o.name === 'CalendarSessions' && !o.variables.after)
      .map((o) => [o.variables.from, o.variables.to]);
    expect(ranges).toEqual([
      ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z'],
      ['2026-03-01T00:00:00.000Z', '2026-03-31T23:00:00.000Z'],
      ['2026-03-31T23:00:00.000Z', '2026-04-30T23:00:00.000Z'],
      ['2026-03-01T00:00:00.000Z', '2026-03-31T23:00:00.000Z'],
      ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ]);
  });

  it('reschedules in the viewer zone, showing the client their own time', async () => {
    const user = userEvent.setup();
    const client = calendarClient((name, variables) =>
      name === 'RescheduleSession'
        ? {
            data: {
              rescheduleSession: {
                __typename: 'CoachingSession',
                id: variables.id,
                startsAt: variables.startsAt,
                status: 'SCHEDULED',
                version: 2,
              },
            },
          }
        : undefined,
    );
    renderPage(<CalendarPage />, {
      client,
      route: '/calendar?view=week&date=2026-03-04',
      viewer: aCoach({ timeZone: 'America/New_York' }),
    });
    await user.click(await screen.findByRole('button', { name: /Reschedule: Bea Berlin/ }));
    const panel = screen.getByRole('region', { name: 'Reschedule the session with Bea Berlin' });
    expect(within(panel).getByRole('heading')).toHaveFocus();
    const input = within(panel).getByLabelText('New date and time');
    expect(input).toHaveValue('2026-03-04T09:00');
    await user.clear(input);
    await user.type(input, '2026-03-10T08:30');
    // 08:30 in New York (EDT from 8 March) is 12:30 UTC, 13:30 in Berlin (still CET).
    expect(panel).toHaveTextContent('For Bea Berlin: Tue 10 Mar 2026, 13:30 GMT+1');
    await user.click(within(panel).getByRole('button', { name: 'Move session' }));
    expect(client.operations.find((o) => o.name === 'RescheduleSession')?.variables).toEqual({
      id: 's2',
      startsAt: '2026-03-10T12:30:00.000Z',
    });
    expect(await screen.findByText(/now starts Tue 10 Mar 2026, 08:30 EDT/)).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('region', { name: /Reschedule/ })).not.toBeInTheDocument();
  });

  it('asks before cancelling, and Escape keeps the session', async () => {
    const user = userEvent.setup();
    const client = calendarClient((name, variables) =>
      name === 'CancelSession'
        ? { data: { cancelSession: { __typename: 'CoachingSession', id: variables.id, status: 'CANCELLED' } } }
        : undefined,
    );
    renderPage(<CalendarPage />, { client, route: '/calendar?view=week&date=2026-03-04' });
    await user.click(await screen.findByRole('button', { name: /Cancel: Ann Archer/ }));
    expect(screen.getByRole('region', { name: 'Cancel the session with Ann Archer?' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: /Cancel the session/ })).not.toBeInTheDocument();
    expect(client.operations.some((o) => o.name === 'CancelSession')).toBe(false);
    await user.click(screen.getByRole('button', { name: /Cancel: Ann Archer/ }));
    await user.click(screen.getByRole('button', { name: 'Cancel session' }));
    expect(client.operations.find((o) => o.name === 'CancelSession')?.variables).toEqual({ id: 's1' });
    expect(await screen.findByText(/The session with Ann Archer on Tue 3 Mar 2026, 09:00 GMT is cancelled/)).toBeInTheDocument();
  });

  it('says so when the sessions cannot be loaded', async () => {
    const client = mockClient(() => ({
      error: new CombinedError({ graphQLErrors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
    }));
    renderPage(<CalendarPage />, { client, route: '/calendar' });
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });
});
