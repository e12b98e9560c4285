import { Page } from '../ui/page';

/** Placeholder: being built. The owner's practice settings, coaches and audit trail. */
export function PracticePage() {
  return (
    <Page title="Practice">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
