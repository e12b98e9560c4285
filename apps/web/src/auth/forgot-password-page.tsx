import { Page } from '../ui/page';

/** Placeholder: being built. */
export function ForgotPasswordPage() {
  return (
    <Page title="Forgot your password">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
