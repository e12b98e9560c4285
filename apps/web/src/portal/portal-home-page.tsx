import { Page } from '../ui/page';

/** Placeholder: being built. */
export function PortalHomePage() {
  return (
    <Page title="Home">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
