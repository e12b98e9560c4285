import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aCoach, mockClient, renderPage } from '../../test/render';
import { initialEngagementForm, validateEngagement, engagementInput } from './engagement-form';
import { NewEngagementPage } from './new-engagement-page';

const clientData = { client: { __typename: 'Client', id: 'client-1', name: 'Ann Archer', timeZone: 'America/New_York' } };
const sponsorsData = {
  sponsors: { __typename: 'SponsorConnection', edges: [{ node: { __typename: 'Sponsor', id: 'sp-1', organisation: 'Acme Ltd' } }] },
};

function engagementClient(
  mutation: () => { data?: unknown; error?: unknown } = () => ({
    data: { createEngagement: { __typename: 'Engagement', id: 'e-1', status: 'ACTIVE', client: { __typename: 'Client', id: 'client-1' } } },
  }),
) {
  return mockClient((name) => {
    if (name === 'NewEngagementClient') return { data: clientData };
    if (name === 'EngagementSponsors') return { data: sponsorsData };
    if (name === 'CreateEngagement') return mutation();
    return undefined;
  });
}

const render = (client = engagementClient()) =>
  renderPage(<NewEngagementPage />, {
    client,
    viewer: aCoach({ timeZone: 'Europe/London' }),
    route: '/clients/client-1/engagements/new',
    path: '/clients/:clientId/engagements/new',
  });

describe('NewEngagementPage', { timeout: 20_000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-02-20T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('previews the next sessions in the client zone and the viewer zone, with the server cadence rules', async () => {
    const user = userEvent.setup();
    render();
    expect(await screen.findByRole('heading', { level: 1, name: 'New engagement' })).toBeInTheDocument();
    expect(screen.getByLabelText('Starts on')).toHaveValue('2026-02-20');
    expect(screen.getByLabelText('Time zone')).toHaveValue('America/New_York');
    await user.selectOptions(screen.getByLabelText('Cadence'), 'Monthly');
    await user.click(screen.getByLabelText(/A weekday/));
    await user.selectOptions(screen.getByLabelText('Week of the month'), 'First');
    await user.selectOptions(screen.getByLabelText('Day of the week'), 'Tuesday');
    await user.clear(screen.getByLabelText('Local time'));
    await user.type(screen.getByLabelText('Local time'), '09:00');
    await user.type(screen.getByLabelText('Sessions allotted'), '4');
    const items = within(screen.getByRole('list', { name: 'Next sessions' })).getAllByRole('listitem');
    // 09:00 in New York stays 09:00 across its DST change (8 March); London's own change (29 March) moves the coach's view.
    expect(items.map((li) => li.textContent)).toEqual([
      'Tue 3 Mar 2026, 09:00 EST · you: Tue 3 Mar 2026, 14:00 GMT',
      'Tue 7 Apr 2026, 09:00 EDT · you: Tue 7 Apr 2026, 14:00 GMT+1',
      'Tue 5 May 2026, 09:00 EDT · you: Tue 5 May 2026, 14:00 GMT+1',
      'Tue 2 Jun 2026, 09:00 EDT · you: Tue 2 Jun 2026, 14:00 GMT+1',
    ]);
    await user.selectOptions(screen.getByLabelText('Cadence'), 'Quarterly');
    expect(within(screen.getByRole('list', { name: 'Next sessions' })).getAllByRole('listitem')).toHaveLength(4);
    await user.selectOptions(screen.getByLabelText('Cadence'), 'Ad hoc');
    expect(screen.queryByRole('list', { name: 'Next sessions' })).not.toBeInTheDocument();
    expect(screen.getByText(/no cadence/)).toBeInTheDocument();
  });

  it('sends the engagement and returns to the client page', async () => {
    const user = userEvent.setup();
    const client = engagementClient();
    const { container } = render(client);
    await user.type(await screen.findByLabelText('Title'), 'Leadership 2026');
    await user.type(screen.getByLabelText('Ends on'), '2026-12-31');
    await user.clear(screen.getByLabelText('Day of month'));
    await user.type(screen.getByLabelText('Day of month'), '31');
    await user.type(screen.getByLabelText('Sessions allotted'), '10');
    await user.selectOptions(screen.getByLabelText('Sponsor'), 'Acme Ltd');
    await user.click(screen.getByLabelText('Activate now and plan sessions'));
    expect(within(screen.getByRole('list', { name: 'Next sessions' })).getAllByRole('listitem')[0]).toHaveTextContent(
      'Sat 28 Feb 2026, 09:00 EST',
    );
    await user.click(screen.getByRole('button', { name: 'Create engagement' }));
    expect(client.operations.find((o) => o.name === 'CreateEngagement')?.variables).toEqual({
      input: {
        clientId: 'client-1',
        title: 'Leadership 2026',
        startDate: '2026-02-20',
        endDate: '2026-12-31',
        sessionsAllotted: 10,
        sessionMinutes: 60,
        sponsorId: 'sp-1',
        activate: true,
        cadence: {
          frequency: 'MONTHLY',
          anchor: 'DAY_OF_MONTH',
          day: 31,
          ordinal: null,
          weekday: null,
          localTime: '09:00',
          timeZone: 'America/New_York',
        },
      },
    });
    expect(container.querySelector('form')).toBeNull();
  });

  it('asks no session day for an ad hoc cadence and sends none', async () => {
    const user = userEvent.setup();
    const client = engagementClient();
    render(client);
    await user.type(await screen.findByLabelText('Title'), 'As needed');
    await user.clear(screen.getByLabelText('Day of month'));
    await user.selectOptions(screen.getByLabelText('Cadence'), 'AD_HOC');
    expect(screen.queryByLabelText('Day of month')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Session day' })).toBeNull();
    expect(screen.queryByLabelText('Day of the week')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create engagement' }));
    const cadence = (client.operations.find((o) => o.name === 'CreateEngagement')?.variables.input as { cadence: Record<string, unknown> })
      .cadence;
    expect(cadence).toEqual({ frequency: 'AD_HOC', localTime: '09:00', timeZone: 'America/New_York' });
  });

  it('shows problems beside their fields, from the form and from the API', async () => {
    const user = userEvent.setup();
    const client = engagementClient(() => ({
      error: new CombinedError({
        graphQLErrors: [{ message: 'day must not be greater than 31', extensions: { code: 'BAD_USER_INPUT', field: 'input.cadence.day' } }],
      }),
    }));
    render(client);
    await user.clear(await screen.findByLabelText('Day of month'));
    await user.type(screen.getByLabelText('Ends on'), '2026-01-01');
    await user.click(screen.getByRole('button', { name: 'Create engagement' }));
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('Give the engagement a title.');
    expect(screen.getByLabelText('Ends on')).toHaveAccessibleDescription(
      'Optional; no session after it. The last day cannot be before the first.',
    );
    expect(screen.getByLabelText('Day of month')).toHaveAccessibleDescription(/Enter a day from 1 to 31\./);
    expect(client.operations.some((o) => o.name === 'CreateEngagement')).toBe(false);

    await user.type(screen.getByLabelText('Title'), 'Plan');
    await user.clear(screen.getByLabelText('Ends on'));
    await user.type(screen.getByLabelText('Day of month'), '12');
    await user.click(screen.getByRole('button', { name: 'Create engagement' }));
    expect(await screen.findByText('day must not be greater than 31')).toHaveClass('field-error');
    expect(screen.getByLabelText('Day of month')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('engagement form', () => {
  it('validates numbers and dates', () => {
    const form = { ...initialEngagementForm('Europe/London', new Date('2026-03-01T00:00:00Z')), title: 'T' };
    expect(validateEngagement(form)).toEqual({});
    expect(validateEngagement({ ...form, sessionsAllotted: '0', sessionMinutes: '2', localTime: '9am' })).toEqual({
      sessionsAllotted: 'Enter a number from 1 to 500, or leave it empty.',
      sessionMinutes: 'Enter minutes from 5 to 600.',
      localTime: 'Enter a time like 09:30.',
    });
    expect(validateEngagement({ ...form, frequency: 'AD_HOC', day: '', localTime: '' })).toEqual({});
  });

  it('sends the ordinal weekday anchor without a day', () => {
    const form = {
      ...initialEngagementForm('Europe/London', new Date('2026-03-01T00:00:00Z')),
      title: 'T',
      anchor: 'ORDINAL_WEEKDAY' as const,
      ordinal: '-1',
      weekday: '5',
    };
    expect(engagementInput(form, 'c').cadence).toEqual({
      frequency: 'MONTHLY',
      anchor: 'ORDINAL_WEEKDAY',
      day: null,
      ordinal: -1,
      weekday: 5,
      localTime: '09:00',
      timeZone: 'Europe/London',
    });
  });
});
