/**
 * Exponential backoff with full jitter around the nominal delay: 1 s, 2 s, 4 s …
 * each scaled by a random factor in [0.5, 1.5), capped at one hour. Jitter keeps
 * a burst of failures (an SMTP outage) from retrying in lock-step.
 */
export function jitteredBackoff(attemptsMade: number, baseMs = 1000, random: () => number = Math.random): number {
  const nominal = Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), 60 * 60 * 1000);
  return Math.round(nominal * (0.5 + random()));
}
