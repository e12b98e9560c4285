import { plainFields, type NodeFieldProperties } from '../common/node-selection.js';

/**
 * Which CoachingSession properties each GraphQL field reads, beside the resolvers that read them
 * (CoachingSessionModel's plain fields, CoachingSessionResolver, SessionActionItemsResolver). A
 * list selected from GraphQL reads only these columns; a field missing here makes it read whole
 * rows. test/field-columns.e2e.spec.ts runs every field's resolver on an entity holding only what
 * its entry lists and fails on any other property read.
 */

/** The fields answered from the session's own columns (sharedSummary as its resolver reads it), shared with the roster's next session. */
export const SESSION_COLUMN_FIELDS: NodeFieldProperties = {
  __typename: [],
  ...plainFields(
    'id',
    'sequence',
    'startsAt',
    'timeZone',
    'durationMinutes',
    'status',
    'meetingUrl',
    'agenda',
    'summaryPublishedAt',
    'version',
    'completedAt',
  ),
  sharedSummary: ['sharedSummary', 'summaryPublishedAt'],
  // Its resolver answers FORBIDDEN to anyone but staff before reading; the sessions list reads the column for staff only.
  privateNotes: ['privateNotes'],
};

/** Every field of a session node in a list: its columns, and the field resolvers that load related rows. */
export const SESSION_NODE_FIELDS: NodeFieldProperties = {
  ...SESSION_COLUMN_FIELDS,
  engagement: ['engagementId'],
  client: ['clientId'],
  actionItems: ['id'],
};

/** What a sessions page needs whatever is selected: its order and cursor. */
export const SESSION_LIST_ALWAYS = ['startsAt'] as const;
