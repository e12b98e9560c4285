/** Placeholder: being built. A client's goals with a progress chart from their check-ins. */
export function GoalsTab(_props: { clientId: string }) {
  return <p className="muted">Coming soon.</p>;
}
