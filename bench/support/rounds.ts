/**
 * The arithmetic of interleaved rounds, kept pure so it can be unit-tested:
 * each round measures Tandem and then the raw server under the same load
 * configuration, the two figures of a round are paired (Tandem ÷ raw), and a
 * figure is reported as the median over rounds with the spread (min–max).
 * Whether a round ran on a machine too busy to trust is decided here too.
 */

/** The median of `values` (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  if (!finite.length) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Spread {
  min: number;
  max: number;
}

/** The lowest and highest finite value (NaN for both when there is none). */
export function spread(values: readonly number[]): Spread {
  const finite = values.filter((value) => Number.isFinite(value));
  if (!finite.length) return { min: Number.NaN, max: Number.NaN };
  return { min: Math.min(...finite), max: Math.max(...finite) };
}

/**
 * Round i's `tandem` figure over round i's `raw` figure, for every round; a round
 * whose divisor is zero or missing gives NaN (left out of medians and spreads).
 * Pairing by round, not dividing one median by the other, cancels what a round's
 * machine state did to both servers alike.
 */
export function pairedRatios(tandem: readonly number[], raw: readonly number[]): number[] {
  if (tandem.length !== raw.length) throw new Error(`pairedRatios: ${tandem.length} Tandem rounds against ${raw.length} raw rounds`);
  return tandem.map((value, i) => (raw[i] > 0 && Number.isFinite(raw[i]) ? value / raw[i] : Number.NaN));
}

export interface RoundSummary {
  median: number;
  min: number;
  max: number;
  /** Rounds that gave a finite figure. */
  rounds: number;
}

/** Median and spread of the per-round figures. */
export function summarise(values: readonly number[]): RoundSummary {
  const { min, max } = spread(values);
  return { median: median(values), min, max, rounds: values.filter((value) => Number.isFinite(value)).length };
}

/**
 * The 1-minute load average above which a round is not trusted, per core: 1.5.
 * A round itself keeps about two threads runnable on average (the server
 * being measured and autocannon in its child; PostgreSQL's backends are mostly
 * waiting on the server), i.e. a load of ~1 per core on a 2-core machine. Above
 * 1.5 per core something else is taking at least half a core from the two, and
 * the run measures the neighbours as much as the servers.
 */
export const BUSY_LOAD_PER_CORE = 1.5;

/** The busy threshold: `override` (env BENCH_BUSY_LOAD, an absolute load average) when given, else 1.5 × cores. */
export function busyThreshold(cores: number, override?: string): number {
  const text = override?.trim();
  if (text) {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`BENCH_BUSY_LOAD must be a positive number (got "${override}")`);
    return value;
  }
  return BUSY_LOAD_PER_CORE * Math.max(1, cores);
}

/**
 * What to do with a round given the load averages sampled around it:
 * `keep` (quiet enough), `repeat` (busy on its first attempt: run it once more),
 * or `flag` (busy again on its repeat: kept, and marked busy in the report).
 */
export type RoundVerdict = 'keep' | 'repeat' | 'flag';

export function roundVerdict(loadSamples: readonly number[], threshold: number, attempt: number): RoundVerdict {
  const busy = Math.max(...loadSamples) > threshold;
  if (!busy) return 'keep';
  return attempt <= 1 ? 'repeat' : 'flag';
}

/** Rounds per shape: `override` (env BENCH_ROUNDS) when given, else `fallback`. */
export function roundCount(fallback: number, override?: string): number {
  const text = override?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`BENCH_ROUNDS must be a whole number ≥ 1 (got "${override}")`);
  return value;
}

/** "0.45–0.52" (or "–" when no round gave a figure). */
export function formatSpread(summary: Pick<RoundSummary, 'min' | 'max'>, digits = 2): string {
  if (!Number.isFinite(summary.min) || !Number.isFinite(summary.max)) return '–';
  return `${summary.min.toFixed(digits)}–${summary.max.toFixed(digits)}`;
}
