import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql, readFragment } from '../graphql/graphql';
import { Page } from '../ui/page';
import { Pager } from '../ui/pager';
import { EmptyState, QueryState } from '../ui/status';
import { ActionItemList } from './action-item-list';
import { PortalActionItemFields, orderForAttention } from './action-items';
import './portal.css';

const PAGE_SIZE = 20;

export const MyActionItemsQuery = graphql(
  `
    query MyActionItems($status: ActionItemStatus, $first: Int!, $after: String) {
      myActionItems(status: $status, first: $first, after: $after) {
        edges {
          node {
            ...PortalActionItemFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [PortalActionItemFields],
);

const FILTERS = [
  { status: 'OPEN', label: 'Open', empty: 'Nothing open right now.' },
  { status: 'DONE', label: 'Done', empty: 'Nothing marked done yet.' },
  { status: 'DROPPED', label: 'Dropped', empty: 'No dropped items.' },
] as const;

type FilterStatus = (typeof FILTERS)[number]['status'];

function parseStatus(value: string | null): FilterStatus {
  const upper = (value ?? '').toUpperCase();
  return FILTERS.find((f) => f.status === upper)?.status ?? 'OPEN';
}

/** All of the client's action items, one status at a time (?status=done), a page at a time. */
export function ActionItemsPage() {
  const [params] = useSearchParams();
  const status = parseStatus(params.get('status'));
  return (
    <Page title="Action items" subtitle="What you agreed to do between sessions. Overdue and soonest due first.">
      <nav className="tabs status-filter" aria-label="Show action items">
        {FILTERS.map((filter) => (
          <Link
            key={filter.status}
            to={filter.status === 'OPEN' ? '/action-items' : `/action-items?status=${filter.status.toLowerCase()}`}
            aria-current={filter.status === status ? 'page' : undefined}
          >
            {filter.label}
          </Link>
        ))}
      </nav>
      {/* A fresh pager per status, starting on page 1. */}
      <ActionItemPages key={status} status={status} />
    </Page>
  );
}

function ActionItemPages({ status }: { status: FilterStatus }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const [result] = useQuery({ query: MyActionItemsQuery, variables: { status, first: PAGE_SIZE, after: cursors.at(-1) ?? null } });
  const filter = FILTERS.find((f) => f.status === status)!;
  return (
    <section aria-label={`${filter.label} action items`}>
      <QueryState result={result}>
        {(data) => {
          const items = data.myActionItems.edges.map((edge) => readFragment(PortalActionItemFields, edge.node));
          if (items.length === 0 && cursors.length === 0) return <EmptyState title={filter.empty} />;
          return (
            <>
              <ActionItemList items={status === 'OPEN' ? orderForAttention(items) : items} headingLevel={2} />
              {cursors.length > 0 || data.myActionItems.pageInfo.hasNextPage ? (
                <Pager pageInfo={data.myActionItems.pageInfo} cursors={cursors} onChange={setCursors} />
              ) : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
