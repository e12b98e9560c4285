import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { ContactsBoard, type ContactsShown } from '../../contacts/contacts-board';
import { ContactFields } from '../../contacts/contact-fields';
import { graphql, readFragment } from '../../graphql/graphql';
import { QueryState } from '../../ui/status';

const PAGE_SIZE = 20;

export const ClientContactsQuery = graphql(
  `
    query ClientContacts($clientId: ID!, $first: Int!, $after: String, $filter: ContactFilter) {
      client(id: $clientId) {
        id
        networking {
          contacts
          touchedThisMonth
          followUpsOverdue
        }
        contacts(first: $first, after: $after, filter: $filter) {
          edges {
            node {
              ...ContactFields
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
  [ContactFields],
);

/** The client's networking contacts, with counts, on the client page (a lazy tab: /clients/:clientId/contacts). */
export function ContactsTab() {
  const { clientId = '' } = useParams();
  const [shown, setShown] = useState<ContactsShown>('ALL');
  const [cursors, setCursors] = useState<string[]>([]);
  const context = useMemo(() => ({ additionalTypenames: ['NetworkingContact'] }), []);
  const [result, refetch] = useQuery({
    query: ClientContactsQuery,
    variables: { clientId, first: PAGE_SIZE, after: cursors.at(-1) ?? null, filter: shown === 'DUE' ? { followUpDue: true } : null },
    context,
  });
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Networking contacts</h2>
      <QueryState result={result}>
        {({ client }) => (
          <>
            <dl className="contact-counts" aria-label="Networking at a glance">
              <div>
                <dt>Contacts</dt>
                <dd>{client.networking.contacts}</dd>
              </div>
              <div>
                <dt>Touched this month</dt>
                <dd>{client.networking.touchedThisMonth}</dd>
              </div>
              <div>
                <dt>Follow-ups overdue</dt>
                <dd>{client.networking.followUpsOverdue}</dd>
              </div>
            </dl>
            <ContactsBoard
              clientId={client.id}
              contacts={client.contacts.edges.map((edge) => readFragment(ContactFields, edge.node))}
              pageInfo={client.contacts.pageInfo}
              cursors={cursors}
              onPage={setCursors}
              shown={shown}
              onShow={(next) => {
                setShown(next);
                setCursors([]);
              }}
              reload={() => refetch({ requestPolicy: 'network-only' })}
              headingLevel={3}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
