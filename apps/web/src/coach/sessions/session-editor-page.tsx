import { Page } from '../../ui/page';

/** Placeholder: being built. */
export function SessionEditorPage() {
  return (
    <Page title="Session">
      <p className="muted">Coming soon.</p>
    </Page>
  );
}
