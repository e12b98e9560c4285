import { Page } from '../../ui/page';

/** Placeholder: being built. */
export function CalendarPage() {
  return (
    <Page title="Calendar">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
