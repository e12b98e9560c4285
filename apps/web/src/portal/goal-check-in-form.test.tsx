import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { aClientViewer, mockClient, renderPage } from '../test/render';
import { CareerPlanPage } from './career-plan-page';
import { parseMeasurement } from './goal-check-in-form';

const plan = {
  data: {
    me: {
      id: 'user-9',
      client: {
        id: 'client-9',
        currentEngagement: {
          id: 'e',
          title: 'Next role',
          hasSponsor: false,
          careerPlan: null,
          goals: [
            {
              id: 'goal-1',
              title: 'Land a director role',
              progress: 0.4,
              sharedWithSponsorAt: null,
              metric: { name: 'Offers', unit: 'offers', target: 2 },
            },
          ],
        },
      },
    },
  },
};

function open(respond: (variables: Record<string, unknown>) => { data?: unknown; error?: unknown }) {
  const client = mockClient((name, variables) => {
    if (name === 'ClientCareerPlan') return plan;
    if (name === 'PortalAddGoalCheckIn') return respond(variables);
    return undefined;
  });
  renderPage(<CareerPlanPage />, { client, viewer: aClientViewer() });
  fireEvent.click(screen.getByRole('button', { name: 'Record progress on Land a director role' }));
  const form = screen.getByRole('form', { name: 'Record progress on Land a director role' });
  return {
    client,
    form,
    value: within(form).getByLabelText('Offers now (offers)'),
    note: within(form).getByLabelText('Note for your coach'),
  };
}

const saved = (variables: Record<string, unknown>) => ({
  data: {
    addGoalCheckIn: {
      __typename: 'GoalCheckIn',
      id: 'check-1',
      value: (variables.input as { value: number }).value,
      recordedAt: '2026-12-08T10:00:00.000Z',
      goal: { __typename: 'Goal', id: 'goal-1', progress: 0.5 },
    },
  },
});

describe('the portal goals: recording progress', () => {
  it('opens a labelled form with the value focused, and sends the value and note', async () => {
    const { client, form, value, note } = open(saved);
    expect(value).toHaveFocus();
    expect(value).toHaveAccessibleDescription('Your target is 2 offers.');
    fireEvent.change(value, { target: { value: ' 1 ' } });
    fireEvent.change(note, { target: { value: '  One offer, from Acme  ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save progress' }));

    await screen.findByText('Progress recorded on Land a director role.');
    expect(client.operations.filter((o) => o.name === 'PortalAddGoalCheckIn').map((o) => o.variables)).toEqual([
      { goalId: 'goal-1', input: { value: 1, note: 'One offer, from Acme' } },
    ]);
    expect(screen.queryByRole('form', { name: /Record progress/ })).toBeNull();
  });

  it('refuses a value that is not a number beside the field, announced, without asking the API', () => {
    const { client, form, value } = open(saved);
    fireEvent.change(value, { target: { value: 'two' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save progress' }));

    expect(value).toHaveAttribute('aria-invalid', 'true');
    expect(value).toHaveAccessibleDescription(expect.stringContaining('Enter your offers as a number'));
    expect(within(form).getByRole('alert')).toHaveTextContent('Enter your offers as a number, e.g. 2.');
    expect(value).toHaveFocus();
    expect(client.operations.some((o) => o.name === 'PortalAddGoalCheckIn')).toBe(false);
  });

  it('shows the API’s refusal of the note beside the note field', async () => {
    const { form, value, note } = open(() => ({
      error: new CombinedError({
        graphQLErrors: [
          { message: 'note must be shorter than or equal to 2000 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.note' } },
        ],
      }),
    }));
    fireEvent.change(value, { target: { value: '1' } });
    fireEvent.change(note, { target: { value: 'fine' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save progress' }));

    await waitFor(() => expect(note).toHaveAttribute('aria-invalid', 'true'));
    expect(note).toHaveAccessibleDescription(expect.stringContaining('note must be shorter than or equal to 2000 characters'));
    expect(note).toHaveFocus();
  });

  it('cancel closes the form without saving', () => {
    const { client, form } = open(saved);
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: /Record progress/ })).toBeNull();
    expect(client.operations.some((o) => o.name === 'PortalAddGoalCheckIn')).toBe(false);
  });
});

describe('parseMeasurement', () => {
  it('reads numbers as people type them and nothing else', () => {
    expect(parseMeasurement(' 42.5 ')).toBe(42.5);
    expect(parseMeasurement('12,500')).toBe(12500);
    expect(parseMeasurement('-3')).toBe(-3);
    expect(parseMeasurement('')).toBeNull();
    expect(parseMeasurement('Infinity')).toBeNull();
    expect(parseMeasurement('1e999')).toBeNull();
    expect(parseMeasurement('two')).toBeNull();
  });
});
