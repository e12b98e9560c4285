import { Page } from '../ui/page';

/** Placeholder: being built. */
export function CareerPlanPage() {
  return (
    <Page title="Career plan">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
