import { infoOf } from '../../../../test/support/resolve-info.js';
import { ACTION_ITEM_NODE_FIELDS } from '../action-item/action-item.service.js';
import { SESSION_NODE_FIELDS } from '../session/coaching-session.service.js';
import { connectionNodeFields, nodeProperties } from './node-selection.js';

describe('connectionNodeFields', () => {
  it('names the fields selected on the nodes only', () => {
    const fields = connectionNodeFields(
      infoOf('{ sessions { pageInfo { endCursor } edges { cursor node { startsAt engagement { title status } } } } }'),
    );
    expect([...fields].sort()).toEqual(['engagement', 'startsAt']);
  });

  it('follows fragments and inline fragments at every level', () => {
    const info = infoOf(`{ sessions { ...Page edges { node { ... on CoachingSession { agenda } } } } }
      fragment Page on CoachingSessionConnection { edges { ...Edge } }
      fragment Edge on CoachingSessionEdge { node { ...Node } }
      fragment Node on CoachingSession { timeZone ...Node }`);
    expect([...connectionNodeFields(info)].sort()).toEqual(['agenda', 'timeZone']);
  });
});

describe('nodeProperties', () => {
  it("reads the portal's sessions without private notes", () => {
    const fields = connectionNodeFields(infoOf('{ sessions { edges { node { startsAt timeZone agenda sharedSummary } } } }'));
    expect(nodeProperties(fields, SESSION_NODE_FIELDS, ['startsAt'])).toEqual([
      'agenda',
      'id',
      'sharedSummary',
      'startsAt',
      'summaryPublishedAt',
      'timeZone',
    ]);
    // privateNotes itself needs no column here: the service adds it for staff only.
    expect(nodeProperties(new Set(['privateNotes']), SESSION_NODE_FIELDS, ['startsAt'])).toEqual(['id', 'startsAt']);
  });

  it("reads the portal's action items with what isOverdue and the cursor need", () => {
    const fields = connectionNodeFields(infoOf('{ myActionItems { edges { node { title dueDate status isOverdue } } } }'));
    expect(nodeProperties(fields, ACTION_ITEM_NODE_FIELDS, ['dueDate'])).toEqual(['clientId', 'dueDate', 'id', 'status', 'title']);
  });

  it('answers null (whole entities) for a field it does not know', () => {
    expect(nodeProperties(new Set(['title', 'somethingNew']), ACTION_ITEM_NODE_FIELDS, ['dueDate'])).toBeNull();
  });
});
