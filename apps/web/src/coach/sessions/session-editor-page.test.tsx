import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { SessionEditorPage } from './session-editor-page';

const aSession = (overrides: Record<string, unknown> = {}) => ({
  id: 's1',
  sequence: 3,
  startsAt: '2027-03-02T14:00:00.000Z',
  durationMinutes: 60,
  timeZone: 'America/New_York',
  status: 'SCHEDULED',
  meetingUrl: null,
  agenda: 'Review the CV',
  privateNotes: 'Seemed tired',
  sharedSummary: null,
  summaryPublishedAt: null,
  completedAt: null,
  client: { id: 'c1', name: 'Ann Able', timeZone: 'America/New_York' },
  engagement: { id: 'e1', title: 'Leadership transition', meetingUrl: null },
  actionItems: [
    { id: 'a1', title: 'Update the CV', dueDate: '2027-03-09', status: 'OPEN', isOverdue: false },
    { id: 'a2', title: 'Call two colleagues', dueDate: null, status: 'DONE', isOverdue: false },
    { id: 'a3', title: 'Read a book', dueDate: null, status: 'DROPPED', isOverdue: false },
  ],
  ...overrides,
});

function setUp(
  session = aSession(),
  answer?: (name: string, variables: Record<string, unknown>) => { data?: unknown; error?: unknown } | undefined,
) {
  const client = mockClient((name, variables) => {
    const given = answer?.(name, variables);
    if (given) return given;
    if (name === 'SessionEditor') return { data: { session } };
    if (name === 'PublishSessionSummary')
      return {
        data: { publishSessionSummary: { id: 's1', sharedSummary: variables.summary, summaryPublishedAt: '2027-03-02T15:30:00.000Z' } },
      };
    if (name === 'WriteSessionPrivateNotes') return { data: { writePrivateNotes: { id: 's1', privateNotes: variables.notes } } };
    if (name === 'CompleteSession')
      return { data: { completeSession: { id: 's1', status: 'COMPLETED', completedAt: '2027-03-02T15:00:00.000Z' } } };
    if (name === 'AddSessionActionItem')
      return { data: { createActionItem: { id: 'a9', title: 'New', dueDate: null, status: 'OPEN', isOverdue: false } } };
    return undefined;
  });
  renderPage(<SessionEditorPage />, { client, route: '/sessions/s1', path: '/sessions/:sessionId' });
  return client;
}

describe('SessionEditorPage', () => {
  it('labels the private and the shared zone so the coach knows who sees what', async () => {
    setUp();
    const notes = await screen.findByLabelText('Private notes (only you)');
    const privateZone = notes.closest('.private-zone') as HTMLElement;
    expect(privateZone).not.toBeNull();
    expect(within(privateZone).getByRole('heading', { name: 'Private: only you can see this' })).toHaveClass('zone-label');
    expect(within(privateZone).queryByLabelText('Shared summary (the client sees this)')).toBeNull();
    const shared = screen.getByLabelText('Shared summary (the client sees this)');
    const sharedZone = shared.closest('.shared-zone') as HTMLElement;
    expect(within(sharedZone).getByRole('heading', { name: 'Shared with Ann Able' })).toHaveClass('zone-label');
    expect(within(sharedZone).getByText('Not published yet.')).toBeInTheDocument();
    expect(notes).toHaveValue('Seemed tired');
  });

  it('shows the time in the viewer’s zone and the client’s when they differ', async () => {
    setUp();
    expect(await screen.findByText('Tue 2 Mar 2027, 14:00 GMT')).toBeInTheDocument();
    expect(screen.getByText(/For Ann Able: Tue 2 Mar 2027, 09:00 EST/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ann Able' })).toHaveAttribute('href', '/clients/c1/sessions');
  });

  it('publishes the shared summary with publishSessionSummary (never the private notes mutation) and says when', async () => {
    const user = userEvent.setup();
    const client = setUp();
    await user.type(await screen.findByLabelText('Shared summary (the client sees this)'), 'We agreed three actions');
    await user.click(screen.getByRole('button', { name: 'Publish summary' }));
    await waitFor(() =>
      expect(client.operations.find((o) => o.name === 'PublishSessionSummary')?.variables).toEqual({
        id: 's1',
        summary: 'We agreed three actions',
      }),
    );
    expect(client.operations.some((o) => o.name === 'WriteSessionPrivateNotes')).toBe(false);
    expect(await screen.findByText('Summary published: Ann Able can read it now.')).toBeInTheDocument();
    expect(screen.getByText(/^Published/)).toHaveTextContent('Published Tue 2 Mar 2027, 15:30 GMT');
  });

  it('saves private notes with writePrivateNotes', async () => {
    const user = userEvent.setup();
    const client = setUp();
    const notes = await screen.findByLabelText('Private notes (only you)');
    await user.clear(notes);
    await user.type(notes, 'Confident today');
    await user.click(screen.getByRole('button', { name: 'Save private notes' }));
    await waitFor(() =>
      expect(client.operations.find((o) => o.name === 'WriteSessionPrivateNotes')?.variables).toEqual({
        id: 's1',
        notes: 'Confident today',
      }),
    );
    expect(await screen.findByText('Private notes saved.')).toBeInTheDocument();
  });

  it('marks a scheduled session completed, shows item statuses and adds an item to this session', async () => {
    const user = userEvent.setup();
    const client = setUp();
    await user.click(await screen.findByRole('button', { name: 'Mark completed' }));
    await waitFor(() => expect(client.operations.find((o) => o.name === 'CompleteSession')?.variables).toEqual({ id: 's1' }));
    expect(screen.getByRole('button', { name: 'Mark no-show' })).toBeInTheDocument();
    for (const label of ['Open', 'Done', 'Dropped']) expect(screen.getByText(label, { selector: '.badge' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Action item'), 'Draft the pitch');
    await user.type(screen.getByLabelText('Due on'), '2027-03-16');
    await user.click(screen.getByRole('button', { name: 'Add action item' }));
    await waitFor(() =>
      expect(client.operations.find((o) => o.name === 'AddSessionActionItem')?.variables).toEqual({
        input: { engagementId: 'e1', sessionId: 's1', title: 'Draft the pitch', dueDate: '2027-03-16' },
      }),
    );
  });

  it('offers no status buttons once the session is over', async () => {
    setUp(aSession({ status: 'COMPLETED', completedAt: '2027-03-02T15:00:00.000Z' }));
    await screen.findByLabelText('Agenda');
    expect(screen.queryByRole('button', { name: 'Mark completed' })).toBeNull();
  });

  it('uses the engagement’s meeting link while the session has none, and saves the session’s own', async () => {
    const user = userEvent.setup();
    const client = setUp(
      aSession({ engagement: { id: 'e1', title: 'Leadership transition', meetingUrl: 'https://meet.example.com/standing' } }),
      (name, variables) =>
        name === 'SaveSessionMeetingLink' ? { data: { updateSession: { id: 's1', meetingUrl: variables.meetingUrl } } } : undefined,
    );
    expect(await screen.findByRole('link', { name: 'Join the meeting' })).toHaveAttribute('href', 'https://meet.example.com/standing');
    const field = screen.getByLabelText('Meeting link');
    expect(field).toHaveAccessibleDescription(/the engagement’s link is used: https:\/\/meet\.example\.com\/standing/);
    await user.type(field, ' https://meet.example.com/this-one ');
    await user.click(screen.getByRole('button', { name: 'Save meeting link' }));
    await waitFor(() =>
      expect(client.operations.find((o) => o.name === 'SaveSessionMeetingLink')?.variables).toEqual({
        id: 's1',
        meetingUrl: 'https://meet.example.com/this-one',
      }),
    );
    expect(await screen.findByText('Meeting link saved.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Join the meeting' })).toHaveAttribute('href', 'https://meet.example.com/this-one');
  });

  it('shows the API’s refusal of a meeting link beside the field', async () => {
    const user = userEvent.setup();
    const refusal = new CombinedError({
      graphQLErrors: [{ message: 'meetingUrl must be a URL address', extensions: { code: 'BAD_USER_INPUT', field: 'meetingUrl' } }],
    });
    setUp(aSession(), (name) => (name === 'SaveSessionMeetingLink' ? { error: refusal } : undefined));
    await user.type(await screen.findByLabelText('Meeting link'), 'meet me');
    await user.click(screen.getByRole('button', { name: 'Save meeting link' }));
    const field = screen.getByLabelText('Meeting link');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(/meetingUrl must be a URL address/);
  });

  it('asks before leaving with unsaved notes, and stays when the coach says no', async () => {
    const user = userEvent.setup();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    setUp();
    await user.type(await screen.findByLabelText('Private notes (only you)'), ' and worried');
    const beforeUnload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(beforeUnload);
    expect(beforeUnload.defaultPrevented).toBe(true);

    await user.click(screen.getByRole('link', { name: 'Ann Able' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('Private notes (only you)')).toHaveValue('Seemed tired and worried');

    await user.click(screen.getByRole('link', { name: 'Ann Able' }));
    expect(confirm).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.queryByLabelText('Private notes (only you)')).toBeNull());
  });

  it('leaves without asking once the notes are saved', async () => {
    const user = userEvent.setup();
    const confirm = vi.spyOn(window, 'confirm');
    setUp();
    await user.type(await screen.findByLabelText('Private notes (only you)'), '!');
    await user.click(screen.getByRole('button', { name: 'Save private notes' }));
    await screen.findByText('Private notes saved.');
    const beforeUnload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(beforeUnload);
    expect(beforeUnload.defaultPrevented).toBe(false);
    await user.click(screen.getByRole('link', { name: 'Ann Able' }));
    await waitFor(() => expect(screen.queryByLabelText('Private notes (only you)')).toBeNull());
    expect(confirm).not.toHaveBeenCalled();
  });
});
