import { Page } from '../../ui/page';

/** Placeholder: being built. */
export function NewClientPage() {
  return (
    <Page title="New client">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
