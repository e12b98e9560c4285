/** Placeholder: being built. A client's emails (sent, pending, skipped, failed). */
export function ClientNotifications(_props: { clientId: string }) {
  return <p className="muted">Coming soon.</p>;
}
