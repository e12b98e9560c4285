import { useState, type FormEvent, type SyntheticEvent } from 'react';
import { useMutation } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql } from '../../graphql/graphql';
import { formatDateTime } from '../../time/format';
import { errorField, errorMessage } from '../../ui/errors';
import { TextAreaField } from '../../ui/fields';
import { ErrorNotice } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';
import { UnreadComments } from './unread-comments';
import './action-item-comments.css';

export const MarkCommentsReadMutation = graphql(`
  mutation MarkActionItemCommentsRead($actionItemId: ID!) {
    markActionItemCommentsRead(actionItemId: $actionItemId) {
      id
      unreadCommentCount
    }
  }
`);

export const AnswerCommentMutation = graphql(`
  mutation AnswerActionItemComment($actionItemId: ID!, $body: String!) {
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

/** Reading or answering changes the counts shown on the client page header and the roster. */
const READ_CHANGES = { additionalTypenames: ['Client', 'ActionItem'] };

export interface CommentedItem {
  id: string;
  title: string;
  unreadCommentCount: number;
  comments: { id: string; body: string; createdAt: string; author?: { id: string; name: string } | null }[];
}

/**
 * The comments on one action item behind a disclosure that names how many are unread; opening it
 * marks them read. The coach answers below the thread.
 */
export function ActionItemComments({ item, onAnswered }: { item: CommentedItem; onAnswered: () => void }) {
  const viewer = useViewer();
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const [readState, markRead] = useMutation(MarkCommentsReadMutation);
  const [answerState, answer] = useMutation(AnswerCommentMutation);
  const leaveWithoutAsking = useUnsavedChanges(body.trim() !== '');
  const count = item.comments.length;
  const bodyError = errorField(answerState.error) === 'body' ? errorMessage(answerState.error) : undefined;

  function toggled(event: SyntheticEvent<HTMLDetailsElement>) {
    if (event.currentTarget.open && item.unreadCommentCount > 0 && !readState.fetching)
      void markRead({ actionItemId: item.id }, READ_CHANGES);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    const text = body.trim();
    if (!text) return;
    const outcome = await answer({ actionItemId: item.id, body: text }, READ_CHANGES);
    if (!outcome.error) {
      leaveWithoutAsking();
      setBody('');
      setSent(true);
      onAnswered();
    }
  }

  return (
    <details className="action-item-comments" onToggle={toggled}>
      <summary>
        Comments ({count})<span className="visually-hidden"> on {item.title}</span> <UnreadComments count={item.unreadCommentCount} />
      </summary>
      {count ? (
        <ol className="comment-list" aria-label={`Comments on ${item.title}`}>
          {item.comments.map((comment) => (
            <li key={comment.id}>
              <p className="small muted">
                <strong>{comment.author?.id === viewer.id ? 'You' : (comment.author?.name ?? 'Someone')}</strong>
                {' · '}
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, viewer.timeZone)}</time>
              </p>
              <p className="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="small muted">No comments yet.</p>
      )}
      <ErrorNotice error={readState.error} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        {answerState.error && !bodyError ? <ErrorNotice error={answerState.error} /> : null}
        <TextAreaField
          label={`Your answer on ${item.title}`}
          rows={3}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          maxLength={4000}
          error={bodyError}
        />
        <div className="form-actions">
          <button type="submit" className="button-secondary" disabled={answerState.fetching || !body.trim()}>
            {answerState.fetching ? 'Sending…' : 'Send answer'}
          </button>
        </div>
        <div role="status" aria-live="polite" className="small">
          {sent ? 'Answer sent.' : ''}
        </div>
      </form>
    </details>
  );
}
