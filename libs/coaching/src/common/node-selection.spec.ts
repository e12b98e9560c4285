import { infoOf } from '../../../../test/support/resolve-info.js';
import type { Actor } from '../access/actor.js';
import { ACTION_ITEM_NODE_FIELDS } from '../action-item/action-item.columns.js';
import { SESSION_NODE_FIELDS } from '../session/coaching-session.columns.js';
import { readableSessionProperties } from '../session/coaching-session.service.js';
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
    // privateNotes reads its column; the service reads it for staff only.
    const notes = nodeProperties(new Set(['privateNotes']), SESSION_NODE_FIELDS, ['startsAt']) ?? [];
    expect(notes).toEqual(['id', 'privateNotes', 'startsAt']);
    const as = (role: Actor['role']): Actor => ({ role, practiceId: 'p', userId: 'u', clientId: role === 'CLIENT' ? 'c' : null });
    expect(readableSessionProperties(as('CLIENT'), notes)).toEqual(['id', 'startsAt']);
    expect(readableSessionProperties(as('COACH'), notes)).toEqual(['id', 'privateNotes', 'startsAt']);
    expect(readableSessionProperties(as('OWNER'), notes)).toEqual(['id', 'privateNotes', 'startsAt']);
  });

  it("reads the portal's action items with what isOverdue and the cursor need", () => {
    const fields = connectionNodeFields(infoOf('{ myActionItems { edges { node { title dueDate status isOverdue } } } }'));
    expect(nodeProperties(fields, ACTION_ITEM_NODE_FIELDS, ['dueDate'])).toEqual(['clientId', 'dueDate', 'id', 'status', 'title']);
  });

  it('answers null (whole entities) for a field it does not know', () => {
    expect(nodeProperties(new Set(['title', 'somethingNew']), ACTION_ITEM_NODE_FIELDS, ['dueDate'])).toBeNull();
  });
});
