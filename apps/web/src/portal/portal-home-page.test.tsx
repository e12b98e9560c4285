import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aClientViewer, mockClient, renderPage } from '../test/render';
import { PortalHomePage } from './portal-home-page';
import { anActionItem, connection } from './test-data';

const overview = {
  client: {
    id: 'client-9',
    name: 'Carl Client',
    nextSession: {
      id: 'session-next',
      startsAt: '2026-03-03T14:00:00.000Z',
      durationMinutes: 60,
      timeZone: 'Europe/London',
      meetingUrl: 'https://meet.example.com/carl',
      version: 3,
    },
    currentEngagement: {
      id: 'eng-1',
      title: 'Next role',
      coach: { id: 'coach-1', name: 'Ada Coach' },
      careerPlan: null,
      goals: [
        {
          id: 'goal-1',
          title: 'Director role',
          progress: 0.5,
          targetDate: '2026-12-31',
          metric: { name: 'Competencies', unit: 'of 8', baseline: 2, target: 8 },
          checkIns: [{ id: 'ci-1', recordedAt: '2026-02-01T10:00:00.000Z', value: 5 }],
        },
      ],
    },
  },
};

const items = [
  anActionItem({ id: 'later', title: 'Book a mock interview', dueDate: '2026-04-20' }),
  anActionItem({ id: 'undated', title: 'Read the book' }),
  anActionItem({
    id: 'overdue',
    title: 'Send the promotion case',
    dueDate: '2026-02-01',
    isOverdue: true,
    comments: [{ id: 'cm-1', body: 'Draft is ready', createdAt: '2026-02-02T10:00:00.000Z', author: { id: 'coach-1', name: 'Ada Coach' } }],
  }),
];

const summaries = {
  sessions: connection([
    {
      id: 's-old',
      startsAt: '2026-01-05T14:00:00.000Z',
      timeZone: 'Europe/London',
      sharedSummary: 'We met first.',
      summaryPublishedAt: '2026-01-06T10:00:00.000Z',
    },
    { id: 's-unpublished', startsAt: '2026-01-20T14:00:00.000Z', timeZone: 'Europe/London', sharedSummary: null, summaryPublishedAt: null },
    {
      id: 's-new',
      startsAt: '2026-02-05T14:00:00.000Z',
      timeZone: 'Europe/London',
      sharedSummary: 'We planned the case.',
      summaryPublishedAt: '2026-02-06T10:00:00.000Z',
    },
  ]),
};

function homeClient(extra: Record<string, () => unknown> = {}) {
  return mockClient((name) => {
    if (name === 'PortalHome')
      return { data: { me: { id: 'user-9', client: overview.client }, myActionItems: connection(items), ...summaries } };
    if (extra[name]) return { data: extra[name]() };
    return undefined;
  });
}

describe('PortalHomePage', () => {
  it('lists open action items with overdue ones first, badged and with their due dates', async () => {
    renderPage(<PortalHomePage />, { client: homeClient(), viewer: aClientViewer() });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/, Carl$/);
    const section = screen.getByRole('region', { name: 'Action items' });
    const titles = within(section)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(titles).toEqual(['Send the promotion case', 'Book a mock interview', 'Read the book']);
    const first = within(section).getAllByRole('listitem')[0];
    expect(within(first).getByText('Overdue')).toBeInTheDocument();
    expect(first).toHaveTextContent('Due Sun 1 Feb 2026');
    expect(within(section).getByRole('button', { name: 'Mark done: Book a mock interview' })).toBeInTheDocument();
  });

  it('marks an item done and announces it', async () => {
    const client = homeClient({ CompleteActionItem: () => ({ completeActionItem: { ...items[0], status: 'DONE' } }) });
    renderPage(<PortalHomePage />, { client, viewer: aClientViewer() });
    await userEvent.click(screen.getByRole('button', { name: 'Mark done: Book a mock interview' }));
    await waitFor(() => expect(screen.getByText('Marked “Book a mock interview” as done.')).toBeInTheDocument());
    expect(client.operations.find((o) => o.name === 'CompleteActionItem')?.variables).toEqual({ id: 'later' });
  });

  it('shows comments behind a disclosure and adds one', async () => {
    const client = homeClient({
      AddActionItemComment: () => ({
        addActionItemComment: {
          id: 'cm-2',
          body: 'Sent it',
          createdAt: '2026-02-03T10:00:00.000Z',
          author: { id: 'user-9', name: 'Carl' },
        },
      }),
    });
    renderPage(<PortalHomePage />, { client, viewer: aClientViewer() });
    const first = within(screen.getByRole('region', { name: 'Action items' })).getAllByRole('listitem')[0];
    await userEvent.click(within(first).getByText(/^Comments \(1\)/));
    expect(within(first).getByText('Draft is ready')).toBeVisible();
    await userEvent.type(within(first).getByLabelText('Your comment'), '  Sent it ');
    await userEvent.click(within(first).getByRole('button', { name: 'Add comment' }));
    await waitFor(() => expect(within(first).getByText('Comment added.')).toBeInTheDocument());
    expect(client.operations.find((o) => o.name === 'AddActionItemComment')?.variables).toEqual({
      actionItemId: 'overdue',
      body: 'Sent it',
    });
  });

  it('shows the next session in the viewer’s zone with a calendar file and the meeting link', () => {
    renderPage(<PortalHomePage />, { client: homeClient(), viewer: aClientViewer() });
    const section = screen.getByRole('region', { name: 'Next session' });
    // 14:00 UTC is 09:00 in New York (EST).
    expect(section).toHaveTextContent('Tue 3 Mar 2026, 09:00 EST');
    const calendar = within(section).getByRole('link', { name: /Add to calendar/ });
    expect(calendar).toHaveAttribute('download', 'tandem-session-2026-03-03.ics');
    const ics = decodeURIComponent(calendar.getAttribute('href')!.replace(/^data:text\/calendar;charset=utf-8,/, ''));
    expect(ics).toContain('DTSTART:20260303T140000Z\r\n');
    expect(ics).toContain('DTEND:20260303T150000Z\r\n');
    expect(ics).toContain('SUMMARY:Coaching session with Ada Coach\r\n');
    expect(within(section).getByRole('link', { name: /Join the meeting/ })).toHaveAttribute('href', 'https://meet.example.com/carl');
  });

  it('lists published summaries newest first, each linking to its session', () => {
    renderPage(<PortalHomePage />, { client: homeClient(), viewer: aClientViewer() });
    const section = screen.getByRole('region', { name: 'Session summaries' });
    const links = within(section).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/sessions/s-new', '/sessions/s-old']);
    expect(section).not.toHaveTextContent('s-unpublished');
  });

  it('shows goal progress and links to the career plan', () => {
    renderPage(<PortalHomePage />, { client: homeClient(), viewer: aClientViewer() });
    const section = screen.getByRole('region', { name: 'Goals' });
    expect(within(section).getByRole('progressbar', { name: 'Progress on Director role' })).toHaveAttribute('aria-valuenow', '50');
    expect(within(section).getByRole('link', { name: 'Your career plan' })).toHaveAttribute('href', '/plan');
  });

  it('asks for the whole page in one request', async () => {
    const client = homeClient();
    renderPage(<PortalHomePage />, { client, viewer: aClientViewer() });
    await waitFor(() => expect(screen.getByText('Tue 3 Mar 2026, 09:00 EST')).toBeInTheDocument());
    expect(client.operations.map((o) => o.name)).toEqual(['PortalHome']);
  });

  it('does not depend on the viewer’s client id (a fresh log-in may not carry it)', () => {
    renderPage(<PortalHomePage />, { client: homeClient(), viewer: aClientViewer({ client: null }) });
    expect(screen.getByRole('region', { name: 'Next session' })).toHaveTextContent('Tue 3 Mar 2026, 09:00 EST');
  });

  it('says so when there is nothing open and no session planned', () => {
    const client = mockClient((name) =>
      name === 'PortalHome'
        ? {
            data: {
              me: { id: 'user-9', client: { ...overview.client, nextSession: null, currentEngagement: null } },
              myActionItems: connection([]),
              sessions: connection([]),
            },
          }
        : undefined,
    );
    renderPage(<PortalHomePage />, { client, viewer: aClientViewer() });
    expect(screen.getByText('Nothing open right now')).toBeInTheDocument();
    expect(screen.getByText('No session planned')).toBeInTheDocument();
    expect(screen.getByText('No summaries yet')).toBeInTheDocument();
    expect(screen.getByText('No goals yet')).toBeInTheDocument();
  });
});
