/** Placeholder: being built. A goal's progress over time, from its check-ins, as an accessible SVG chart. */
export interface ProgressPoint {
  recordedAt: string;
  value: number;
}

export function GoalProgressChart(_props: { title: string; unit: string; baseline: number; target: number; points: ProgressPoint[]; zone: string }) {
  return null;
}
