import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql, type ResultOf } from '../../graphql/graphql';
import { formatDateTime } from '../../time/format';
import { errorField, errorMessage } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { Pager } from '../../ui/pager';
import { EmptyState, ErrorNotice, QueryState, SuccessNotice } from '../../ui/status';
import { ActionItemComments } from './action-item-comments';
import { ACTION_ITEM_STATUS, formatPlainDate } from './labels';
import { UnreadComments } from './unread-comments';
import { NewActionItemFields } from './new-action-item-fields';

export const ClientActionItemsQuery = graphql(`
  query ClientActionItems($filter: ActionItemFilter!, $first: Int!, $after: String, $clientId: ID!) {
    client(id: $clientId) {
      id
      currentEngagement {
        id
        title
      }
    }
    actionItems(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          title
          dueDate
          status
          isOverdue
          session {
            id
            startsAt
          }
          unreadCommentCount
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
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateActionItemMutation = graphql(`
  mutation CreateClientActionItem($input: CreateActionItemInput!) {
    createActionItem(input: $input) {
      id
      title
      dueDate
      status
      isOverdue
      completedAt
    }
  }
`);
export const UpdateActionItemMutation = graphql(`
  mutation UpdateClientActionItem($id: ID!, $input: UpdateActionItemInput!) {
    updateActionItem(id: $id, input: $input) {
      id
      title
      dueDate
      status
      isOverdue
      completedAt
    }
  }
`);
export const CompleteActionItemMutation = graphql(`
  mutation CompleteClientActionItem($id: ID!) {
    completeActionItem(id: $id) {
      id
      title
      dueDate
      status
      isOverdue
      completedAt
    }
  }
`);
export const DropActionItemMutation = graphql(`
  mutation DropClientActionItem($id: ID!) {
    dropActionItem(id: $id) {
      id
      title
      dueDate
      status
      isOverdue
      completedAt
    }
  }
`);
export const ReopenActionItemMutation = graphql(`
  mutation ReopenClientActionItem($id: ID!) {
    reopenActionItem(id: $id) {
      id
      title
      dueDate
      status
      isOverdue
      completedAt
    }
  }
`);

type Item = ResultOf<typeof ClientActionItemsQuery>['actionItems']['edges'][number]['node'];
type StatusFilter = 'OPEN' | 'DONE' | 'DROPPED' | '';

const PAGE_SIZE = 50;

/** The client's action items: add, edit title and due date, complete, drop, reopen; filtered by status. */
export function ActionItemsTab({ clientId }: { clientId: string }) {
  const [status, setStatus] = useState<StatusFilter>('OPEN');
  const [cursors, setCursors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [result, refetch] = useQuery({
    query: ClientActionItemsQuery,
    variables: { clientId, first: PAGE_SIZE, after: cursors.at(-1) ?? null, filter: { clientId, ...(status ? { status } : {}) } },
  });
  const reload = (message: string) => {
    setNotice(message);
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <div className="stack">
      <QueryState result={result}>
        {({ client }) =>
          client.currentEngagement ? (
            <AddActionItem engagementId={client.currentEngagement.id} onAdded={(title) => reload(`Added “${title}”.`)} />
          ) : (
            <p className="muted">
              Action items belong to an engagement. <Link to={`/clients/${clientId}/engagements/new`}>Plan an engagement</Link> first.
            </p>
          )
        }
      </QueryState>
      <section className="card">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h2 id="action-items-list">Action items</h2>
          <SelectField
            label="Show"
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as StatusFilter);
              setCursors([]);
            }}
          >
            <option value="OPEN">Open</option>
            <option value="DONE">Done</option>
            <option value="DROPPED">Dropped</option>
            <option value="">All</option>
          </SelectField>
        </div>
        <div aria-live="polite">{notice ? <SuccessNotice>{notice}</SuccessNotice> : null}</div>
        <QueryState result={result}>
          {({ actionItems }) => {
            const items = actionItems.edges.map((edge) => edge.node);
            if (!items.length && !cursors.length) {
              return (
                <EmptyState title={status ? `No ${ACTION_ITEM_STATUS[status].label.toLowerCase()} action items` : 'No action items yet'} />
              );
            }
            return (
              <>
                <ul className="item-list">
                  {items.map((item) => (
                    <ActionItemRow key={item.id} item={item} onChanged={reload} />
                  ))}
                </ul>
                {cursors.length || actionItems.pageInfo.hasNextPage ? (
                  <Pager pageInfo={actionItems.pageInfo} cursors={cursors} onChange={setCursors} />
                ) : null}
              </>
            );
          }}
        </QueryState>
      </section>
    </div>
  );
}

function AddActionItem({ engagementId, onAdded }: { engagementId: string; onAdded: (title: string) => void }) {
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [result, create] = useMutation(CreateActionItemMutation);
  const field = errorField(result.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await create({ input: { engagementId, title: title.trim(), ...(dueDate ? { dueDate } : {}) } });
    if (!answer.error) {
      setTitle('');
      setDueDate('');
      onAdded(answer.data?.createActionItem.title ?? title);
    }
  };
  return (
    <form className="card" onSubmit={(event) => void submit(event)}>
      <h2 id="add-action-item">Add an action item</h2>
      <div className="inline-form">
        <NewActionItemFields
          title={title}
          dueDate={dueDate}
          onTitle={setTitle}
          onDueDate={setDueDate}
          error={result.error}
          fetching={result.fetching}
        />
      </div>
      {result.error && !field ? <ErrorNotice error={result.error} /> : null}
    </form>
  );
}

function ActionItemRow({ item, onChanged }: { item: Item; onChanged: (message: string) => void }) {
  const viewer = useViewer();
  const [editing, setEditing] = useState(false);
  const [complete, completeState] = useActionItemMutation(CompleteActionItemMutation);
  const [drop, dropState] = useActionItemMutation(DropActionItemMutation);
  const [reopen, reopenState] = useActionItemMutation(ReopenActionItemMutation);
  const busy = completeState.fetching || dropState.fetching || reopenState.fetching;
  const error = completeState.error ?? dropState.error ?? reopenState.error;
  const status = ACTION_ITEM_STATUS[item.status];

  const run = async (action: (variables: { id: string }) => Promise<{ error?: unknown }>, message: string) => {
    const answer = await action({ id: item.id });
    if (!answer.error) onChanged(message);
  };

  return (
    <li>
      {editing ? (
        <EditActionItem
          item={item}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onChanged(`Saved “${saved}”.`);
          }}
        />
      ) : (
        <>
          <div className="item-head">
            <span className="item-title">{item.title}</span>
            <span className={status.badge}>{status.label}</span>
            {item.isOverdue ? <span className="badge badge-danger">Overdue</span> : null}
            <UnreadComments count={item.unreadCommentCount} />
          </div>
          <p className="muted small" style={{ margin: '0.2rem 0 0' }}>
            {item.dueDate ? `Due ${formatPlainDate(item.dueDate)}` : 'No due date'}
            {item.session ? (
              <>
                {' · agreed in the session of '}
                <Link to={`/sessions/${item.session.id}`}>{formatDateTime(item.session.startsAt, viewer.timeZone)}</Link>
              </>
            ) : null}
          </p>
          <div className="item-actions">
            {item.status === 'OPEN' ? (
              <>
                <button
                  type="button"
                  className="button-secondary"
                  disabled={busy}
                  onClick={() => void run(complete, `Marked “${item.title}” done.`)}
                  aria-label={`Mark done: ${item.title}`}
                >
                  Mark done
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  disabled={busy}
                  onClick={() => setEditing(true)}
                  aria-label={`Edit: ${item.title}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button-danger"
                  disabled={busy}
                  onClick={() => void run(drop, `Dropped “${item.title}”.`)}
                  aria-label={`Drop: ${item.title}`}
                >
                  Drop
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button-secondary"
                disabled={busy}
                onClick={() => void run(reopen, `Reopened “${item.title}”.`)}
                aria-label={`Reopen: ${item.title}`}
              >
                Reopen
              </button>
            )}
          </div>
          <ErrorNotice error={error} />
          <ActionItemComments item={item} onAnswered={() => onChanged(`Answer sent on “${item.title}”.`)} />
        </>
      )}
    </li>
  );
}

function useActionItemMutation<
  M extends typeof CompleteActionItemMutation | typeof DropActionItemMutation | typeof ReopenActionItemMutation,
>(mutation: M) {
  const [state, execute] = useMutation(mutation);
  return [(variables: { id: string }) => execute(variables), state] as const;
}

function EditActionItem({ item, onDone }: { item: Item; onDone: (savedTitle: string | null) => void }) {
  const [title, setTitle] = useState(item.title);
  const [dueDate, setDueDate] = useState(item.dueDate ?? '');
  const [result, update] = useMutation(UpdateActionItemMutation);
  const field = errorField(result.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await update({ id: item.id, input: { title: title.trim(), dueDate: dueDate || null } });
    if (!answer.error) onDone(answer.data?.updateActionItem.title ?? title);
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <div className="inline-form">
        <TextField
          label="Title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          required
          maxLength={200}
          autoFocus
          error={field === 'title' ? errorMessage(result.error) : undefined}
        />
        <TextField
          label="Due on"
          type="date"
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
          error={field === 'dueDate' ? errorMessage(result.error) : undefined}
        />
        <div className="form-actions">
          <button type="submit" disabled={result.fetching || !title.trim()}>
            {result.fetching ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button-secondary" onClick={() => onDone(null)}>
            Cancel
          </button>
        </div>
      </div>
      {result.error && !field ? <ErrorNotice error={result.error} /> : null}
    </form>
  );
}
