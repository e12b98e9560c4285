import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aClientViewer, aCoach, mockClient, renderPage } from '../test/render';
import { formFromPreferences, preferencesInput, validatePreferences, type PreferencesForm } from './preferences-form';
import { PreferencesPage } from './preferences-page';

const stored = {
  email: 'carl@example.test',
  disabledKinds: ['SESSION_PREP'],
  quietHoursStart: null,
  quietHoursEnd: null,
  unsubscribedFromAll: false,
  suppressed: false,
  coachSessionReminders: false,
};

function preferencesClient(overrides: Partial<typeof stored> = {}) {
  const current = { ...stored, ...overrides };
  return mockClient((name, variables) => {
    if (name === 'NotificationPreferences') return { data: { notificationPreferences: current } };
    if (name === 'UpdateNotificationPreferences')
      return { data: { updateNotificationPreferences: { ...current, ...(variables.input as object), suppressed: false } } };
    return undefined;
  });
}

const form = (overrides: Partial<PreferencesForm> = {}): PreferencesForm => ({
  enabled: {},
  quietHoursStart: '',
  quietHoursEnd: '',
  unsubscribedFromAll: false,
  coachSessionReminders: false,
  ...overrides,
});

describe('validatePreferences', () => {
  it('accepts no quiet hours, or both, including a window over midnight', () => {
    expect(validatePreferences(form())).toEqual({});
    expect(validatePreferences(form({ quietHoursStart: '21:30', quietHoursEnd: '07:00' }))).toEqual({});
  });

  it('asks for the other end when only one is set', () => {
    expect(validatePreferences(form({ quietHoursStart: '21:00' }))).toEqual({
      quietHoursEnd: 'Set when quiet hours end too, or clear the start.',
    });
    expect(validatePreferences(form({ quietHoursEnd: '07:00' }))).toEqual({
      quietHoursStart: 'Set when quiet hours start too, or clear the end.',
    });
  });

  it('refuses malformed times and an empty window', () => {
    expect(validatePreferences(form({ quietHoursStart: '25:00', quietHoursEnd: '07:00' })).quietHoursStart).toMatch(/Enter a time/);
    expect(validatePreferences(form({ quietHoursStart: '07:00', quietHoursEnd: '07:00' })).quietHoursEnd).toMatch(/different time/);
  });
});

describe('preferencesInput', () => {
  it('keeps hidden kinds as stored, never sends sign-in links, and clears quiet hours as a pair', () => {
    const saved = { ...stored, disabledKinds: ['COACH_DIGEST', 'INVITE', 'SESSION_PREP'] as const };
    const edited = { ...formFromPreferences(saved, 'CLIENT'), quietHoursStart: '22:00' };
    edited.enabled.SESSION_SUMMARY = false;
    expect(preferencesInput(edited, saved, 'CLIENT')).toEqual({
      disabledKinds: ['COACH_DIGEST', 'SESSION_PREP', 'SESSION_SUMMARY'],
      quietHoursStart: null,
      quietHoursEnd: null,
      unsubscribedFromAll: false,
    });
  });

  it('for a coach who wants session reminders, takes SESSION_REMINDER off the disabled list', () => {
    const saved = { ...stored, disabledKinds: ['SESSION_REMINDER'] as const };
    const edited = { ...formFromPreferences(saved, 'COACH'), coachSessionReminders: true };
    expect(preferencesInput(edited, saved, 'COACH')).toMatchObject({ disabledKinds: [], coachSessionReminders: true });
  });
});

describe('PreferencesPage', () => {
  it('shows a client the kinds that concern clients, with quiet hours in their zone, and saves', async () => {
    const client = preferencesClient();
    renderPage(<PreferencesPage />, { client, viewer: aClientViewer(), route: '/preferences' });
    const kinds = screen.getByRole('group', { name: 'Emails you receive' });
    expect(
      within(kinds)
        .getAllByRole('checkbox')
        .map((box) => box.closest('.checkbox-field')?.querySelector('label')?.textContent),
    ).toEqual([
      'Session preparation',
      'Session reminders',
      'Cancelled sessions',
      'Session summaries',
      'Action item nudges',
      'New messages',
      'Mid-cycle check-ins',
    ]);
    expect(screen.getByRole('checkbox', { name: 'Session preparation' })).not.toBeChecked();
    expect(screen.queryByRole('checkbox', { name: 'Weekly digest' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Reminders before my sessions' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Quiet hours' })).toHaveTextContent(/Times are in New York time \((EST|EDT)\)/);

    await userEvent.click(screen.getByRole('checkbox', { name: 'Session preparation' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Action item nudges' }));
    await userEvent.type(screen.getByLabelText('Quiet hours start'), '21:00');
    await userEvent.type(screen.getByLabelText('Quiet hours end'), '07:30');
    await userEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByText('Your email preferences are saved.')).toBeInTheDocument();
    expect(client.operations.find((o) => o.name === 'UpdateNotificationPreferences')?.variables).toEqual({
      input: { disabledKinds: ['ACCOUNTABILITY_NUDGE'], quietHoursStart: '21:00', quietHoursEnd: '07:30', unsubscribedFromAll: false },
    });
  });

  it('does not save quiet hours with only one end, and says which is missing', async () => {
    const client = preferencesClient();
    renderPage(<PreferencesPage />, { client, viewer: aClientViewer(), route: '/preferences' });
    await userEvent.type(screen.getByLabelText('Quiet hours start'), '21:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    const end = screen.getByLabelText('Quiet hours end');
    expect(end).toHaveAttribute('aria-invalid', 'true');
    expect(end).toHaveAccessibleDescription(/Set when quiet hours end too/);
    expect(end).toHaveFocus();
    expect(client.operations.some((o) => o.name === 'UpdateNotificationPreferences')).toBe(false);
  });

  it('shows a coach the digest and their own session reminders', async () => {
    const client = preferencesClient({ disabledKinds: [] });
    renderPage(<PreferencesPage />, { client, viewer: aCoach(), route: '/preferences' });
    expect(screen.getByRole('checkbox', { name: 'Weekly digest' })).toBeChecked();
    expect(screen.queryByRole('checkbox', { name: 'Action item nudges' })).toBeNull();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Reminders before my sessions' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Unsubscribe from all emails' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Your email preferences are saved.');
    expect(client.operations.find((o) => o.name === 'UpdateNotificationPreferences')?.variables).toEqual({
      input: { disabledKinds: [], quietHoursStart: null, quietHoursEnd: null, unsubscribedFromAll: true, coachSessionReminders: true },
    });
  });

  it('explains a suppressed address and resumes it on request', async () => {
    const client = preferencesClient({ suppressed: true });
    renderPage(<PreferencesPage />, { client, viewer: aClientViewer(), route: '/preferences' });
    expect(screen.getByRole('alert')).toHaveTextContent('Emails to carl@example.test are stopped.');
    await userEvent.click(screen.getByRole('button', { name: 'Resume email to this address' }));
    expect(client.operations.find((o) => o.name === 'UpdateNotificationPreferences')?.variables).toEqual({
      input: { confirmAddress: true },
    });
  });
});
