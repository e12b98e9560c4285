import { useId, useRef, useState } from 'react';
import './invitation-link.css';

/**
 * A read-only "Invitation link" with a "Copy link" button, for an invitee whose mail is slow or
 * filtered: a coach inviting a client, an owner inviting a coach.
 */
export function InvitationLink({ url }: { url: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const id = useId();

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
      linkRef.current?.focus();
      linkRef.current?.select();
    }
  }

  return (
    <div className="field invitation-link">
      <label htmlFor={id}>Invitation link</label>
      <div className="invitation-link-row">
        <input id={id} ref={linkRef} type="text" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" className="button-secondary" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p className="field-hint" role="status" aria-live="polite">
        {copied === 'yes'
          ? 'Link copied.'
          : copied === 'failed'
            ? 'Copying is not available here: the link is selected, copy it with your keyboard (Ctrl+C or ⌘C).'
            : ''}
      </p>
    </div>
  );
}
