import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { formatCalendarDate, progressPercent, type GoalCardGoal } from './goals-card';
import { blankGoal, validateGoal } from './goals-form';
import { GoalsTab, groupGoalsByHorizon } from './goals-tab';

const goal = (id: string, overrides: Partial<GoalCardGoal> = {}): GoalCardGoal => ({
  id,
  title: `Goal ${id}`,
  category: 'FINANCIAL',
  horizon: 'ONE_YEAR',
  targetDate: '2026-12-31',
  progress: 0.5,
  metric: { name: 'Revenue', unit: 'k€', baseline: 10, target: 50 },
  checkIns: [
    {
      id: `${id}-c2`,
      value: 30,
      note: 'Two new clients',
      recordedAt: '2026-03-01T09:00:00Z',
      recordedBy: { id: 'coach-1', name: 'Ada Coach' },
    },
    { id: `${id}-c1`, value: 20, note: null, recordedAt: '2026-02-01T09:00:00Z', recordedBy: { id: 'coach-1', name: 'Ada Coach' } },
  ],
  ...overrides,
});

const data = (engagements: { id: string; title: string; status?: string; goals: GoalCardGoal[] }[]) => ({
  data: {
    client: {
      id: 'client-1',
      currentEngagement: engagements[0] ? { id: engagements[0].id } : null,
      engagements: engagements.map((engagement) => ({ status: 'ACTIVE', ...engagement })),
    },
  },
});

describe('groupGoalsByHorizon', () => {
  it('groups every engagement’s goals by horizon, shortest first, leaving out empty horizons', () => {
    const groups = groupGoalsByHorizon([
      { title: 'First', goals: [goal('a', { horizon: 'FIVE_YEARS' }), goal('b')] },
      { title: 'Second', goals: [goal('c', { horizon: 'ONE_YEAR' })] },
    ]);
    expect(groups.map((g) => [g.heading, g.goals.map((item) => `${item.goal.id}@${item.engagementTitle}`)])).toEqual([
      ['1-year goals', ['b@First', 'c@Second']],
      ['5-year goals', ['a@First']],
    ]);
  });
});

describe('validateGoal', () => {
  const filled = {
    ...blankGoal,
    title: ' Raise revenue ',
    metricName: 'Revenue',
    unit: 'k€',
    baseline: '10',
    target: '50',
    targetDate: '2026-12-31',
  };

  it('turns the form into the API’s fields', () => {
    expect(validateGoal(filled).fields).toEqual({
      title: 'Raise revenue',
      category: 'CAREER',
      horizon: 'ONE_YEAR',
      targetDate: '2026-12-31',
      metric: { name: 'Revenue', unit: 'k€', baseline: 10, target: 50 },
    });
    expect(validateGoal({ ...filled, targetDate: '', baseline: '90', target: '70.5' }).fields).toMatchObject({
      targetDate: null,
      metric: { baseline: 90, target: 70.5 },
    });
  });

  it('says what to fix beside each field', () => {
    expect(validateGoal(blankGoal).errors).toEqual({
      title: 'Give the goal a title.',
      metricName: 'Name what you will measure, e.g. Base salary.',
      unit: 'Give a unit, e.g. GBP, k€, contacts.',
      baseline: 'Enter the starting value as a number.',
      target: 'Enter the target as a number.',
    });
    expect(validateGoal({ ...filled, target: '10' }).errors).toEqual({ target: 'The target must differ from the baseline.' });
  });
});

describe('goal helpers', () => {
  it('shows progress as a whole percentage within 0–100', () => {
    expect(progressPercent(0.456)).toBe(46);
    expect(progressPercent(1.2)).toBe(100);
    expect(progressPercent(-1)).toBe(0);
  });

  it('shows a target date as the calendar day it is, in any zone', () => {
    expect(formatCalendarDate('2026-12-31')).toBe('Thu 31 Dec 2026');
  });
});

// Typing through user-event is slow on a busy machine: room beyond the default 5 s.
describe('GoalsTab', { timeout: 20_000 }, () => {
  it('shows goals by horizon with metric, progress and a chart', async () => {
    const client = mockClient((name) =>
      name === 'GoalsTab'
        ? data([
            {
              id: 'eng-1',
              title: 'Leadership move',
              goals: [goal('a'), goal('b', { horizon: 'TEN_YEARS', title: 'Own a practice', checkIns: [] })],
            },
          ])
        : undefined,
    );
    renderPage(<GoalsTab clientId="client-1" />, { client });

    const oneYear = await screen.findByRole('region', { name: '1-year goals' });
    const card = within(oneYear).getByRole('article', { name: 'Goal a' });
    expect(card).toHaveTextContent('Financial');
    expect(card).toHaveTextContent('Revenue: 10 → 50 k€');
    expect(card).toHaveTextContent('50%');
    expect(card).toHaveTextContent('Thu 31 Dec 2026');
    expect(card).toHaveTextContent('30 k€, Sun 1 Mar 2026 — “Two new clients”');
    expect(within(card).getByRole('img', { name: 'Goal a: from 10 to 30 of target 50 k€ over 2 check-ins' })).toBeInTheDocument();
    const tenYears = screen.getByRole('region', { name: '10-year goals' });
    expect(within(tenYears).getByRole('img', { name: 'Own a practice: baseline 10, target 50 k€; no check-ins yet' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '3-year goals' })).toBeNull();
  });

  it('adds a goal to the current engagement', async () => {
    const client = mockClient((name) => {
      if (name === 'GoalsTab') return data([{ id: 'eng-1', title: 'Leadership move', goals: [] }]);
      if (name === 'CreateGoal') return { data: { createGoal: { id: 'g-new', title: 'Grow network' } } };
      return undefined;
    });
    renderPage(<GoalsTab clientId="client-1" />, { client });
    expect(await screen.findByText('No goals yet')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add goal' }));
    expect(screen.getByRole('heading', { name: 'Add a goal' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Save goal' }));
    expect(screen.getByText('Give the goal a title.')).toBeInTheDocument();
    expect(client.operations.some((op) => op.name === 'CreateGoal')).toBe(false);

    await userEvent.type(screen.getByLabelText('Title'), 'Grow network');
    await userEvent.selectOptions(screen.getByLabelText('Category'), 'NETWORK');
    await userEvent.selectOptions(screen.getByLabelText('Horizon'), 'THREE_YEARS');
    await userEvent.type(screen.getByLabelText('Metric'), 'Contacts');
    await userEvent.type(screen.getByLabelText('Unit'), 'people');
    await userEvent.type(screen.getByLabelText('Baseline'), '40');
    await userEvent.type(screen.getByLabelText('Target'), '120');
    await userEvent.click(screen.getByRole('button', { name: 'Save goal' }));

    expect(await screen.findByText('Goal “Grow network” added.')).toBeInTheDocument();
    expect(client.operations.find((op) => op.name === 'CreateGoal')?.variables).toEqual({
      input: {
        engagementId: 'eng-1',
        title: 'Grow network',
        category: 'NETWORK',
        horizon: 'THREE_YEARS',
        targetDate: null,
        metric: { name: 'Contacts', unit: 'people', baseline: 40, target: 120 },
      },
    });
  });

  it('records a check-in, edits and deletes a goal after confirmation', async () => {
    const client = mockClient((name) => {
      if (name === 'GoalsTab') return data([{ id: 'eng-1', title: 'Leadership move', goals: [goal('a')] }]);
      if (name === 'AddGoalCheckIn')
        return { data: { addGoalCheckIn: { id: 'c3', value: 42.5, note: 'Big win', recordedAt: '2026-04-01T09:00:00Z' } } };
      if (name === 'UpdateGoal') return { data: { updateGoal: { ...goal('a', { title: 'Raise revenue' }), checkIns: undefined } } };
      if (name === 'DeleteGoal') return { data: { deleteGoal: true } };
      return undefined;
    });
    renderPage(<GoalsTab clientId="client-1" />, { client });
    await screen.findByRole('article', { name: 'Goal a' });

    await userEvent.click(screen.getByRole('button', { name: 'Record check-in for Goal a' }));
    const value = screen.getByLabelText('Value (k€)');
    expect(value).toHaveFocus();
    await userEvent.type(value, '42.5');
    await userEvent.type(screen.getByLabelText('Note'), 'Big win');
    await userEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    expect(await screen.findByText('Check-in recorded.')).toBeInTheDocument();
    expect(client.operations.find((op) => op.name === 'AddGoalCheckIn')?.variables).toEqual({
      goalId: 'a',
      input: { value: 42.5, note: 'Big win' },
    });

    await userEvent.click(screen.getByRole('button', { name: 'Edit Goal a' }));
    const title = screen.getByLabelText('Title');
    expect(title).toHaveValue('Goal a');
    expect(screen.getByLabelText('Baseline')).toHaveValue(10);
    await userEvent.clear(title);
    await userEvent.type(title, 'Raise revenue');
    await userEvent.clear(screen.getByLabelText('Target date'));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Goal saved.')).toBeInTheDocument();
    expect(client.operations.find((op) => op.name === 'UpdateGoal')?.variables).toEqual({
      id: 'a',
      input: {
        title: 'Raise revenue',
        category: 'FINANCIAL',
        horizon: 'ONE_YEAR',
        targetDate: null,
        metric: { name: 'Revenue', unit: 'k€', baseline: 10, target: 50 },
      },
    });

    await userEvent.click(screen.getByRole('button', { name: 'Delete Goal a' }));
    const confirm = screen.getByRole('group', { name: 'Delete Goal a?' });
    expect(confirm).toHaveTextContent('Delete “Goal a” and its 2 check-ins?');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(client.operations.some((op) => op.name === 'DeleteGoal')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Delete Goal a' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete goal' }));
    expect(await screen.findByText('Goal “Goal a” deleted.')).toBeInTheDocument();
    expect(client.operations.find((op) => op.name === 'DeleteGoal')?.variables).toEqual({ id: 'a' });
  });

  it('asks for an engagement first when there is none', async () => {
    renderPage(<GoalsTab clientId="client-1" />, { client: mockClient((name) => (name === 'GoalsTab' ? data([]) : undefined)) });
    expect(await screen.findByText('No engagement yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Start an engagement' })).toHaveAttribute('href', '/clients/client-1/engagements/new');
    expect(screen.queryByRole('button', { name: 'Add goal' })).toBeNull();
  });

  it('lets the coach pick the engagement when there are several', async () => {
    const client = mockClient((name) =>
      name === 'GoalsTab'
        ? data([
            { id: 'eng-2', title: 'Second round', goals: [goal('a')] },
            { id: 'eng-1', title: 'First round', status: 'COMPLETED', goals: [goal('b')] },
          ])
        : undefined,
    );
    renderPage(<GoalsTab clientId="client-1" />, { client });
    expect(await screen.findByRole('article', { name: 'Goal b' })).toHaveTextContent('First round');
    await userEvent.click(screen.getByRole('button', { name: 'Add goal' }));
    const select = screen.getByLabelText('Engagement');
    expect(select).toHaveValue('eng-2');
    expect(within(select).getByRole('option', { name: 'First round (completed)' })).toBeInTheDocument();
  });
});
