import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { compareSections, defaultComparePicks, revisionLabel } from './career-plan-compare';
import { changedSections, emptyPlan, planContent } from './career-plan-sections';
import { CareerPlanTab } from './career-plan-tab';

const revision = (number: number, overrides: Record<string, string> = {}) => ({
  __typename: 'CareerPlanRevision' as const,
  id: `rev-${number}`,
  number,
  createdAt: `2026-0${number}-02T10:00:00Z`,
  author: { id: 'coach-1', name: 'Ada Coach' },
  strengthsInventory: 'Leads teams\nShips on time',
  marketAnalysis: 'Fintech is hiring',
  gapsAndThreats: '',
  directionAndOpportunities: 'Head of engineering',
  compensationPlan: '',
  strategyAndTimetable: '',
  brandingAndNetworking: '',
  ...overrides,
});

const rev1 = revision(1);
const rev2 = revision(2, { strengthsInventory: 'Leads teams\nShips on time\nMentors', marketAnalysis: 'Fintech is slowing' });
const rev3 = revision(3, { strengthsInventory: 'Leads teams\nMentors', compensationPlan: '£120k base' });

function planData(revisions: ReturnType<typeof revision>[], engagement = true) {
  return {
    client: {
      id: 'client-1',
      name: 'Carl Client',
      currentEngagement: engagement
        ? {
            id: 'eng-1',
            title: 'Leadership move',
            careerPlan: revisions.length
              ? {
                  id: 'plan-1',
                  latestRevision: revisions[revisions.length - 1],
                  revisions: [...revisions].reverse().map(({ id, number, createdAt, author }) => ({ id, number, createdAt, author })),
                }
              : null,
          }
        : null,
    },
  };
}

describe('compare picks', () => {
  it('compares the revision before the newest with the newest', () => {
    expect(defaultComparePicks([3, 1, 2])).toEqual({ from: 2, to: 3 });
    expect(defaultComparePicks([1])).toBeNull();
    expect(defaultComparePicks([])).toBeNull();
  });

  it('names a revision with its author and date in the viewer’s zone', () => {
    expect(revisionLabel({ number: 2, createdAt: '2026-03-03T02:00:00Z', author: { name: 'Ada Coach' } }, 'America/New_York')).toBe(
      'Revision 2 · Ada Coach · Mon 2 Mar 2026',
    );
  });

  it('marks only the sections that differ', () => {
    const sections = compareSections(planContent(rev1), planContent(rev3));
    expect(sections.filter((s) => s.changed).map((s) => s.heading)).toEqual(['Strengths inventory', 'Compensation plan']);
    expect(sections.find((s) => s.key === 'strengthsInventory')?.description).toBe('1 line added, 1 removed');
  });

  it('sends only the sections that changed', () => {
    const saved = { ...emptyPlan(), marketAnalysis: 'A' };
    expect(changedSections(saved, { ...saved, marketAnalysis: 'B', gapsAndThreats: 'C' })).toEqual({
      marketAnalysis: 'B',
      gapsAndThreats: 'C',
    });
    expect(changedSections(saved, saved)).toEqual({});
  });
});

// Typing through user-event is slow on a busy machine: room beyond the default 5 s.
describe('CareerPlanTab', { timeout: 20_000 }, () => {
  it('shows the latest revision by section, the history and a comparison of the last two', async () => {
    const client = mockClient((name, variables) => {
      if (name === 'CareerPlanTab') return { data: planData([rev1, rev2, rev3]) };
      if (name === 'CareerPlanCompare') {
        const byNumber = { 1: rev1, 2: rev2, 3: rev3 } as Record<number, typeof rev1>;
        return {
          data: {
            engagement: {
              id: 'eng-1',
              careerPlan: { id: 'plan-1', from: byNumber[variables.from as number], to: byNumber[variables.to as number] },
            },
          },
        };
      }
      return undefined;
    });
    renderPage(<CareerPlanTab clientId="client-1" />, { client });

    const current = await screen.findByRole('region', { name: 'Current plan' });
    expect(within(current).getByRole('heading', { name: 'Strengths inventory', level: 3 })).toBeInTheDocument();
    expect(within(current).getByRole('heading', { name: 'Branding and networking', level: 3 })).toBeInTheDocument();
    expect(within(current).getByText('£120k base')).toBeInTheDocument();
    expect(within(current).getByText(/Revision 3 by Ada Coach/)).toBeInTheDocument();
    const history = screen.getByRole('region', { name: 'Revision history' });
    expect(within(history).getAllByRole('listitem')).toHaveLength(3);
    expect(within(history).getAllByRole('listitem')[0]).toHaveTextContent('Revision 3 Current · Ada Coach · Mon 2 Mar 2026, 10:00 GMT');

    // Defaults: revision 2 → 3.
    const from = screen.getByLabelText('From revision');
    const to = screen.getByLabelText('To revision');
    expect(from).toHaveValue('2');
    expect(to).toHaveValue('3');
    await screen.findByText(/3 of 7 sections changed/);
    expect(client.operations.filter((op) => op.name === 'CareerPlanCompare').at(-1)?.variables).toEqual({
      engagementId: 'eng-1',
      from: 2,
      to: 3,
    });
    const strengths = screen.getByRole('region', { name: 'Strengths inventory' });
    expect(within(strengths).getByText('Changed')).toBeInTheDocument();
    expect(strengths.querySelector('del')).toHaveTextContent('removed: Ships on time');
    expect(within(screen.getByRole('region', { name: 'Direction and opportunities' })).getByText('Unchanged')).toBeInTheDocument();

    await userEvent.selectOptions(from, '1');
    await screen.findByText(/2 of 7 sections changed/);
    expect(client.operations.filter((op) => op.name === 'CareerPlanCompare').at(-1)?.variables).toEqual({
      engagementId: 'eng-1',
      from: 1,
      to: 3,
    });

    await userEvent.selectOptions(to, '1');
    expect(await screen.findByText('Pick two different revisions to compare.')).toBeInTheDocument();
  });

  it('saves the changed sections as a new revision', async () => {
    const client = mockClient((name) => {
      if (name === 'CareerPlanTab') return { data: planData([rev1]) };
      if (name === 'SaveCareerPlanRevision')
        return { data: { saveCareerPlanRevision: { id: 'rev-2', number: 2, createdAt: '2026-05-01T10:00:00Z' } } };
      return undefined;
    });
    renderPage(<CareerPlanTab clientId="client-1" />, { client });
    expect(await screen.findByText('Once the plan has two revisions, you can compare them here.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Edit plan' }));
    const market = screen.getByLabelText('Market analysis');
    expect(market).toHaveValue('Fintech is hiring');
    await userEvent.click(screen.getByRole('button', { name: 'Save revision' }));
    expect(screen.getByText('Nothing has changed since the last revision.')).toBeInTheDocument();

    await userEvent.clear(market);
    await userEvent.type(market, 'Fintech is slowing');
    await userEvent.click(screen.getByRole('button', { name: 'Save revision' }));
    await screen.findByText('Revision 2 saved.');
    expect(client.operations.find((op) => op.name === 'SaveCareerPlanRevision')?.variables).toEqual({
      engagementId: 'eng-1',
      input: { marketAnalysis: 'Fintech is slowing' },
    });
  });

  it('invites a first revision, or an engagement when there is none', async () => {
    const { unmount } = renderPage(<CareerPlanTab clientId="client-1" />, {
      client: mockClient((name) => (name === 'CareerPlanTab' ? { data: planData([]) } : undefined)),
    });
    expect(await screen.findByText('No career plan yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit plan' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Revision history' })).toBeNull();
    unmount();

    renderPage(<CareerPlanTab clientId="client-1" />, {
      client: mockClient((name) => (name === 'CareerPlanTab' ? { data: planData([], false) } : undefined)),
    });
    expect(await screen.findByText('No engagement yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Start an engagement' })).toHaveAttribute('href', '/clients/client-1/engagements/new');
  });
});
