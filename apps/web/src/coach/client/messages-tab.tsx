import { useQuery } from 'urql';
import { graphql } from '../../graphql/graphql';
import { MessageThread } from '../../messages/message-thread';
import { EmptyState, QueryState } from '../../ui/status';

export const ClientMessagesQuery = graphql(`
  query ClientMessages($id: ID!) {
    client(id: $id) {
      id
      name
      currentEngagement {
        id
        title
      }
    }
  }
`);

/** The conversation of the client's current engagement (owners read it; the coach answers). */
export function MessagesTab({ clientId }: { clientId: string }) {
  const [result] = useQuery({ query: ClientMessagesQuery, variables: { id: clientId } });
  return (
    <QueryState result={result}>
      {({ client }) =>
        client.currentEngagement ? (
          <>
            <h2>Messages · {client.currentEngagement.title}</h2>
            <MessageThread engagementId={client.currentEngagement.id} otherSide={client.name} />
          </>
        ) : (
          <EmptyState title="No engagement yet">
            <p>Messages belong to an engagement: start one to write to {client.name}.</p>
          </EmptyState>
        )
      }
    </QueryState>
  );
}
