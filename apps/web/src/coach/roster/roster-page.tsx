import { Page } from '../../ui/page';

/** Placeholder: being built. */
export function RosterPage() {
  return (
    <Page title="Clients">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
