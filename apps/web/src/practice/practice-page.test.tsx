import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { aCoach, mockClient, renderPage } from '../test/render';
import { actionLabel, entityPath, entityTypeLabel } from './audit-labels';
import { PracticePage } from './practice-page';
import {
  describeOffsets,
  fieldOfPracticeError,
  practiceFormOf,
  practiceUpdateInput,
  validateInviteForm,
  validatePracticeForm,
} from './practice-form';

const anOwner = () => aCoach({ id: 'owner-1', name: 'Olive Owner', role: 'OWNER', timeZone: 'Europe/London' });
const practice = { id: 'practice-1', name: 'Demo Coaching', timeZone: 'Europe/London', reminderOffsetsMinutes: [2880, 120] };

const coaches = [
  { id: 'owner-1', name: 'Olive Owner', email: 'owner@example.test', role: 'OWNER', timeZone: 'Europe/London' },
  { id: 'coach-1', name: 'Ada Coach', email: 'ada@example.test', role: 'COACH', timeZone: 'America/New_York' },
];

const event = (id: string, action: string, overrides: Record<string, unknown> = {}) => ({
  id,
  action,
  entityType: 'Engagement',
  entityId: `entity-${id}`,
  occurredAt: '2026-03-03T09:00:00.000Z',
  actor: { id: 'owner-1', name: 'Olive Owner' },
  ...overrides,
});

const forbidden = () => new CombinedError({ graphQLErrors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] });

function practiceClient(overrides: Record<string, (variables: Record<string, unknown>) => { data?: unknown; error?: unknown }> = {}) {
  return mockClient((name, variables) => {
    if (overrides[name]) return overrides[name](variables);
    if (name === 'PracticeSettings') return { data: { practice } };
    if (name === 'UpdatePractice') return { data: { updatePractice: { ...practice, ...(variables.input as object) } } };
    if (name === 'PracticeCoaches') return { data: { coaches } };
    if (name === 'InviteCoach')
      return {
        data: { inviteCoach: { inviteUrl: 'http://tandem.test/accept-invite?token=abc123', expiresAt: '2026-03-10T09:00:00.000Z' } },
      };
    if (name === 'PracticeAudit') {
      return {
        data: {
          auditEvents: {
            edges: [
              event('e3', 'coach.invited', { entityType: 'User', entityId: 'coach-1' }),
              event('e2', 'engagement.active'),
              event('e1', 'mystery.thing', { entityType: 'Client', entityId: 'client-7', actor: null }),
            ].map((node) => ({ cursor: `c-${node.id}`, node })),
            pageInfo: { hasNextPage: true, endCursor: 'c-e1' },
          },
        },
      };
    }
    return undefined;
  });
}

describe('practice settings form', () => {
  it('shows reminder minutes as "2d, 2h" and reads them back, largest first', () => {
    const form = practiceFormOf(practice);
    expect(form).toEqual({ name: 'Demo Coaching', timeZone: 'Europe/London', reminders: '2d, 2h' });
    expect(practiceUpdateInput({ ...form, reminders: '30m, 1d' }, practice)).toEqual({ reminderOffsetsMinutes: [1440, 30] });
    expect(describeOffsets([2880, 120])).toBe('Reminders go out 2 days and 2 hours before each session.');
  });

  it('sends only what changed, trimmed', () => {
    const form = practiceFormOf(practice);
    expect(practiceUpdateInput(form, practice)).toEqual({});
    expect(practiceUpdateInput({ ...form, name: '  New name ', reminders: '2h,2d' }, practice)).toEqual({ name: 'New name' });
    expect(practiceUpdateInput({ ...form, timeZone: 'Asia/Tokyo' }, practice)).toEqual({ timeZone: 'Asia/Tokyo' });
  });

  it('refuses an empty name, unreadable or out-of-range reminders and an empty list', () => {
    const form = practiceFormOf(practice);
    expect(validatePracticeForm(form)).toEqual({});
    expect(validatePracticeForm({ ...form, name: ' ' }).name).toMatch(/name/);
    expect(validatePracticeForm({ ...form, reminders: 'tomorrow' }).reminders).toMatch(/like 2d/);
    expect(validatePracticeForm({ ...form, reminders: '' }).reminders).toMatch(/at least one/);
    expect(validatePracticeForm({ ...form, reminders: '5m' }).reminders).toMatch(/between 10 minutes and 14 days/);
    expect(validatePracticeForm({ ...form, reminders: '15d' }).reminders).toMatch(/between 10 minutes and 14 days/);
    expect(validatePracticeForm({ ...form, reminders: '1d, 2d, 3d, 4d, 5d, 6d' }).reminders).toMatch(/at most 5/);
  });

  it('maps API field names to the form', () => {
    expect(fieldOfPracticeError('reminderOffsetsMinutes.1')).toBe('reminders');
    expect(fieldOfPracticeError('timeZone')).toBe('timeZone');
    expect(fieldOfPracticeError(undefined)).toBeUndefined();
  });

  it('checks the invite form', () => {
    expect(validateInviteForm({ name: '', email: 'nope', timeZone: 'UTC' })).toEqual({
      name: expect.any(String),
      email: expect.stringMatching(/like name@example.com/),
    });
  });
});

describe('audit labels', () => {
  it('puts known actions in words and leaves unknown ones as recorded', () => {
    expect(actionLabel('engagement.active')).toBe('Engagement activated');
    expect(actionLabel('session.private_notes_written')).toBe('Private notes written');
    expect(actionLabel('mystery.thing')).toBe('mystery.thing');
    expect(entityTypeLabel('CoachingSession')).toBe('Session');
    expect(entityPath('Client', 'c1')).toBe('/clients/c1');
    expect(entityPath('Goal', 'g1')).toBeUndefined();
  });
});

describe('PracticePage', () => {
  it('saves the settings with the changed fields and says so', async () => {
    const client = practiceClient();
    renderPage(<PracticePage />, { client, viewer: anOwner(), route: '/practice', path: '/practice/*' });
    const reminders = await screen.findByLabelText('Default reminder times');
    expect(reminders).toHaveValue('2d, 2h');
    expect(screen.getByLabelText('Practice name')).toHaveValue('Demo Coaching');
    expect(screen.getByLabelText('Time zone')).toHaveValue('Europe/London');
    await userEvent.clear(reminders);
    await userEvent.type(reminders, '3d, 1h, 30m');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Practice settings saved.')).toBeInTheDocument();
    expect(client.operations.find((op) => op.name === 'UpdatePractice')?.variables).toEqual({
      input: { reminderOffsetsMinutes: [4320, 60, 30] },
    });
  });

  it('shows problems beside the field without sending, and the API’s field errors too', async () => {
    const client = practiceClient({
      UpdatePractice: () => ({
        error: new CombinedError({
          graphQLErrors: [
            { message: 'timeZone must be an IANA time zone', extensions: { code: 'BAD_USER_INPUT', field: 'input.timeZone' } },
          ],
        }),
      }),
    });
    renderPage(<PracticePage />, { client, viewer: anOwner(), route: '/practice', path: '/practice/*' });
    const reminders = await screen.findByLabelText('Default reminder times');
    await userEvent.clear(reminders);
    await userEvent.type(reminders, 'soon');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(reminders).toHaveAccessibleDescription(expect.stringMatching(/Enter times like 2d/));
    expect(reminders).toHaveFocus();
    expect(client.operations.some((op) => op.name === 'UpdatePractice')).toBe(false);

    await userEvent.clear(reminders);
    await userEvent.type(reminders, '1d');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('timeZone must be an IANA time zone')).toBeInTheDocument();
    expect(screen.getByLabelText('Time zone')).toHaveAttribute('aria-invalid', 'true');
  });

  it('lists the owner and coaches and shows the invitation link after inviting', async () => {
    const client = practiceClient();
    renderPage(<PracticePage />, { client, viewer: anOwner(), route: '/practice/coaches', path: '/practice/*' });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['Olive Owner', 'owner@example.test', 'Owner', 'Europe/London'],
      ['Ada Coach', 'ada@example.test', 'Coach', 'America/New York'],
    ]);
    await userEvent.type(screen.getByLabelText('Name'), ' Bea Coach ');
    await userEvent.type(screen.getByLabelText('Email'), 'bea@example.test');
    await userEvent.selectOptions(screen.getByLabelText('Time zone'), 'Asia/Tokyo');
    await userEvent.click(screen.getByRole('button', { name: 'Invite coach' }));
    expect(await screen.findByLabelText('Invitation link')).toHaveValue('http://tandem.test/accept-invite?token=abc123');
    expect(screen.getByLabelText('Invitation link')).toHaveAttribute('readonly');
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(screen.getByText(/Invitation emailed to Bea Coach \(bea@example.test\)/)).toBeInTheDocument();
    expect(client.operations.find((op) => op.name === 'InviteCoach')?.variables).toEqual({
      input: { name: 'Bea Coach', email: 'bea@example.test', timeZone: 'Asia/Tokyo' },
    });
    expect(client.operations.filter((op) => op.name === 'PracticeCoaches').length).toBeGreaterThan(1);
  });

  it('shows an email already in use beside the Email field', async () => {
    const client = practiceClient({
      InviteCoach: () => ({
        error: new CombinedError({
          graphQLErrors: [{ message: 'Another account already uses bea@example.test', extensions: { code: 'CONFLICT' } }],
        }),
      }),
    });
    renderPage(<PracticePage />, { client, viewer: anOwner(), route: '/practice/coaches', path: '/practice/*' });
    await userEvent.type(await screen.findByLabelText('Name'), 'Bea');
    await userEvent.type(screen.getByLabelText('Email'), 'bea@example.test');
    await userEvent.click(screen.getByRole('button', { name: 'Invite coach' }));
    expect(await screen.findByText('Another account already uses bea@example.test')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByLabelText('Invitation link')).not.toBeInTheDocument();
  });

  it('shows the audit trail in words, in the viewer’s zone, and pages on', async () => {
    const client = practiceClient();
    renderPage(<PracticePage />, { client, viewer: anOwner(), route: '/practice/audit', path: '/practice/*' });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('Coach invited')).toBeInTheDocument();
    expect(rows[0].lastElementChild).toHaveTextContent('User: Ada Coach');
    expect(within(rows[1]).getByText('Engagement activated')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Olive Owner')).toBeInTheDocument();
    expect(within(rows[1]).getByText(/3 Mar 2026.*09:00.*GMT/)).toBeInTheDocument();
    expect(within(rows[2]).getByText('mystery.thing')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Tandem (system)')).toBeInTheDocument();
    expect(within(rows[2]).getByRole('link', { name: 'Client' })).toHaveAttribute('href', '/clients/client-7');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(client.operations.filter((op) => op.name === 'PracticeAudit').map((op) => op.variables.after)).toEqual([null, 'c-e1']);
  });

  it('tells a coach that only the owner can see it, without asking the API', () => {
    const client = practiceClient();
    renderPage(<PracticePage />, { client, viewer: aCoach(), route: '/practice/audit', path: '/practice/*' });
    expect(screen.getByText('Only the practice owner can see this')).toBeInTheDocument();
    expect(client.operations).toEqual([]);
  });

  it('shows the same state when the API answers FORBIDDEN', async () => {
    const client = practiceClient({ PracticeAudit: () => ({ error: forbidden() }), PracticeCoaches: () => ({ error: forbidden() }) });
    renderPage(<PracticePage />, { client, viewer: anOwner(), route: '/practice/audit', path: '/practice/*' });
    expect(await screen.findByText('Only the practice owner can see this')).toBeInTheDocument();
  });
});
