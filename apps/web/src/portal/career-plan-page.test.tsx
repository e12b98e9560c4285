import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aClientViewer, mockClient, renderPage } from '../test/render';
import { CareerPlanPage } from './career-plan-page';

const revision = {
  id: 'rev-3',
  number: 3,
  createdAt: '2026-02-10T12:00:00.000Z',
  author: { id: 'coach-1', name: 'Ada Coach' },
  strengthsInventory: 'Clear writer.',
  gapsAndThreats: '',
  directionAndOpportunities: 'Director roles in fintech.',
  marketAnalysis: '',
  compensationPlan: '',
  strategyAndTimetable: 'Promotion case by June.',
  brandingAndNetworking: '',
};

describe('CareerPlanPage', () => {
  it('shows the latest revision’s written sections under headings, with its date', () => {
    const client = mockClient(() => ({
      data: {
        me: {
          id: 'user-9',
          client: { id: 'client-9', currentEngagement: { id: 'e', title: 'Next role', careerPlan: { id: 'p', latestRevision: revision } } },
        },
      },
    }));
    renderPage(<CareerPlanPage />, { client, viewer: aClientViewer() });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Strengths inventory',
      'Direction and opportunities',
      'Strategy and timetable',
    ]);
    expect(screen.getByText(/version 3, updated/)).toHaveTextContent('Tue 10 Feb 2026 by Ada Coach');
  });

  it('has an empty state before the first revision', () => {
    const client = mockClient(() => ({
      data: { me: { id: 'user-9', client: { id: 'client-9', currentEngagement: { id: 'e', title: 'Next role', careerPlan: null } } } },
    }));
    renderPage(<CareerPlanPage />, { client, viewer: aClientViewer() });
    expect(screen.getByText('No career plan yet')).toBeInTheDocument();
  });
});
