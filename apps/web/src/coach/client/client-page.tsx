import { Page } from '../../ui/page';

/** Placeholder: being built. */
export function ClientPage() {
  return (
    <Page title="Client">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
