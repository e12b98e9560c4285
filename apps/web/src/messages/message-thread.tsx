import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../auth/auth-context';
import { graphql } from '../graphql/graphql';
import { formatDateTime } from '../time/format';
import { errorField, errorMessage } from '../ui/errors';
import { TextAreaField } from '../ui/fields';
import { ErrorNotice, QueryState } from '../ui/status';
import { useUnsavedChanges } from '../ui/use-unsaved-changes';
import './message-thread.css';

/** As the API allows (MAX_MESSAGE). */
export const MAX_MESSAGE_LENGTH = 10_000;
const PAGE = 30;

export const MessageThreadQuery = graphql(`
  query MessageThread($engagementId: ID!, $first: Int!) {
    messages(engagementId: $engagementId, first: $first) {
      edges {
        node {
          id
          body
          source
          createdAt
          author {
            id
            name
            role
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

export const SendMessageMutation = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
      body
      createdAt
    }
  }
`);

export const MarkMessagesReadMutation = graphql(`
  mutation MarkMessagesRead($engagementId: ID!) {
    markMessagesRead(engagementId: $engagementId) {
      id
      unreadMessageCount
    }
  }
`);

/** Reading or writing changes the unread counts shown in the navigation, the client header and the roster. */
const READ_CHANGES = { additionalTypenames: ['Client', 'Engagement'] };
const SENT_CHANGES = { additionalTypenames: ['Client', 'Engagement', 'Message'] };

/** What the box under the thread refuses before asking the API (the API checks the same). */
export function messageError(text: string): string | undefined {
  if (!text.trim()) return 'Write a message first.';
  if (text.trim().length > MAX_MESSAGE_LENGTH) return `A message is at most ${MAX_MESSAGE_LENGTH.toLocaleString('en')} characters.`;
  return undefined;
}

/**
 * An engagement's conversation, oldest at the top, newest just above the box to answer in.
 * Opening it marks it read for the viewer. Message text is shown as text (React escapes it).
 */
export function MessageThread({ engagementId, otherSide }: { engagementId: string; otherSide: string }) {
  const viewer = useViewer();
  // Earlier messages come by asking for more of the newest (the API gives at most 100 at once).
  const [pages, setPages] = useState(1);
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string>();
  const [result, refetch] = useQuery({
    query: MessageThreadQuery,
    variables: { engagementId, first: Math.min(100, PAGE * pages) },
    requestPolicy: 'cache-and-network',
  });
  const [readState, markRead] = useMutation(MarkMessagesReadMutation);
  const [sendState, send] = useMutation(SendMessageMutation);
  const leaveWithoutAsking = useUnsavedChanges(body.trim() !== '');
  const newest = result.data?.messages.edges[0]?.node.id;

  useEffect(() => {
    if (newest) void markRead({ engagementId }, READ_CHANGES);
  }, [engagementId, newest, markRead]);

  const apiError = errorField(sendState.error) === 'body' ? errorMessage(sendState.error) : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local = messageError(body);
    setProblem(local);
    if (local) return;
    const outcome = await send({ input: { engagementId, body: body.trim() } }, SENT_CHANGES);
    if (!outcome.error) {
      leaveWithoutAsking();
      setBody('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section className="message-thread" aria-label={`Conversation with ${otherSide}`}>
      <QueryState result={result}>
        {({ messages }) => {
          const shown = [...messages.edges].reverse();
          return (
            <>
              {messages.pageInfo.hasNextPage && PAGE * pages < 100 ? (
                <button type="button" className="button-link" onClick={() => setPages((count) => count + 1)}>
                  Show earlier messages
                </button>
              ) : null}
              {shown.length ? (
                <ol className="message-list" aria-label="Messages">
                  {shown.map(({ node }) => {
                    const mine = node.author?.id === viewer.id;
                    return (
                      <li key={node.id} className={mine ? 'message message-mine' : 'message'}>
                        <p className="small muted">
                          <strong>{mine ? 'You' : (node.author?.name ?? 'Someone')}</strong>
                          {' · '}
                          <time dateTime={node.createdAt}>{formatDateTime(node.createdAt, viewer.timeZone)}</time>
                          {node.source === 'EMAIL' ? ' · by email' : null}
                        </p>
                        <p className="message-body">{node.body}</p>
                      </li>
                    );
                  })}
                </ol>
              ) : (
                <p className="muted">No messages yet. Write the first one below.</p>
              )}
            </>
          );
        }}
      </QueryState>
      <ErrorNotice error={readState.error} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        {sendState.error && !apiError ? <ErrorNotice error={sendState.error} /> : null}
        <TextAreaField
          label={`Message to ${otherSide}`}
          rows={4}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            setProblem(undefined);
          }}
          error={problem ?? apiError}
        />
        <div className="form-actions">
          <button type="submit" disabled={sendState.fetching}>
            {sendState.fetching ? 'Sending…' : 'Send message'}
          </button>
        </div>
      </form>
    </section>
  );
}
