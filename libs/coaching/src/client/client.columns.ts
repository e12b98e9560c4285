import { plainFields, type NodeFieldProperties } from '../common/node-selection.js';

/**
 * Which Client properties each GraphQL field of a roster row reads, beside the resolvers that
 * read them (ClientModel's plain fields, ClientResolver). The roster reads only these columns; a
 * field missing here makes it read whole rows. test/field-columns.e2e.spec.ts runs every field's
 * resolver on an entity holding only what its entry lists and fails on any other property read.
 */
export const CLIENT_NODE_FIELDS: NodeFieldProperties = {
  __typename: [],
  ...plainFields(
    'id',
    'name',
    'email',
    'timeZone',
    'status',
    'currentRole',
    'targetRole',
    'tags',
    'reminderOffsetsMinutes',
    'archivedAt',
    'createdAt',
  ),
  coach: ['coachId'],
  hasLogin: ['userId'],
  engagements: ['id'],
  // The summaries: read with the page (kept beside the client) or by their DataLoader, by id.
  currentEngagement: ['id'],
  nextSession: ['id'],
  openActionItemCount: ['id'],
  overdueActionItemCount: ['id'],
  unreadCommentCount: ['id'],
  unreadMessageCount: ['id'],
  latestGoalProgress: ['id'],
};

/**
 * What the roster statement needs of every client whatever is selected: its practice, the name
 * order and cursor, the time zone (overdue count) and the user id (unread comments: the
 * client's own comments), and what the page's other orders and the DataLoaders use.
 */
export const ROSTER_CLIENT_ALWAYS = ['practiceId', 'coachId', 'userId', 'name', 'status', 'timeZone'] as const;
