import { useId, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql } from '../../graphql/graphql';
import { formatDateTime } from '../../time/format';
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
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const linkId = useId();

  if (hasLogin) return <span className="muted small invite-client-status">Has portal access</span>;

  const payload = result.data?.inviteClient;

  async function send() {
    setCopied(null);
    await invite({ clientId });
  }

  async function copy() {
    if (!payload) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(payload.inviteUrl);
      setCopied('yes');
    } catch {
      setCopied('failed');
      linkRef.current?.focus();
      linkRef.current?.select();
    }
  }

  return (
    <div className={`invite-client${payload || result.error ? ' invite-client-open' : ''}`}>
      <button type="button" className={payload ? 'button-secondary' : undefined} disabled={result.fetching} onClick={send}>
        {result.fetching ? 'Sending…' : payload ? 'Send a new invitation' : 'Invite to portal'}
      </button>
      <ErrorNotice error={result.error} />
      {payload ? (
        <div className="invite-client-result">
          <SuccessNotice>Invitation emailed. The link works once, until {formatDateTime(payload.expiresAt, viewer.timeZone)}.</SuccessNotice>
          <div className="field">
            <label htmlFor={linkId}>Invitation link</label>
            <div className="invite-client-link">
              <input id={linkId} ref={linkRef} type="text" readOnly value={payload.inviteUrl} onFocus={(event) => event.currentTarget.select()} />
              <button type="button" className="button-secondary" onClick={copy}>
                Copy link
              </button>
            </div>
            <p className="field-hint" role="status" aria-live="polite">
              {copied === 'yes' ? 'Link copied.' : copied === 'failed' ? 'Copying is not available here: the link is selected, copy it with your keyboard (Ctrl+C or ⌘C).' : ''}
            </p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
