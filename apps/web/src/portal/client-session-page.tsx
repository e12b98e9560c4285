import { Page } from '../ui/page';

/** Placeholder: being built. */
export function ClientSessionPage() {
  return (
    <Page title="Session">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
