import { Page } from '../ui/page';

/** Placeholder: being built. */
export function PreferencesPage() {
  return (
    <Page title="Email preferences">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
