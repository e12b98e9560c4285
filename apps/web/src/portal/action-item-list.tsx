import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, type CombinedError } from 'urql';
import { useViewer } from '../auth/auth-context';
import { formatDate } from '../time/format';
import { TextAreaField } from '../ui/fields';
import { ErrorNotice } from '../ui/status';
import {
  AddActionItemCommentMutation,
  CompleteActionItemMutation,
  ReopenActionItemMutation,
  STATUS_LABELS,
  formatDueDate,
  isDueSoon,
  type PortalActionItem,
} from './action-items';
import { useUnsavedChanges } from '../ui/use-unsaved-changes';
import './portal.css';

/**
 * A client's action items as cards: status and due date, "Mark done" (or "Reopen" for what they
 * completed), and the comment thread behind a disclosure. Results are announced in one live
 * region that outlives the cards (a completed item may leave the list).
 */
export function ActionItemList({
  items,
  headingLevel = 3,
  showSession = true,
}: {
  items: PortalActionItem[];
  headingLevel?: 2 | 3 | 4;
  showSession?: boolean;
}) {
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ul className="action-item-list">
        {items.map((item) => (
          <ActionItemCard key={item.id} item={item} headingLevel={headingLevel} showSession={showSession} announce={setAnnouncement} />
        ))}
      </ul>
    </>
  );
}

function ActionItemCard({
  item,
  headingLevel,
  showSession,
  announce,
}: {
  item: PortalActionItem;
  headingLevel: 2 | 3 | 4;
  showSession: boolean;
  announce: (message: string) => void;
}) {
  const viewer = useViewer();
  const [complete, runComplete] = useMutation(CompleteActionItemMutation);
  const [reopen, runReopen] = useMutation(ReopenActionItemMutation);
  const [error, setError] = useState<CombinedError | undefined>();
  const Heading = `h${headingLevel}` as const;
  const busy = complete.fetching || reopen.fetching;

  async function markDone() {
    setError(undefined);
    const result = await runComplete({ id: item.id });
    if (result.error) setError(result.error);
    else announce(`Marked “${item.title}” as done.`);
  }

  async function markOpen() {
    setError(undefined);
    const result = await runReopen({ id: item.id });
    if (result.error) setError(result.error);
    else announce(`Reopened “${item.title}”.`);
  }

  return (
    <li className={`card action-item${item.isOverdue && item.status === 'OPEN' ? ' action-item-overdue' : ''}`}>
      <div className="action-item-head">
        <Heading className="action-item-title">{item.title}</Heading>
        <div className="row action-item-badges">
          {item.status === 'OPEN' && item.isOverdue ? <span className="badge badge-danger">Overdue</span> : null}
          {item.status === 'OPEN' && !item.isOverdue && item.dueDate && isDueSoon(item.dueDate, viewer.timeZone) ? (
            <span className="badge badge-warning">Due soon</span>
          ) : null}
          <span className={`badge ${item.status === 'DONE' ? 'badge-success' : item.status === 'DROPPED' ? 'badge-muted' : ''}`}>
            {STATUS_LABELS[item.status] ?? item.status}
          </span>
        </div>
      </div>
      {item.details ? <p className="action-item-details">{item.details}</p> : null}
      <p className="small muted action-item-meta">
        {item.dueDate ? (
          <span>
            Due <time dateTime={item.dueDate}>{formatDueDate(item.dueDate)}</time>
          </span>
        ) : (
          <span>No due date</span>
        )}
        {item.status === 'DONE' && item.completedAt ? (
          <span>
            {' · '}Done {formatDate(item.completedAt, viewer.timeZone)}
          </span>
        ) : null}
        {showSession && item.session ? (
          <span>
            {' · '}
            <Link to={`/sessions/${item.session.id}`}>From the session of {formatDate(item.session.startsAt, viewer.timeZone)}</Link>
          </span>
        ) : null}
      </p>
      <ErrorNotice error={error} />
      <div className="row">
        {item.status === 'OPEN' ? (
          // The label names the item (visually hidden text would be read as "Mark done : …" in Chromium).
          <button type="button" onClick={() => void markDone()} disabled={busy} aria-label={`Mark done: ${item.title}`}>
            Mark done
          </button>
        ) : null}
        {item.status === 'DONE' ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => void markOpen()}
            disabled={busy}
            aria-label={`Reopen: ${item.title}`}
          >
            Reopen
          </button>
        ) : null}
      </div>
      <Comments item={item} />
    </li>
  );
}

function Comments({ item }: { item: PortalActionItem }) {
  const viewer = useViewer();
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const [result, addComment] = useMutation(AddActionItemCommentMutation);
  useUnsavedChanges(body.trim() !== '');
  const count = item.comments.length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    const text = body.trim();
    if (!text) return;
    const outcome = await addComment({ actionItemId: item.id, body: text });
    if (!outcome.error) {
      setBody('');
      setSent(true);
    }
  }

  return (
    <details className="action-item-comments">
      <summary>
        Comments ({count})<span className="visually-hidden"> on {item.title}</span>
      </summary>
      {count ? (
        <ol className="comment-list">
          {item.comments.map((comment) => (
            <li key={comment.id}>
              <p className="small muted">
                <strong>{comment.author?.id === viewer.id ? 'You' : (comment.author?.name ?? 'Someone')}</strong>
                {' · '}
                <time dateTime={comment.createdAt}>{formatDate(comment.createdAt, viewer.timeZone)}</time>
              </p>
              <p className="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="small muted">No comments yet.</p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ErrorNotice error={result.error} />
        <TextAreaField label="Your comment" rows={3} value={body} onChange={(e) => setBody(e.target.value)} maxLength={4000} />
        <div className="form-actions">
          <button type="submit" className="button-secondary" disabled={result.fetching || !body.trim()}>
            {result.fetching ? 'Adding…' : 'Add comment'}
          </button>
        </div>
        <div role="status" aria-live="polite" className="small">
          {sent ? 'Comment added.' : ''}
        </div>
      </form>
    </details>
  );
}
