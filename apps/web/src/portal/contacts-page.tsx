import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { ContactsBoard, type ContactsShown } from '../contacts/contacts-board';
import { ContactFields } from '../contacts/contact-fields';
import { graphql, readFragment } from '../graphql/graphql';
import { Page } from '../ui/page';
import { QueryState } from '../ui/status';

const PAGE_SIZE = 20;

export const MyContactsQuery = graphql(
  `
    query MyContacts($first: Int!, $after: String, $filter: ContactFilter) {
      myContacts(first: $first, after: $after, filter: $filter) {
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
  `,
  [ContactFields],
);

/** The client's networking contacts: follow-ups due first; add, edit, log a contact made today, delete. */
export function ContactsPage() {
  const [shown, setShown] = useState<ContactsShown>('ALL');
  const [cursors, setCursors] = useState<string[]>([]);
  // A first contact, or the last one deleted, changes a result that may hold none to be invalidated by.
  const context = useMemo(() => ({ additionalTypenames: ['NetworkingContact'] }), []);
  const [result, refetch] = useQuery({
    query: MyContactsQuery,
    variables: { first: PAGE_SIZE, after: cursors.at(-1) ?? null, filter: shown === 'DUE' ? { followUpDue: true } : null },
    context,
  });
  return (
    <Page
      title="Contacts"
      subtitle="The people in your network to keep in touch with. Follow-ups due come first; only you and your coach see them."
    >
      <QueryState result={result}>
        {(data) => (
          <ContactsBoard
            contacts={data.myContacts.edges.map((edge) => readFragment(ContactFields, edge.node))}
            pageInfo={data.myContacts.pageInfo}
            cursors={cursors}
            onPage={setCursors}
            shown={shown}
            onShow={(next) => {
              setShown(next);
              setCursors([]);
            }}
            reload={() => refetch({ requestPolicy: 'network-only' })}
            headingLevel={2}
          />
        )}
      </QueryState>
    </Page>
  );
}
