import { plainFields, type NodeFieldProperties } from '../common/node-selection.js';

/**
 * Which ActionItem properties each GraphQL field reads, beside the resolvers that read them
 * (ActionItemModel's plain fields, ActionItemResolver). A list selected from GraphQL reads only
 * these columns; a field missing here makes it read whole rows. test/field-columns.e2e.spec.ts
 * runs every field's resolver on an entity holding only what its entry lists and fails on any
 * other property read.
 */
export const ACTION_ITEM_NODE_FIELDS: NodeFieldProperties = {
  __typename: [],
  ...plainFields('id', 'title', 'details', 'dueDate', 'status', 'goalId', 'completedAt', 'createdAt'),
  isOverdue: ['status', 'dueDate', 'clientId'],
  engagement: ['engagementId'],
  session: ['sessionId'],
  client: ['clientId'],
  comments: ['id'],
  unreadCommentCount: ['id'],
};

/** What an action items page needs whatever is selected: its order and cursor. */
export const ACTION_ITEM_LIST_ALWAYS = ['dueDate'] as const;
