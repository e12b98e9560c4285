// Long on purpose: every engagement action (status, cadence, edit) with its confirm step and its errors.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aCoach, mockClient, renderPage } from '../../test/render';
import { engagementUpdateInput, engagementEditFormOf, statusActions, validateEngagementEdit } from './engagement-edit-form';
import { OverviewTab } from './overview-tab';

const anEngagement = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'Engagement',
  id: 'e1',
  title: 'Leadership 2026',
  phase: 'DISCOVER',
  status: 'ACTIVE',
  startDate: '2026-01-05',
  endDate: '2026-12-31',
  sessionsAllotted: 10,
  sessionsUsed: 2,
  sessionMinutes: 60,
  cadence: {
    __typename: 'Cadence',
    frequency: 'MONTHLY',
    anchor: 'DAY_OF_MONTH',
    day: 15,
    ordinal: null,
    weekday: null,
    localTime: '09:00',
    timeZone: 'America/New_York',
  },
  sponsor: null,
  ...overrides,
});

const PREVIEW = {
  __typename: 'SessionPlanPreview',
  cancelled: [{ __typename: 'CoachingSession', id: 's5', startsAt: '2026-03-16T13:00:00.000Z' }],
  created: ['2026-03-03T14:00:00.000Z'],
  kept: [
    {
      __typename: 'KeptSession',
      reason: 'MOVED_BY_HAND',
      session: { __typename: 'CoachingSession', id: 's6', startsAt: '2026-04-10T13:00:00.000Z' },
    },
    {
      __typename: 'KeptSession',
      reason: 'HAS_CONTENT',
      session: { __typename: 'CoachingSession', id: 's7', startsAt: '2026-05-15T13:00:00.000Z' },
    },
  ],
};
const previews = (client: ReturnType<typeof overview>) =>
  client.operations.filter((o) => o.name === 'PreviewSessionPlan').map((o) => o.variables);

function overview(
  engagement: ReturnType<typeof anEngagement> | null,
  respond: (name: string, variables: Record<string, unknown>) => { data?: unknown; error?: unknown } | undefined = () => undefined,
) {
  const engagements = [
    ...(engagement
      ? [
          {
            __typename: 'Engagement',
            id: engagement.id,
            title: engagement.title,
            status: engagement.status,
            startDate: engagement.startDate,
            endDate: engagement.endDate,
          },
        ]
      : []),
    {
      __typename: 'Engagement',
      id: 'e0',
      title: 'Career change 2025',
      status: 'COMPLETED',
      startDate: '2025-01-06',
      endDate: '2025-12-15',
    },
  ];
  return mockClient((name, variables) => {
    const answer = respond(name, variables);
    if (answer) return answer;
    if (name === 'ClientOverview') {
      return {
        data: {
          client: {
            __typename: 'Client',
            id: 'c1',
            name: 'Ann Able',
            timeZone: 'America/New_York',
            engagements,
            currentEngagement: engagement,
            nextSession: null,
          },
          sessions: { __typename: 'CoachingSessionConnection', edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false } },
        },
      };
    }
    if (name === 'PreviewSessionPlan') return { data: { previewSessionPlan: PREVIEW } };
    if (name === 'EngagementSponsorOptions')
      return {
        data: {
          sponsors: { __typename: 'SponsorConnection', edges: [{ node: { __typename: 'Sponsor', id: 'sp-1', organisation: 'Acme Ltd' } }] },
        },
      };
    return undefined;
  });
}

const render = (client: ReturnType<typeof overview>) =>
  renderPage(<OverviewTab clientId="c1" />, {
    client,
    viewer: aCoach({ timeZone: 'Europe/London' }),
    route: '/clients/c1',
    path: '/clients/:clientId',
  });
const actions = () => within(screen.getByRole('group', { name: 'Engagement actions' }));
const overviewLoads = (client: ReturnType<typeof overview>) => client.operations.filter((o) => o.name === 'ClientOverview').length;

describe('Engagement controls', { timeout: 20_000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-02-20T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it.each([
    ['DRAFT', ['Activate', 'Cancel engagement', 'Change cadence', 'Edit engagement']],
    ['ACTIVE', ['Pause', 'Complete', 'Cancel engagement', 'Change cadence', 'Edit engagement']],
    ['PAUSED', ['Resume', 'Complete', 'Cancel engagement', 'Change cadence', 'Edit engagement']],
    ['COMPLETED', ['Edit engagement']],
    ['CANCELLED', ['Edit engagement']],
  ])('offers what a %s engagement allows', async (status, labels) => {
    render(overview(anEngagement({ status })));
    await screen.findByRole('heading', { name: 'Current engagement' });
    expect(
      actions()
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(labels);
  });

  it('lists the other engagements with their status and dates', async () => {
    render(overview(anEngagement()));
    const list = await screen.findByRole('list', { name: 'Other engagements' });
    expect(within(list).getByRole('listitem')).toHaveTextContent('Career change 2025CompletedMon 6 Jan 2025 – Mon 15 Dec 2025');
  });

  it('pauses only after saying that future sessions are cancelled, then refetches the overview', async () => {
    const user = userEvent.setup();
    const client = overview(anEngagement(), (name) =>
      name === 'PauseEngagement' ? { data: { pauseEngagement: { __typename: 'Engagement', id: 'e1', status: 'PAUSED' } } } : undefined,
    );
    render(client);
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    const step = screen.getByRole('group', { name: 'Pause this engagement?' });
    expect(step).toHaveTextContent(/Every future scheduled session of this engagement is cancelled/);
    expect(client.operations.some((o) => o.name === 'PauseEngagement')).toBe(false);
    const loads = overviewLoads(client);
    await user.click(within(step).getByRole('button', { name: 'Yes, pause' }));
    expect(client.operations.find((o) => o.name === 'PauseEngagement')?.variables).toEqual({ id: 'e1' });
    const notice = await screen.findByText('The engagement is paused; its future sessions are cancelled.');
    expect(notice.closest('[aria-live="polite"]')).not.toBeNull();
    expect(notice).toHaveFocus();
    expect(overviewLoads(client)).toBeGreaterThan(loads);
  });

  it.each([
    [
      'DRAFT',
      'Activate',
      'Yes, activate',
      'ActivateEngagement',
      /Sessions are planned for the next 12 months from its cadence \(Monthly on the 15th, 09:00 America\/New_York\), until Thu 31 Dec 2026, up to 10 sessions in all/,
    ],
    ['PAUSED', 'Resume', 'Yes, resume', 'ActivateEngagement', /Sessions are planned again/],
    ['ACTIVE', 'Complete', 'Yes, complete', 'CompleteEngagement', /every future scheduled session is cancelled/],
    ['PAUSED', 'Cancel engagement', 'Yes, cancel engagement', 'CancelEngagement', /every future scheduled session is cancelled/],
    ['DRAFT', 'Cancel engagement', 'Yes, cancel engagement', 'CancelEngagement', /without any session being planned/],
  ])('%s: %s explains itself and calls %s', async (status, trigger, confirm, mutation, explanation) => {
    const user = userEvent.setup();
    const client = overview(anEngagement({ status }), (name) =>
      name === mutation
        ? { data: { [mutation[0].toLowerCase() + mutation.slice(1)]: { __typename: 'Engagement', id: 'e1', status: 'ACTIVE' } } }
        : undefined,
    );
    render(client);
    await user.click(await screen.findByRole('button', { name: trigger }));
    expect(screen.getByRole('group', { name: /\?$/ })).toHaveTextContent(explanation);
    await user.click(screen.getByRole('button', { name: confirm }));
    expect(client.operations.filter((o) => /Engagement$/.test(o.name)).map((o) => [o.name, o.variables])).toEqual([
      [mutation, { id: 'e1' }],
    ]);
  });

  it('keeps the step open with the API error when the change is refused, and "Not now" closes it', async () => {
    const user = userEvent.setup();
    const error = new CombinedError({
      graphQLErrors: [{ message: 'Cannot make a COMPLETED engagement PAUSED; it must be ACTIVE', extensions: { code: 'CONFLICT' } }],
    });
    const client = overview(anEngagement(), (name) => (name === 'PauseEngagement' ? { error } : undefined));
    render(client);
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    await user.click(screen.getByRole('button', { name: 'Yes, pause' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot make a COMPLETED engagement PAUSED');
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('group', { name: 'Pause this engagement?' })).not.toBeInTheDocument();
  });

  it('changes the cadence with a preview of the re-planned sessions', async () => {
    const user = userEvent.setup();
    const client = overview(anEngagement(), (name) =>
      name === 'ChangeCadence'
        ? { data: { changeCadence: { __typename: 'Engagement', id: 'e1', cadence: anEngagement().cadence } } }
        : undefined,
    );
    render(client);
    await user.click(await screen.findByRole('button', { name: 'Change cadence' }));
    expect(screen.getByLabelText('Day of month')).toHaveValue(15);
    await user.click(screen.getByLabelText(/A weekday/));
    await user.selectOptions(screen.getByLabelText('Week of the month'), 'First');
    await user.selectOptions(screen.getByLabelText('Day of the week'), 'Tuesday');
    const items = within(screen.getByRole('list', { name: 'Sessions after the change' })).getAllByRole('listitem');
    expect(items).toHaveLength(6);
    expect(items[0]).toHaveTextContent('Tue 3 Mar 2026, 09:00 EST · you: Tue 3 Mar 2026, 14:00 GMT');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const cadence = {
      frequency: 'MONTHLY',
      anchor: 'ORDINAL_WEEKDAY',
      day: null,
      ordinal: 1,
      weekday: 2,
      localTime: '09:00',
      timeZone: 'America/New_York',
    };
    expect(previews(client)).toEqual([{ engagementId: 'e1', change: { cadence } }]);
    const step = await screen.findByRole('group', { name: 'Change the cadence?' });
    expect(within(step).getByRole('heading', { name: 'Change the cadence?' })).toHaveFocus();
    expect(within(step).getByRole('list', { name: 'Cancelled (1)' })).toHaveTextContent(
      'Mon 16 Mar 2026, 09:00 EDT · you: Mon 16 Mar 2026, 13:00 GMT',
    );
    expect(within(step).getByRole('list', { name: 'Created (1)' })).toHaveTextContent('Tue 3 Mar 2026, 09:00 EST');
    const kept = within(within(step).getByRole('list', { name: 'Kept as they are (2)' })).getAllByRole('listitem');
    expect(kept[0]).toHaveTextContent(/Fri 10 Apr 2026, 09:00 EDT.*moved by hand/);
    expect(kept[1]).toHaveTextContent(/has an agenda, notes, a summary or action items/);
    expect(client.operations.some((o) => o.name === 'ChangeCadence')).toBe(false);
    await user.click(within(step).getByRole('button', { name: 'Yes, change cadence' }));
    expect(client.operations.find((o) => o.name === 'ChangeCadence')?.variables).toEqual({ id: 'e1', cadence });
    expect(await screen.findByText('The cadence is changed and future sessions are re-planned.')).toBeInTheDocument();
  });

  it('changes to an ad hoc cadence without asking for a session day, and sends none', async () => {
    const user = userEvent.setup();
    const client = overview(anEngagement(), (name) =>
      name === 'ChangeCadence'
        ? { data: { changeCadence: { __typename: 'Engagement', id: 'e1', cadence: anEngagement().cadence } } }
        : undefined,
    );
    render(client);
    await user.click(await screen.findByRole('button', { name: 'Change cadence' }));
    await user.selectOptions(screen.getByLabelText('Cadence'), 'AD_HOC');
    expect(screen.queryByLabelText('Day of month')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Session day' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const cadence = { frequency: 'AD_HOC', localTime: '09:00', timeZone: 'America/New_York' };
    expect(previews(client)).toEqual([{ engagementId: 'e1', change: { cadence } }]);
    await user.click(await screen.findByRole('button', { name: 'Yes, change cadence' }));
    expect(client.operations.find((o) => o.name === 'ChangeCadence')?.variables).toEqual({ id: 'e1', cadence });
  });

  it('pauses after listing what the pause cancels and keeps, fetched before the confirm button', async () => {
    const user = userEvent.setup();
    const client = overview(anEngagement(), (name) =>
      name === 'PauseEngagement' ? { data: { pauseEngagement: { __typename: 'Engagement', id: 'e1', status: 'PAUSED' } } } : undefined,
    );
    render(client);
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    const step = await screen.findByRole('group', { name: 'Pause this engagement?' });
    expect(previews(client)).toEqual([{ engagementId: 'e1', change: { pause: true } }]);
    expect(within(step).getByRole('list', { name: 'Cancelled (1)' })).toBeInTheDocument();
    expect(within(step).getByRole('list', { name: 'Kept as they are (2)' })).toHaveTextContent('moved by hand');
    await user.click(within(step).getByRole('button', { name: 'Yes, pause' }));
    expect(client.operations.find((o) => o.name === 'PauseEngagement')?.variables).toEqual({ id: 'e1' });
  });

  it('edits the engagement (phase included), sending only what changed', async () => {
    const user = userEvent.setup();
    const client = overview(anEngagement(), (name) =>
      name === 'UpdateEngagement'
        ? {
            data: {
              updateEngagement: {
                __typename: 'Engagement',
                id: 'e1',
                title: 'Leadership 2026',
                phase: 'PLAN',
                endDate: null,
                sessionsAllotted: 10,
                sessionMinutes: 60,
                sponsor: null,
              },
            },
          }
        : undefined,
    );
    render(client);
    await user.click(await screen.findByRole('button', { name: 'Edit engagement' }));
    expect(screen.getByLabelText('Phase')).toHaveValue('DISCOVER');
    await user.selectOptions(screen.getByLabelText('Phase'), 'Plan');
    await user.clear(screen.getByLabelText('Ends on'));
    await user.selectOptions(screen.getByLabelText('Sponsor'), 'Acme Ltd');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(previews(client)).toEqual([{ engagementId: 'e1', change: { endDate: null } }]);
    const step = await screen.findByRole('group', { name: 'Save and re-plan the sessions?' });
    expect(within(step).getByRole('list', { name: 'Created (1)' })).toBeInTheDocument();
    expect(client.operations.some((o) => o.name === 'UpdateEngagement')).toBe(false);
    await user.click(within(step).getByRole('button', { name: 'Yes, save engagement' }));
    expect(client.operations.find((o) => o.name === 'UpdateEngagement')?.variables).toEqual({
      id: 'e1',
      input: { phase: 'PLAN', endDate: null, sponsorId: 'sp-1' },
    });
    expect(await screen.findByText('The engagement is saved and its future sessions are re-planned.')).toBeInTheDocument();
  });

  it('sets the engagement’s meeting link, shows it in the overview, and shows a refused link beside its field', async () => {
    const user = userEvent.setup();
    const refused = new CombinedError({
      graphQLErrors: [{ message: 'meetingUrl must be a URL address', extensions: { code: 'BAD_USER_INPUT', field: 'meetingUrl' } }],
    });
    let answer: { data?: unknown; error?: unknown } = { error: refused };
    const client = overview(anEngagement(), (name) => (name === 'UpdateEngagement' ? answer : undefined));
    render(client);
    expect(await screen.findByText('Meeting link')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Edit engagement' }));
    const field = screen.getByLabelText('Meeting link');
    await user.type(field, 'zoom please');
    await user.click(screen.getByRole('button', { name: 'Save engagement' }));
    expect(client.operations.find((o) => o.name === 'UpdateEngagement')?.variables).toEqual({
      id: 'e1',
      input: { meetingUrl: 'zoom please' },
    });
    expect(await screen.findByText('meetingUrl must be a URL address')).toHaveClass('field-error');
    expect(field).toHaveAttribute('aria-invalid', 'true');

    answer = {
      data: {
        updateEngagement: {
          __typename: 'Engagement',
          id: 'e1',
          title: 'Leadership 2026',
          phase: 'DISCOVER',
          endDate: '2026-12-31',
          sessionsAllotted: 10,
          sessionMinutes: 60,
          meetingUrl: 'https://meet.example.com/ann',
          sponsor: null,
        },
      },
    };
    await user.clear(field);
    await user.type(field, ' https://meet.example.com/ann ');
    await user.click(screen.getByRole('button', { name: 'Save engagement' }));
    expect(client.operations.filter((o) => o.name === 'UpdateEngagement').at(-1)?.variables).toEqual({
      id: 'e1',
      input: { meetingUrl: 'https://meet.example.com/ann' },
    });
    expect(await screen.findByText('The engagement is saved.')).toBeInTheDocument();
  });

  it('shows an API error beside the engagement field it names', async () => {
    const user = userEvent.setup();
    const error = new CombinedError({
      graphQLErrors: [{ message: 'endDate must not be before startDate', extensions: { code: 'BAD_USER_INPUT', field: 'endDate' } }],
    });
    // The preview checks the change as the save would: its refusal is shown before any confirm step.
    const client = overview(anEngagement(), (name) => (name === 'PreviewSessionPlan' ? { error } : undefined));
    render(client);
    await user.click(await screen.findByRole('button', { name: 'Edit engagement' }));
    await user.clear(screen.getByLabelText('Ends on'));
    await user.type(screen.getByLabelText('Ends on'), '2026-06-30');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(await screen.findByText('endDate must not be before startDate')).toHaveClass('field-error');
    expect(screen.getByLabelText('Ends on')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('group', { name: /re-plan/ })).toBeNull();
    expect(client.operations.some((o) => o.name === 'UpdateEngagement')).toBe(false);
  });
});

describe('engagement edit form', () => {
  const engagement = {
    title: 'T',
    phase: 'ACT' as const,
    startDate: '2026-01-05',
    endDate: null,
    sessionsAllotted: null,
    sessionsUsed: 3,
    sessionMinutes: 60,
    sponsor: null,
  };

  it('knows which status changes each status allows', () => {
    expect(statusActions('DRAFT')).toEqual(['activate', 'cancel']);
    expect(statusActions('ACTIVE')).toEqual(['pause', 'complete', 'cancel']);
    expect(statusActions('PAUSED')).toEqual(['resume', 'complete', 'cancel']);
    expect(statusActions('COMPLETED')).toEqual([]);
  });

  it('validates and sends only changes', () => {
    const form = engagementEditFormOf(engagement);
    expect(engagementUpdateInput(form, engagement)).toEqual({});
    expect(engagementUpdateInput({ ...form, sessionsAllotted: '12', sessionMinutes: '45' }, engagement)).toEqual({
      sessionsAllotted: 12,
      sessionMinutes: 45,
    });
    expect(
      validateEngagementEdit({ ...form, title: ' ', endDate: '2025-12-31', sessionsAllotted: '0', sessionMinutes: '1' }, engagement),
    ).toEqual({
      title: 'Give the engagement a title.',
      endDate: 'The last day cannot be before the first.',
      sessionsAllotted: 'Enter a number from 1 to 500, or leave it empty.',
      sessionMinutes: 'Enter minutes from 5 to 600.',
    });
  });
});
