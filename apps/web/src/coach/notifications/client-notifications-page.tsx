import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/graphql';
import { Page } from '../../ui/page';
import { QueryState } from '../../ui/status';
import { ClientNotifications } from './client-notifications';

const ClientNameQuery = graphql(`
  query ClientNotificationsPage($id: ID!) {
    client(id: $id) {
      id
      name
    }
  }
`);

/** /clients/:clientId/notifications: the client's emails on a page of their own (linked from elsewhere). */
export function ClientNotificationsPage() {
  const { clientId = '' } = useParams();
  const [result] = useQuery({ query: ClientNameQuery, variables: { id: clientId } });
  const name = result.data?.client.name;
  return (
    <Page
      title={name ? `Emails for ${name}` : 'Emails'}
      subtitle={name ? <Link to={`/clients/${clientId}`}>Back to {name}</Link> : undefined}
    >
      <QueryState result={result}>{() => <ClientNotifications clientId={clientId} />}</QueryState>
    </Page>
  );
}
