import { graphql } from '../../graphql/graphql';

/** The roster page's one query; its variables come from the roster state (roster-state.ts). */
export const RosterQuery = graphql(`
  query RosterPage($first: Int!, $after: String, $filter: ClientFilter, $orderBy: ClientOrder) {
    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges {
        node {
          id
          name
          email
          status
          archivedAt
          tags
          openActionItemCount
          overdueActionItemCount
          unreadCommentCount
          unreadMessageCount
          currentEngagement {
            id
            title
            phase
            status
          }
          nextSession {
            id
            startsAt
          }
          latestGoalProgress {
            goalId
            goalTitle
            progress
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
