import { useEffect, useId, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { formatCalendarDate } from '../time/format';
import { errorMessage } from '../ui/errors';
import { TextField } from '../ui/fields';
import { ErrorNotice } from '../ui/status';
import {
  contactFormValues,
  contactInput,
  DeleteContactMutation,
  LogContactMadeMutation,
  UpdateContactMutation,
  type Contact,
} from './contact-fields';
import { ContactForm } from './contact-form';
import './contacts.css';

type Mode = 'view' | 'edit' | 'log' | 'delete';

/** The contacts of one client, each with its follow-up state and its actions (edit, log a contact made today, delete). */
export function ContactsList({
  contacts,
  headingLevel,
  onChanged,
}: {
  contacts: Contact[];
  headingLevel: 2 | 3;
  /** After a change: what to announce, and the list to reload. */
  onChanged: (announcement: string) => void;
}) {
  return (
    <ul className="contact-list">
      {contacts.map((contact) => (
        <li key={contact.id}>
          <ContactCard contact={contact} headingLevel={headingLevel} onChanged={onChanged} />
        </li>
      ))}
    </ul>
  );
}

function FollowUpBadge({ contact }: { contact: Contact }) {
  if (!contact.nextFollowUpDate) return null;
  if (!contact.followUpDue) return null;
  return <span className="badge badge-warning">Follow-up due</span>;
}

function ContactCard({
  contact,
  headingLevel,
  onChanged,
}: {
  contact: Contact;
  headingLevel: 2 | 3;
  onChanged: (announcement: string) => void;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const actions = useRef<HTMLDivElement>(null);
  const back = () => {
    setMode('view');
    // Back on the card's own actions, not at the top of the page.
    requestAnimationFrame(() => actions.current?.querySelector('button')?.focus());
  };
  const [updateState, update] = useMutation(UpdateContactMutation);

  return (
    <article className="contact-card" aria-labelledby={`contact-${contact.id}`}>
      <Heading id={`contact-${contact.id}`} className="contact-name">
        {contact.name} <FollowUpBadge contact={contact} />
      </Heading>
      {mode === 'edit' ? (
        <ContactForm
          initial={contactFormValues(contact)}
          submitLabel="Save contact"
          busy={updateState.fetching}
          error={updateState.error}
          onCancel={back}
          onSubmit={(values) =>
            void update({ id: contact.id, input: contactInput(values) }).then((result) => {
              if (result.error) return;
              setMode('view');
              onChanged(`Saved ${values.name.trim()}.`);
            })
          }
        />
      ) : (
        <dl className="contact-facts">
          {contact.organisation ? (
            <>
              <dt>Organisation</dt>
              <dd>{contact.organisation}</dd>
            </>
          ) : null}
          {contact.howMet ? (
            <>
              <dt>How you met</dt>
              <dd>{contact.howMet}</dd>
            </>
          ) : null}
          <dt>Last contact</dt>
          <dd>{contact.lastContactDate ? formatCalendarDate(contact.lastContactDate) : 'Not yet'}</dd>
          <dt>Next follow-up</dt>
          <dd>{contact.nextFollowUpDate ? formatCalendarDate(contact.nextFollowUpDate) : 'None planned'}</dd>
          {contact.notes ? (
            <>
              <dt>Notes</dt>
              <dd className="contact-notes">{contact.notes}</dd>
            </>
          ) : null}
        </dl>
      )}
      {mode === 'log' ? <LogContact contact={contact} onCancel={back} onLogged={onChanged} /> : null}
      {mode === 'delete' ? <ConfirmDelete contact={contact} onCancel={back} onDeleted={onChanged} /> : null}
      {mode === 'view' ? (
        <div className="contact-actions" ref={actions}>
          <button type="button" onClick={() => setMode('log')} aria-label={`Log a contact made today: ${contact.name}`}>
            Log contact today
          </button>
          <button type="button" className="button-secondary" onClick={() => setMode('edit')} aria-label={`Edit ${contact.name}`}>
            Edit
          </button>
          <button type="button" className="button-secondary" onClick={() => setMode('delete')} aria-label={`Delete ${contact.name}`}>
            Delete
          </button>
        </div>
      ) : null}
    </article>
  );
}

/** Last contact becomes today (the client's today, on the server); the next follow-up is set here, or cleared if left empty. */
function LogContact({ contact, onCancel, onLogged }: { contact: Contact; onCancel: () => void; onLogged: (announcement: string) => void }) {
  const [state, log] = useMutation(LogContactMadeMutation);
  const [next, setNext] = useState(contact.followUpDue ? '' : (contact.nextFollowUpDate ?? ''));
  const id = useId();
  useEffect(() => document.getElementById(id)?.focus(), [id]);
  return (
    <form
      className="contact-log"
      aria-label={`Log a contact made today with ${contact.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void log({ id: contact.id, nextFollowUpDate: next || null }).then((result) => {
          if (!result.error) onLogged(`Logged a contact with ${contact.name} today.`);
        });
      }}
    >
      <p>Last contact becomes today.</p>
      <TextField id={id} label="Next follow-up (optional)" type="date" value={next} onChange={(event) => setNext(event.target.value)} />
      {state.error ? <ErrorNotice>{errorMessage(state.error)}</ErrorNotice> : null}
      <div className="form-actions">
        <button type="submit" disabled={state.fetching}>
          Log contact
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Asks first, and says what goes: the contact with its organisation, dates and notes; nothing else. */
function ConfirmDelete({
  contact,
  onCancel,
  onDeleted,
}: {
  contact: Contact;
  onCancel: () => void;
  onDeleted: (announcement: string) => void;
}) {
  const [state, remove] = useMutation(DeleteContactMutation);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div className="contact-confirm" role="group" aria-label={`Delete ${contact.name}?`}>
      <p>
        Delete {contact.name} from the contacts, with their organisation, how you met, the dates and the notes? This cannot be undone.
        Nothing else changes.
      </p>
      {state.error ? <ErrorNotice>{errorMessage(state.error)}</ErrorNotice> : null}
      <div className="form-actions">
        <button
          type="button"
          ref={confirm}
          className="button-danger"
          disabled={state.fetching}
          onClick={() =>
            void remove({ id: contact.id }).then((result) => {
              if (!result.error) onDeleted(`Deleted ${contact.name}.`);
            })
          }
        >
          Delete contact
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
