import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorField } from '../../ui/errors';
import { ACTION_ITEM_STATUS, formatPlainDate } from '../client/labels';
import { NewActionItemFields } from '../client/new-action-item-fields';
import { SaveFeedback } from './save-feedback';
import { AddSessionActionItemMutation, type EditorSession } from './session-editor.graphql';

/** The action items agreed in this session, and a form to add one (when the session belongs to an engagement). */
export function SessionActionItems({ session, onAdded }: { session: EditorSession; onAdded: () => void }) {
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const [result, create] = useMutation(AddSessionActionItemMutation);
  const field = errorField(result.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!session.engagement) return;
    const answer = await create({
      input: { engagementId: session.engagement.id, sessionId: session.id, title: title.trim(), ...(dueDate ? { dueDate } : {}) },
    });
    if (!answer.error) {
      setAdded(`Added “${title.trim()}”.`);
      setTitle('');
      setDueDate('');
      onAdded();
    }
  };
  return (
    <section className="card">
      <h2 id="session-items-heading">Action items from this session</h2>
      {session.actionItems.length ? (
        <ul className="session-items">
          {session.actionItems.map((item) => {
            const status = ACTION_ITEM_STATUS[item.status];
            return (
              <li key={item.id}>
                <span>{item.title}</span>
                <span className={status.badge}>{status.label}</span>
                {item.isOverdue ? <span className="badge badge-danger">Overdue</span> : null}
                <span className="muted small">{item.dueDate ? `Due ${formatPlainDate(item.dueDate)}` : 'No due date'}</span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">None yet.</p>
      )}
      {session.engagement ? (
        <form onSubmit={(event) => void submit(event)} className="session-item-form">
          <NewActionItemFields
            title={title}
            dueDate={dueDate}
            onTitle={setTitle}
            onDueDate={setDueDate}
            error={result.error}
            fetching={result.fetching}
          />
        </form>
      ) : null}
      <SaveFeedback ok={added ?? undefined} error={field ? undefined : result.error} />
    </section>
  );
}
