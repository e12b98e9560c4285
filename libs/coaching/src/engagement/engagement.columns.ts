import { plainFields, type NodeFieldProperties } from '../common/node-selection.js';

/**
 * The Engagement fields answered from the engagement's own columns (EngagementModel's plain
 * fields), each with the property it reads: what the roster's current engagement can read with
 * the page. A field missing here (cadence, sessions, …: resolvers of their own) leaves the
 * summary to its DataLoader, with whole rows. test/field-columns.e2e.spec.ts runs every listed
 * field's resolver on an entity holding only what its entry lists.
 */
export const ENGAGEMENT_COLUMN_FIELDS: NodeFieldProperties = {
  __typename: [],
  ...plainFields('id', 'title', 'phase', 'status', 'startDate', 'endDate', 'sessionsAllotted', 'sessionMinutes', 'createdAt'),
};
