import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aClientViewer, mockClient, renderPage } from '../test/render';
import { CareerPlanPage } from './career-plan-page';

const goals = [
  {
    id: 'goal-1',
    title: 'Land a director role',
    progress: 0.4,
    sharedWithSponsorAt: null,
    metric: { name: 'Offers', unit: 'offers', target: 2 },
  },
  {
    id: 'goal-2',
    title: 'Build a peer network',
    progress: 0.75,
    sharedWithSponsorAt: '2026-11-02T09:00:00.000Z',
    metric: { name: 'Contacts', unit: 'people', target: 40 },
  },
];

const planWith = (hasSponsor: boolean) => ({
  data: {
    me: {
      id: 'user-9',
      client: { id: 'client-9', currentEngagement: { id: 'e', title: 'Next role', hasSponsor, goals, careerPlan: null } },
    },
  },
});

describe('the portal goals: sharing with the sponsor', () => {
  it('shows a toggle on each goal, saying what the sponsor sees, and sends the client’s choice', () => {
    const client = mockClient((name, variables) => {
      if (name === 'ClientCareerPlan') return planWith(true);
      if (name === 'SetGoalSharedWithSponsor')
        return {
          data: {
            setGoalSharedWithSponsor: {
              __typename: 'Goal',
              id: variables.goalId,
              sharedWithSponsorAt: variables.shared ? '2026-12-07T10:00:00.000Z' : null,
            },
          },
        };
      return undefined;
    });
    renderPage(<CareerPlanPage />, { client, viewer: aClientViewer() });
    const section = screen.getByRole('region', { name: 'Goals' });
    const toggles = within(section).getAllByRole('checkbox', { name: 'Share with my sponsor' });
    expect(toggles.map((t) => (t as HTMLInputElement).checked)).toEqual([false, true]);
    expect(toggles[0]).toHaveAccessibleDescription("Your sponsor will see this goal's title and progress, never your notes.");

    fireEvent.click(toggles[0]);
    fireEvent.click(toggles[1]);
    expect(client.operations.filter((o) => o.name === 'SetGoalSharedWithSponsor').map((o) => o.variables)).toEqual([
      { goalId: 'goal-1', shared: true },
      { goalId: 'goal-2', shared: false },
    ]);
  });

  it('lists the goals without any toggle when the engagement has no sponsor', () => {
    const client = mockClient((name) => (name === 'ClientCareerPlan' ? planWith(false) : undefined));
    renderPage(<CareerPlanPage />, { client, viewer: aClientViewer() });
    expect(within(screen.getByRole('region', { name: 'Goals' })).getByText('Land a director role')).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByText(/Your sponsor will see/)).toBeNull();
  });
});
