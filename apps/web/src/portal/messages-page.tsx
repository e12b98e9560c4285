import { useQuery } from 'urql';
import { graphql } from '../graphql/graphql';
import { MessageThread } from '../messages/message-thread';
import { Page } from '../ui/page';
import { EmptyState, QueryState } from '../ui/status';

export const PortalMessagesQuery = graphql(`
  query PortalMessages {
    me {
      id
      client {
        id
        currentEngagement {
          id
          title
          coach {
            id
            name
          }
        }
      }
    }
  }
`);

/** The client's conversation with their coach, on their current engagement. Linked from the NEW_MESSAGES email: keep /messages stable. */
export function MessagesPage() {
  const [result] = useQuery({ query: PortalMessagesQuery });
  return (
    <Page title="Messages">
      <QueryState result={result}>
        {({ me }) => {
          const engagement = me.client?.currentEngagement;
          if (!engagement) {
            return (
              <EmptyState title="No conversation yet">
                <p>Messages with your coach start once your engagement does.</p>
              </EmptyState>
            );
          }
          const coachName = engagement.coach?.name ?? 'your coach';
          return (
            <>
              <p className="muted">
                Between sessions, write to {coachName} here ({engagement.title}). You can also answer the email that tells you of a new
                message.
              </p>
              <MessageThread engagementId={engagement.id} otherSide={coachName} />
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
