import { graphql, type ResultOf } from '../graphql/graphql';
import { formatCalendarDate, isoDateIn } from '../time/format';

/** What the portal shows of an action item: never anything from the session's notes. */
export const PortalActionItemFields = graphql(`
  fragment PortalActionItemFields on ActionItem {
    id
    title
    details
    status
    dueDate
    isOverdue
    completedAt
    session {
      id
      startsAt
    }
    comments {
      id
      body
      createdAt
      author {
        id
        name
      }
    }
  }
`);

export type PortalActionItem = ResultOf<typeof PortalActionItemFields>;

export const CompleteActionItemMutation = graphql(
  `
    mutation CompleteActionItem($id: ID!) {
      completeActionItem(id: $id) {
        ...PortalActionItemFields
      }
    }
  `,
  [PortalActionItemFields],
);

export const ReopenActionItemMutation = graphql(
  `
    mutation ReopenActionItem($id: ID!) {
      reopenActionItem(id: $id) {
        ...PortalActionItemFields
      }
    }
  `,
  [PortalActionItemFields],
);

export const AddActionItemCommentMutation = graphql(`
  mutation AddActionItemComment($actionItemId: ID!, $body: String!) {
    addActionItemComment(actionItemId: $actionItemId, body: $body) {
      id
      body
      createdAt
      author {
        id
        name
      }
    }
  }
`);

type Orderable = { status: string; dueDate?: string | null; isOverdue: boolean; title: string };

function rank(item: Orderable): number {
  if (item.status !== 'OPEN') return 3;
  if (item.isOverdue) return 0;
  return item.dueDate ? 1 : 2;
}

/**
 * The order that needs the client's attention first: open items that are overdue, then open items
 * by due date (soonest first), then open items without a date, then finished ones. Ties keep the
 * order they came in.
 */
export function orderForAttention<T extends Orderable>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const byRank = rank(a.item) - rank(b.item);
      if (byRank !== 0) return byRank;
      const aDue = a.item.dueDate ?? '';
      const bDue = b.item.dueDate ?? '';
      if (aDue !== bDue && aDue && bDue) return aDue < bDue ? -1 : 1;
      return a.index - b.index;
    })
    .map(({ item }) => item);
}

/** "Tue 3 Mar 2026" for a YYYY-MM-DD due date (a calendar date: no zone conversion). */
export function formatDueDate(dueDate: string): string {
  return formatCalendarDate(dueDate);
}

/** Whether a date-only due date falls within the next `days` days (today included) in the zone. */
export function isDueSoon(dueDate: string, zone: string, now: Date = new Date(), days = 7): boolean {
  const today = isoDateIn(now, zone);
  const limit = isoDateIn(now, zone, days);
  return dueDate >= today && dueDate <= limit;
}

export const STATUS_LABELS: Record<string, string> = { OPEN: 'Open', DONE: 'Done', DROPPED: 'Dropped' };
