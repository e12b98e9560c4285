import { graphql } from '../../graphql/graphql';

/** What a session shows for prep. */
export const TodaySessionFields = graphql(`
  fragment TodaySessionFields on TodaySession {
    session {
      id
      startsAt
      status
    }
    client {
      id
      name
    }
    previousSummary {
      sessionId
      startsAt
      summary
    }
    openActionItemCount
    openActionItems {
      id
      title
      dueDate
      isOverdue
    }
  }
`);

/** Today's one query: both session lists, who needs attention and a page of client activity. */
export const TodayQuery = graphql(
  `
    query TodayPage($activityAfter: String) {
      today {
        timeZone
        date
        weekEndsOn
        unreadActivityCount
        todaySessions: sessions(when: TODAY, first: 50) {
          edges {
            node {
              ...TodaySessionFields
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        laterSessions: sessions(when: LATER_THIS_WEEK, first: 50) {
          edges {
            node {
              ...TodaySessionFields
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        needsAttention(first: 50) {
          edges {
            node {
              client {
                id
                name
              }
              reasons {
                kind
                count
                description
              }
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        activity(first: 20, after: $activityAfter) {
          edges {
            cursor
            node {
              id
              kind
              at
              unread
              subject
              detail
              value
              client {
                id
                name
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
  [TodaySessionFields],
);

export const MarkActivitySeenMutation = graphql(`
  mutation MarkActivitySeen($through: String!) {
    markActivitySeen(through: $through) {
      activitySeenUpTo
      unreadActivityCount
    }
  }
`);
