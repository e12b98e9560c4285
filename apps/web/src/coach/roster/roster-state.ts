import type { VariablesOf } from '../../graphql/graphql';
import type { RosterQuery } from './roster-query';

/** The roster's sort options, as the API's ClientOrder, with their words. */
export const ROSTER_ORDERS = [
  ['NAME', 'Name (A–Z)'],
  ['NAME_DESC', 'Name (Z–A)'],
  ['RECENTLY_ADDED', 'Recently added'],
  ['NEXT_SESSION', 'Next session'],
] as const;
export type RosterOrder = (typeof ROSTER_ORDERS)[number][0];

export const ROSTER_STATUSES = ['PROSPECT', 'ACTIVE', 'PAUSED', 'ALUMNI'] as const;
type RosterStatus = (typeof ROSTER_STATUSES)[number];

export const ROSTER_PAGE_SIZE = 25;

/** What the roster shows, as kept in the URL's query string (?q=&status=&tag=&sort=&archived=1). */
export interface RosterState {
  search: string;
  status: RosterStatus | '';
  tag: string;
  order: RosterOrder;
  /** Archived clients are left out unless asked for. */
  archived: boolean;
}

const isOrder = (value: string | null): value is RosterOrder => ROSTER_ORDERS.some(([order]) => order === value);
const isStatus = (value: string | null): value is RosterStatus => (ROSTER_STATUSES as readonly string[]).includes(value ?? '');

/** Reads the state from the query string; unknown values fall back to the defaults. */
export function readRosterState(params: URLSearchParams): RosterState {
  const status = params.get('status');
  const sort = params.get('sort');
  return {
    search: (params.get('q') ?? '').trim(),
    status: isStatus(status) ? status : '',
    tag: (params.get('tag') ?? '').trim().toLowerCase(),
    order: isOrder(sort) ? sort : 'NAME',
    archived: params.get('archived') === '1',
  };
}

/** The query string for a state: defaults are left out, so /clients stays /clients. */
export function writeRosterState(state: RosterState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.search.trim()) params.set('q', state.search.trim());
  if (state.status) params.set('status', state.status);
  if (state.tag.trim()) params.set('tag', state.tag.trim().toLowerCase());
  if (state.order !== 'NAME') params.set('sort', state.order);
  if (state.archived) params.set('archived', '1');
  return params;
}

export function isFiltered(state: RosterState): boolean {
  return Boolean(state.search || state.status || state.tag || state.archived);
}

/** The API's variables for a state and the page's cursor (the API refuses empty filter strings, so they are left out). */
export function rosterVariables(state: RosterState, after: string | null): VariablesOf<typeof RosterQuery> {
  const filter: NonNullable<VariablesOf<typeof RosterQuery>['filter']> = {};
  if (state.search) filter.search = state.search.slice(0, 100);
  if (state.status) filter.status = state.status;
  if (state.tag) filter.tag = state.tag.slice(0, 50);
  if (state.archived) filter.includeArchived = true;
  return { first: ROSTER_PAGE_SIZE, after, orderBy: state.order, filter: Object.keys(filter).length ? filter : null };
}
