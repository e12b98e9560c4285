import { Page } from '../ui/page';

/** Placeholder: being built. */
export function AcceptInvitePage() {
  return (
    <Page title="Accept your invitation">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
