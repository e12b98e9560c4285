/** Placeholder: being built. The career plan sections, revision history and a comparison of two revisions. */
export function CareerPlanTab(_props: { clientId: string }) {
  return <p className="muted">Coming soon.</p>;
}
