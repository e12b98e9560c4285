import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { Pager } from '../ui/pager';
import { EmptyState } from '../ui/status';
import { contactFormValues, contactInput, CreateContactMutation, type Contact } from './contact-fields';
import { ContactForm } from './contact-form';
import { ContactsList } from './contacts-list';

export type ContactsShown = 'ALL' | 'DUE';

/**
 * One client's contacts for the client (portal) or their coach (client page): add one, show all or
 * only the follow-ups due, a page at a time. `clientId`: whose contacts, for staff (a client adds their own).
 */
export function ContactsBoard({
  clientId,
  contacts,
  pageInfo,
  cursors,
  onPage,
  shown,
  onShow,
  reload,
  headingLevel,
}: {
  clientId?: string;
  contacts: Contact[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  cursors: string[];
  onPage: (cursors: string[]) => void;
  shown: ContactsShown;
  onShow: (shown: ContactsShown) => void;
  reload: () => void;
  headingLevel: 2 | 3;
}) {
  const [adding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [createState, create] = useMutation(CreateContactMutation);
  const addButton = useRef<HTMLButtonElement>(null);
  const changed = (message: string) => {
    setAnnouncement(message);
    reload();
  };

  return (
    <div className="contacts-board">
      <div className="contacts-toolbar">
        <div className="contacts-filter" role="group" aria-label="Show contacts">
          <button type="button" className="button-secondary" aria-pressed={shown === 'ALL'} onClick={() => onShow('ALL')}>
            All contacts
          </button>
          <button type="button" className="button-secondary" aria-pressed={shown === 'DUE'} onClick={() => onShow('DUE')}>
            Follow-ups due
          </button>
        </div>
        {adding ? null : (
          <button type="button" ref={addButton} onClick={() => setAdding(true)}>
            Add a contact
          </button>
        )}
      </div>
      <div aria-live="polite">{announcement ? <p className="notice notice-success">{announcement}</p> : null}</div>
      {adding ? (
        <section className="contact-card" aria-label="New contact">
          <ContactForm
            initial={contactFormValues()}
            submitLabel="Add contact"
            busy={createState.fetching}
            error={createState.error}
            onCancel={() => {
              setAdding(false);
              requestAnimationFrame(() => addButton.current?.focus());
            }}
            onSubmit={(values) =>
              void create({ input: { ...(clientId ? { clientId } : {}), ...contactInput(values) } }).then((result) => {
                if (result.error) return;
                setAdding(false);
                changed(`Added ${values.name.trim()}.`);
              })
            }
          />
        </section>
      ) : null}
      {contacts.length === 0 && cursors.length === 0 ? (
        <EmptyState title={shown === 'DUE' ? 'No follow-ups due.' : 'No contacts yet.'}>
          {shown === 'ALL' ? <p>Add the people you mean to keep in touch with, and when to follow up.</p> : null}
        </EmptyState>
      ) : (
        <ContactsList contacts={contacts} headingLevel={headingLevel} onChanged={changed} />
      )}
      {cursors.length > 0 || pageInfo.hasNextPage ? <Pager pageInfo={pageInfo} cursors={cursors} onChange={onPage} /> : null}
    </div>
  );
}
