/** What liveness looks at: the pool's queue and activity, and how late the event loop runs. */
export interface LivenessSample {
  /** Requests waiting for a database connection now. */
  poolWaiting: number;
  /** Since the pool last finished a statement or a connection attempt. */
  poolQuietForMs: number;
  /** The smallest event loop delay seen over the last window (sustained lag, not a blip). */
  sustainedLagMs: number;
}

export interface LivenessLimits {
  poolStallMs: number;
  eventLoopLagMs: number;
}

/**
 * Why this process can no longer serve, or null while it can. A slow database still
 * finishes statements (or fails to connect, which readiness reports), so only a pool
 * with waiters and no progress at all counts as wedged: no statement ends, no attempt
 * to connect ends, while requests queue for a connection.
 */
export function livenessProblem(sample: LivenessSample, limits: LivenessLimits): string | null {
  if (sample.poolWaiting > 0 && sample.poolQuietForMs >= limits.poolStallMs) {
    return `the database pool has made no progress for ${Math.round(sample.poolQuietForMs / 1000)} s with ${sample.poolWaiting} request(s) waiting`;
  }
  if (sample.sustainedLagMs >= limits.eventLoopLagMs)
    return `the event loop has run ${Math.round(sample.sustainedLagMs)} ms late for the whole last window`;
  return null;
}

const SAMPLE_EVERY_MS = 500;
const WINDOW_MS = 10_000;

/** Samples how late a timer fires; the minimum over the window is the lag that never let up. */
export class EventLoopLag {
  private samples: Array<{ at: number; lagMs: number }> = [];
  private timer: NodeJS.Timeout | undefined;

  start(): void {
    let expected = Date.now() + SAMPLE_EVERY_MS;
    this.timer = setInterval(() => {
      const now = Date.now();
      this.record(now, Math.max(0, now - expected));
      expected = now + SAMPLE_EVERY_MS;
    }, SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  record(at: number, lagMs: number): void {
    this.samples.push({ at, lagMs });
    while (this.samples.length && this.samples[0].at < at - WINDOW_MS) this.samples.shift();
  }

  sustainedLagMs(): number {
    return this.samples.length ? Math.min(...this.samples.map((sample) => sample.lagMs)) : 0;
  }
}
