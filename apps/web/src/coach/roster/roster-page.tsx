import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { ResultOf } from '../../graphql/graphql';
import { DateTimeText } from '../../ui/date-time';
import { SelectField, TextField } from '../../ui/fields';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { EmptyState, QueryState } from '../../ui/status';
import { CLIENT_STATUS_BADGES, CLIENT_STATUS_LABELS, PHASE_LABELS } from '../client/labels';
import { UnreadComments } from '../client/unread-comments';
import { UnreadMessages } from '../../messages/unread-messages';
import { RosterQuery } from './roster-query';
import {
  isFiltered,
  readRosterState,
  ROSTER_ORDERS,
  ROSTER_STATUSES,
  rosterVariables,
  writeRosterState,
  type RosterState,
} from './roster-state';
import './roster-page.css';

type RosterClient = ResultOf<typeof RosterQuery>['clients']['edges'][number]['node'];

const DEBOUNCE_MS = 300;

/**
 * A text input whose value is kept in the URL: typing updates the URL after a pause, and the URL
 * (back, forward, reload) updates the input.
 */
function useUrlText(urlValue: string, commit: (value: string) => void): [string, (value: string) => void] {
  const [value, setValue] = useState(urlValue);
  const committed = useRef(urlValue);
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });
  useEffect(() => {
    if (urlValue !== committed.current) {
      committed.current = urlValue;
      setValue(urlValue);
    }
  }, [urlValue]);
  useEffect(() => {
    if (value.trim() === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = value.trim();
      commitRef.current(value);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return [value, setValue];
}

/** The coach's clients: search, filters and sort live in the URL; pages are cursors. */
export function RosterPage() {
  const [params, setParams] = useSearchParams();
  const state = readRosterState(params);
  const stateKey = writeRosterState(state).toString();

  const update = (changes: Partial<RosterState>) => {
    const next = { ...state, ...changes };
    // Refining a search replaces the history entry; starting one, or changing a filter, adds one.
    const refining = changes.search !== undefined && state.search !== '' && next.search.trim() !== '';
    setParams(writeRosterState(next), { replace: refining });
  };

  const [search, setSearch] = useUrlText(state.search, (value) => update({ search: value }));
  const [tag, setTag] = useUrlText(state.tag, (value) => update({ tag: value }));

  // Pages seen so far for these filters; a new filter starts again at page 1.
  const [paging, setPaging] = useState<{ key: string; cursors: string[] }>({ key: stateKey, cursors: [] });
  const cursors = paging.key === stateKey ? paging.cursors : [];

  const [result] = useQuery({ query: RosterQuery, variables: rosterVariables(state, cursors.at(-1) ?? null) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ search, tag });
  };

  return (
    <Page
      title="Clients"
      actions={
        <Link className="button" to="/clients/new">
          Add client
        </Link>
      }
    >
      <form role="search" aria-label="Clients" className="roster-filters" onSubmit={submit}>
        <TextField
          label="Search clients"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Name or email"
          maxLength={100}
        />
        <SelectField
          label="Status"
          value={state.status}
          onChange={(event) => update({ status: event.target.value as RosterState['status'] })}
        >
          <option value="">All statuses</option>
          {ROSTER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {CLIENT_STATUS_LABELS[status]}
            </option>
          ))}
        </SelectField>
        <TextField label="Tag" value={tag} onChange={(event) => setTag(event.target.value)} placeholder="Any tag" maxLength={50} />
        <SelectField
          label="Sort by"
          value={state.order}
          onChange={(event) => update({ order: event.target.value as RosterState['order'] })}
        >
          {ROSTER_ORDERS.map(([order, label]) => (
            <option key={order} value={order}>
              {label}
            </option>
          ))}
        </SelectField>
        <label className="roster-archived">
          <input type="checkbox" checked={state.archived} onChange={(event) => update({ archived: event.target.checked })} /> Include
          archived
        </label>
        <button type="submit" className="visually-hidden">
          Apply
        </button>
      </form>

      <QueryState result={result}>
        {(data) => {
          const clients = data.clients.edges.map((edge) => edge.node);
          if (!clients.length && !cursors.length) {
            return isFiltered(state) ? (
              <EmptyState title="No clients match">
                <p>Try another search or filter.</p>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => setParams(writeRosterState({ ...state, search: '', status: '', tag: '', archived: false }))}
                >
                  Clear filters
                </button>
              </EmptyState>
            ) : (
              <EmptyState title="No clients yet">
                <p>Add your first client to plan their engagement and sessions.</p>
                <Link className="button" to="/clients/new">
                  Add your first client
                </Link>
              </EmptyState>
            );
          }
          return (
            <>
              <p className="visually-hidden" role="status" aria-live="polite">
                {clients.length === 1 ? '1 client shown' : `${clients.length} clients shown`}
                {data.clients.pageInfo.hasNextPage ? ', more on the next page' : ''}
              </p>
              <RosterTable clients={clients} busy={result.fetching} onTag={(value) => update({ tag: value })} />
              {cursors.length || data.clients.pageInfo.hasNextPage ? (
                <Pager
                  pageInfo={data.clients.pageInfo}
                  cursors={cursors}
                  onChange={(next) => setPaging({ key: stateKey, cursors: next })}
                />
              ) : null}
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}

function RosterTable({ clients, busy, onTag }: { clients: RosterClient[]; busy: boolean; onTag: (tag: string) => void }) {
  return (
    <div className={`table-wrap${busy ? ' roster-busy' : ''}`} aria-busy={busy || undefined}>
      <table className="roster-table">
        <caption className="visually-hidden">Your clients</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Engagement</th>
            <th scope="col">Next session</th>
            <th scope="col">Action items</th>
            <th scope="col">Latest goal progress</th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <RosterRow key={client.id} client={client} onTag={onTag} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RosterRow({ client, onTag }: { client: RosterClient; onTag: (tag: string) => void }) {
  const engagement = client.currentEngagement;
  const progress = client.latestGoalProgress;
  return (
    <tr>
      <th scope="row" className="roster-client">
        <Link to={`/clients/${client.id}`}>{client.name}</Link>
        <span className="roster-meta">
          <span className={CLIENT_STATUS_BADGES[client.status]}>{CLIENT_STATUS_LABELS[client.status]}</span>
          {client.archivedAt ? <span className="badge badge-muted">Archived</span> : null}
          <UnreadMessages count={client.unreadMessageCount} to={`/clients/${client.id}/messages`} />
          {client.tags.map((tag) => (
            <button
              key={tag}
              type="button"
              className="button-link small roster-tag"
              onClick={() => onTag(tag)}
              aria-label={`Show clients tagged ${tag}`}
            >
              #{tag}
            </button>
          ))}
        </span>
      </th>
      <td data-label="Engagement">
        {engagement ? (
          <span>
            <span className="badge badge-muted">{PHASE_LABELS[engagement.phase]}</span> {engagement.title}
          </span>
        ) : (
          <span className="muted">No engagement</span>
        )}
      </td>
      <td data-label="Next session">
        {client.nextSession ? <DateTimeText value={client.nextSession.startsAt} /> : <span className="muted">None scheduled</span>}
      </td>
      <td data-label="Action items">
        <ActionItemCounts open={client.openActionItemCount} overdue={client.overdueActionItemCount} />{' '}
        <UnreadComments count={client.unreadCommentCount} to={`/clients/${client.id}/action-items`} />
      </td>
      <td data-label="Latest goal progress">
        {progress ? (
          <span className="roster-progress">
            <span className="roster-progress-bar" aria-hidden="true">
              <span style={{ width: `${Math.round(Math.min(1, Math.max(0, progress.progress)) * 100)}%` }} />
            </span>
            <span>
              {Math.round(progress.progress * 100)}% <span className="muted small">{progress.goalTitle}</span>
            </span>
          </span>
        ) : (
          <span className="muted">No check-ins</span>
        )}
      </td>
    </tr>
  );
}

/** "3 open" and, when some are late, a warning badge "2 overdue". */
export function ActionItemCounts({ open, overdue }: { open: number; overdue: number }) {
  if (!open) return <span className="muted">None open</span>;
  return (
    <span className="roster-items">
      <span>{open} open</span>
      {overdue > 0 ? <span className="badge badge-danger">{overdue} overdue</span> : null}
    </span>
  );
}
