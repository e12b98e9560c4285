import { useMutation } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql } from '../../graphql/graphql';
import { formatDateTime } from '../../time/format';
import { InvitationLink } from '../../ui/invitation-link';
import { ErrorNotice, SuccessNotice } from '../../ui/status';
import './invite-client-button.css';

const InviteClientMutation = graphql(`
  mutation InviteClient($clientId: ID!) {
    inviteClient(clientId: $clientId) {
      inviteUrl
      expiresAt
    }
  }
`);

/**
 * Invites a client to the portal: the API emails them a one-time link, which is also shown here
 * to copy (for a client whose mail is slow or filtered). A client who can log in needs no invite.
 */
export function InviteClientButton({ clientId, hasLogin }: { clientId: string; hasLogin: boolean }) {
  const viewer = useViewer();
  const [result, invite] = useMutation(InviteClientMutation);

  if (hasLogin) return <span className="muted small invite-client-status">Has portal access</span>;

  const payload = result.data?.inviteClient;

  return (
    <div className={`invite-client${payload || result.error ? ' invite-client-open' : ''}`}>
      <button
        type="button"
        className={payload ? 'button-secondary' : undefined}
        disabled={result.fetching}
        onClick={() => void invite({ clientId })}
      >
        {result.fetching ? 'Sending…' : payload ? 'Send a new invitation' : 'Invite to portal'}
      </button>
      <ErrorNotice error={result.error} />
      {payload ? (
        <div className="invite-client-result">
          <SuccessNotice>
            Invitation emailed. The link works once, until {formatDateTime(payload.expiresAt, viewer.timeZone)}.
          </SuccessNotice>
          {/* Keyed by the link: a new invitation starts without the last one's "Link copied." */}
          <InvitationLink key={payload.inviteUrl} url={payload.inviteUrl} />
        </div>
      ) : null}
    </div>
  );
}
