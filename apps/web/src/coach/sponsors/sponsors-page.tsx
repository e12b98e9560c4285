import { Page } from '../../ui/page';

/** Placeholder: being built. */
export function SponsorsPage() {
  return (
    <Page title="Sponsors">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
