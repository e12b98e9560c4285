import { infoOf } from '../../../../test/support/resolve-info.js';
import { rosterIncludeOf } from './client-roster.js';

describe('rosterIncludeOf', () => {
  it('reads only the summaries the page selects', () => {
    expect(rosterIncludeOf(infoOf('{ clients { edges { node { name openActionItemCount } } } }'))).toMatchObject({
      currentEngagement: false,
      nextSession: false,
      openActionItemCount: true,
      overdueActionItemCount: false,
      latestGoalProgress: false,
    });
  });

  it('follows fragments and inline fragments (once each)', () => {
    const info = infoOf(`{ clients { edges { node { ...Row ... on Client { nextSession { startsAt } } } } } }
      fragment Row on Client { currentEngagement { title } ...More }
      fragment More on Client { latestGoalProgress { progress } ...Row }`);
    expect(rosterIncludeOf(info)).toMatchObject({
      currentEngagement: true,
      nextSession: true,
      openActionItemCount: false,
      overdueActionItemCount: false,
      latestGoalProgress: true,
    });
  });

  it('sees the overdue count', () => {
    expect(rosterIncludeOf(infoOf('{ clients { edges { node { overdueActionItemCount } } } }'))).toMatchObject({
      openActionItemCount: false,
      overdueActionItemCount: true,
    });
  });

  it('reads only the columns the selected fields need', () => {
    const include = rosterIncludeOf(
      infoOf(
        '{ clients { edges { node { name email currentEngagement { title status } nextSession { startsAt timeZone sharedSummary __typename } } } } }',
      ),
    );
    expect(include.properties).toEqual({
      client: ['coachId', 'email', 'id', 'name', 'practiceId', 'status', 'timeZone', 'userId'],
      engagement: ['id', 'status', 'title'],
      session: ['id', 'sharedSummary', 'startsAt', 'summaryPublishedAt', 'timeZone'],
    });
    expect(include.properties.session).not.toContain('privateNotes');
    expect(include.properties.session).not.toContain('agenda');
  });

  it('leaves a summary to its DataLoader when a selected field has a resolver of its own', () => {
    const include = rosterIncludeOf(
      infoOf(
        '{ clients { edges { node { currentEngagement { title cadence { frequency } } nextSession { startsAt engagement { id } } } } } }',
      ),
    );
    expect(include).toMatchObject({ currentEngagement: false, nextSession: false });
  });
});
