import { Page } from '../ui/page';

/** Placeholder: being built. */
export function ActionItemsPage() {
  return (
    <Page title="Action items">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
