import { Page } from '../../ui/page';

/** Placeholder: being built. */
export function ClientNotificationsPage() {
  return (
    <Page title="Emails">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
