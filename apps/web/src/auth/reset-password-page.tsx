import { Page } from '../ui/page';

/** Placeholder: being built. */
export function ResetPasswordPage() {
  return (
    <Page title="Choose a new password">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
