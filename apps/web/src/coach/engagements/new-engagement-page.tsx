import { Page } from '../../ui/page';

/** Placeholder: being built. */
export function NewEngagementPage() {
  return (
    <Page title="New engagement">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
