import { screen, within } from '@testing-library/react';
import { CombinedError, type Client } from 'urql';
import { merge, never } from 'wonka';
import { describe, expect, it } from 'vitest';
import { aClientViewer, mockClient, renderPage } from '../test/render';
import { ClientSessionPage } from './client-session-page';
import { anActionItem } from './test-data';

const session = {
  id: 'session-1',
  startsAt: '2026-02-05T14:00:00.000Z',
  durationMinutes: 45,
  timeZone: 'Europe/London',
  status: 'COMPLETED',
  agenda: 'Your three stories',
  meetingUrl: 'https://meet.example.com/x',
  sharedSummary: 'We planned the case for promotion.',
  summaryPublishedAt: '2026-02-06T10:00:00.000Z',
  engagement: { id: 'eng-1', title: 'Next role' },
  actionItems: [
    anActionItem({ id: 'a', title: 'Write the case', dueDate: '2026-02-20', status: 'DONE' }),
    anActionItem({ id: 'b', title: 'Ask for feedback', dueDate: '2026-02-10', isOverdue: true }),
  ],
};

describe('ClientSessionPage', () => {
  it('shows the date in the viewer’s zone, the agenda, the shared summary and the session’s action items', () => {
    const client = mockClient((name, variables) =>
      name === 'ClientSession' && variables.id === 'session-1' ? { data: { session } } : undefined,
    );
    renderPage(<ClientSessionPage />, { client, viewer: aClientViewer(), route: '/sessions/session-1', path: '/sessions/:sessionId' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Session on Thu 5 Feb 2026, 09:00 EST');
    expect(screen.getByRole('region', { name: 'Agenda' })).toHaveTextContent('Your three stories');
    expect(screen.getByRole('region', { name: 'Summary' })).toHaveTextContent('We planned the case for promotion.');
    const items = screen.getByRole('region', { name: 'Action items from this session' });
    expect(
      within(items)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(['Ask for feedback', 'Write the case']);
    expect(within(items).getByRole('button', { name: 'Mark done: Ask for feedback' })).toBeInTheDocument();
    expect(within(items).getByRole('button', { name: 'Reopen: Write the case' })).toBeInTheDocument();
    // A held session offers no meeting link.
    expect(screen.queryByRole('link', { name: /Join the meeting/ })).toBeNull();
  });

  it('says when no summary has been shared yet', () => {
    const client = mockClient(() => ({
      data: { session: { ...session, status: 'SCHEDULED', sharedSummary: null, summaryPublishedAt: null, agenda: null, actionItems: [] } },
    }));
    renderPage(<ClientSessionPage />, { client, viewer: aClientViewer(), route: '/sessions/session-1', path: '/sessions/:sessionId' });
    expect(screen.getByText('No summary yet')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Agenda' })).toBeNull();
    expect(screen.getByRole('link', { name: /Join the meeting/ })).toHaveAttribute('href', 'https://meet.example.com/x');
  });

  it('offers the engagement’s meeting link when the session has none of its own', () => {
    const standing = {
      ...session,
      status: 'SCHEDULED',
      meetingUrl: null,
      engagement: { id: 'eng-1', title: 'Next role', meetingUrl: 'https://meet.example.com/standing' },
    };
    const client = mockClient(() => ({ data: { session: standing } }));
    renderPage(<ClientSessionPage />, { client, viewer: aClientViewer(), route: '/sessions/session-1', path: '/sessions/:sessionId' });
    expect(screen.getByRole('link', { name: /Join the meeting/ })).toHaveAttribute('href', 'https://meet.example.com/standing');
  });

  it('explains a session that cannot be found', async () => {
    const mock = mockClient(() => ({
      error: new CombinedError({ graphQLErrors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] }),
    }));
    // Kept open as a real client's result stream is: urql forgets an error when the stream ends.
    const client = {
      ...mock,
      executeQuery: (operation: Parameters<Client['executeQuery']>[0]) => merge([mock.executeQuery(operation), never]),
    } as unknown as Client;
    renderPage(<ClientSessionPage />, { client, viewer: aClientViewer(), route: '/sessions/nope', path: '/sessions/:sessionId' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This session was not found');
  });
});
