import type { PortalActionItem } from './action-items';

/** An action item as the portal queries it; override what a test is about. */
export function anActionItem(overrides: Partial<PortalActionItem> = {}): PortalActionItem {
  return {
    id: 'item-1',
    title: 'Update your CV',
    details: null,
    status: 'OPEN',
    dueDate: null,
    isOverdue: false,
    completedAt: null,
    session: null,
    comments: [],
    ...overrides,
  };
}

export const connection = <T>(nodes: T[], hasNextPage = false) => ({
  edges: nodes.map((node, i) => ({ cursor: `c${i}`, node })),
  pageInfo: { hasNextPage, endCursor: nodes.length ? `c${nodes.length - 1}` : null },
});
