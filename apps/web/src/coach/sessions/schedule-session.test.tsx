import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { aCoach, mockClient, renderPage } from '../../test/render';
import { ScheduleSession } from './schedule-session';
import { scheduleInput, startsAtOf } from './schedule-session-form';

const anEngagement = (overrides: Record<string, unknown> = {}) => ({
  id: 'e1',
  title: 'As needed',
  status: 'ACTIVE',
  sessionMinutes: 45,
  meetingUrl: null,
  ...overrides,
});
const clientWith = (engagements: unknown[]) => ({ client: { id: 'c1', name: 'Ann Able', timeZone: 'America/New_York', engagements } });

function setUp(
  engagements: unknown[] = [anEngagement()],
  schedule: (variables: Record<string, unknown>) => { data?: unknown; error?: unknown } = () => ({
    data: { scheduleSession: { id: 's9', startsAt: '2027-03-02T19:30:00.000Z', status: 'SCHEDULED' } },
  }),
) {
  const client = mockClient((name, variables) => {
    if (name === 'ScheduleSessionOptions') return { data: clientWith(engagements) };
    if (name === 'ScheduleSession') return schedule(variables);
    return undefined;
  });
  const view = renderPage(<ScheduleSession clientId="c1" />, {
    client,
    viewer: aCoach({ timeZone: 'Europe/London' }),
    route: '/clients/c1/sessions/new',
    path: '/clients/:clientId/sessions/new',
  });
  return { client, ...view };
}

describe('ScheduleSession', () => {
  it('reads the day and time on the client’s clock and shows the instant in both zones, each named', async () => {
    const user = userEvent.setup();
    setUp();
    const day = await screen.findByLabelText('Day');
    expect(screen.getByRole('group', { name: 'When, in Ann Able’s time (New York)' })).toContainElement(day);
    await user.type(day, '2027-03-02');
    await user.clear(screen.getByLabelText('Time'));
    await user.type(screen.getByLabelText('Time'), '14:30');
    expect(screen.getByText('Ann Able · New York (EST)').nextElementSibling).toHaveTextContent('Tue 2 Mar 2027, 14:30 EST');
    expect(screen.getByText('You · London (GMT)').nextElementSibling).toHaveTextContent('Tue 2 Mar 2027, 19:30 GMT');
  });

  it('sends the instant in UTC with only what was filled in, then opens the sessions tab', async () => {
    const user = userEvent.setup();
    const { client, container } = setUp();
    await user.type(await screen.findByLabelText('Day'), '2027-03-02');
    await user.clear(screen.getByLabelText('Time'));
    await user.type(screen.getByLabelText('Time'), '14:30');
    await user.type(screen.getByLabelText('Agenda'), 'Offer negotiation');
    expect(screen.getByLabelText('Length (minutes)')).toHaveAccessibleDescription('Optional; empty: the engagement’s 45 minutes.');
    await user.click(screen.getByRole('button', { name: 'Schedule session' }));
    await waitFor(() =>
      expect(client.operations.find((o) => o.name === 'ScheduleSession')?.variables).toEqual({
        input: { engagementId: 'e1', startsAt: '2027-03-02T19:30:00.000Z', agenda: 'Offer negotiation' },
      }),
    );
    await waitFor(() => expect(container.querySelector('form')).toBeNull());
  });

  it('shows the API’s refusal of a time gone by beside the day, and describes the time with it', async () => {
    const user = userEvent.setup();
    const past = new CombinedError({
      graphQLErrors: [
        {
          message: 'A session cannot start in the past: Mon 1 Mar 2027, 09:00 EST has already gone by. Choose a time from now on.',
          extensions: { code: 'BAD_USER_INPUT', field: 'startsAt' },
        },
      ],
    });
    setUp([anEngagement()], () => ({ error: past }));
    await user.type(await screen.findByLabelText('Day'), '2027-03-01');
    await user.click(screen.getByRole('button', { name: 'Schedule session' }));
    const day = screen.getByLabelText('Day');
    await waitFor(() => expect(day).toHaveAttribute('aria-invalid', 'true'));
    expect(day).toHaveAccessibleDescription(/cannot start in the past/);
    expect(screen.getByLabelText('Time')).toHaveAccessibleDescription(/cannot start in the past/);
    await waitFor(() => expect(day).toHaveFocus());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('announces an error that names no field, such as a full allotment, and focuses it', async () => {
    const user = userEvent.setup();
    const full = new CombinedError({
      graphQLErrors: [{ message: 'All 6 sessions of this engagement are held or planned', extensions: { code: 'CONFLICT' } }],
    });
    setUp([anEngagement()], () => ({ error: full }));
    await user.type(await screen.findByLabelText('Day'), '2027-03-02');
    await user.click(screen.getByRole('button', { name: 'Schedule session' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('All 6 sessions of this engagement are held or planned');
    await waitFor(() => expect(alert.parentElement).toHaveFocus());
  });

  it('checks the day before sending, and offers only draft and active engagements', async () => {
    const user = userEvent.setup();
    const { client } = setUp([
      anEngagement({ id: 'e0', title: 'Old one', status: 'COMPLETED' }),
      anEngagement(),
      anEngagement({ id: 'e2', title: 'Next year', status: 'DRAFT', meetingUrl: 'https://meet.example.com/x' }),
    ]);
    const select = await screen.findByLabelText('Engagement');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['As needed (Active)', 'Next year (Draft)']);
    await user.selectOptions(select, 'e2');
    expect(screen.getByLabelText('Meeting link')).toHaveAccessibleDescription(
      'Optional; empty: the engagement’s link (https://meet.example.com/x).',
    );
    await user.click(screen.getByRole('button', { name: 'Schedule session' }));
    expect(screen.getByLabelText('Day')).toHaveAccessibleDescription('Choose the day.');
    expect(client.operations.some((o) => o.name === 'ScheduleSession')).toBe(false);
  });

  it('says when no engagement can take a session', async () => {
    setUp([anEngagement({ status: 'CANCELLED' })]);
    expect(await screen.findByText('No engagement can take a session')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Plan an engagement' })).toHaveAttribute('href', '/clients/c1/engagements/new');
  });
});

describe('schedule-session-form', () => {
  it('reads the wall clock of the zone, across a daylight-saving change', () => {
    expect(startsAtOf({ date: '2027-03-13', time: '09:00' }, 'America/New_York')).toBe('2027-03-13T14:00:00.000Z');
    expect(startsAtOf({ date: '2027-03-15', time: '09:00' }, 'America/New_York')).toBe('2027-03-15T13:00:00.000Z');
    expect(startsAtOf({ date: '2027-03-15', time: '9' }, 'America/New_York')).toBeNull();
  });

  it('sends trimmed optional fields only when given', () => {
    expect(
      scheduleInput(
        {
          engagementId: 'e1',
          date: '2027-03-02',
          time: '10:00',
          durationMinutes: ' 30 ',
          agenda: '  ',
          meetingUrl: ' https://m.example/a ',
        },
        'Europe/London',
      ),
    ).toEqual({
      engagementId: 'e1',
      startsAt: '2027-03-02T10:00:00.000Z',
      durationMinutes: 30,
      meetingUrl: 'https://m.example/a',
    });
  });
});
