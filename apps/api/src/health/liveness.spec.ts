import { EventLoopLag, livenessProblem } from './liveness.js';

const limits = { poolStallMs: 60_000, eventLoopLagMs: 5000 };

describe('liveness', () => {
  it('fails a pool with waiters that has made no progress for the stall limit', () => {
    expect(livenessProblem({ poolWaiting: 3, poolQuietForMs: 61_000, sustainedLagMs: 0 }, limits)).toBe(
      'the database pool has made no progress for 61 s with 3 request(s) waiting',
    );
  });

  it('passes a slow database (statements still finish), an idle pool and a database that refuses connections', () => {
    // Slow: requests wait, but statements keep ending.
    expect(livenessProblem({ poolWaiting: 8, poolQuietForMs: 2000, sustainedLagMs: 0 }, limits)).toBeNull();
    // Refused or timed-out connections: each attempt that ends is progress (readiness reports the database).
    expect(livenessProblem({ poolWaiting: 4, poolQuietForMs: 1500, sustainedLagMs: 0 }, limits)).toBeNull();
    // Idle: nothing ran for long, and nobody waits.
    expect(livenessProblem({ poolWaiting: 0, poolQuietForMs: 3_600_000, sustainedLagMs: 0 }, limits)).toBeNull();
  });

  it('fails an event loop that ran late for the whole window, not one that had a blip', () => {
    const lag = new EventLoopLag();
    lag.record(0, 8000);
    lag.record(500, 10);
    expect(livenessProblem({ poolWaiting: 0, poolQuietForMs: 0, sustainedLagMs: lag.sustainedLagMs() }, limits)).toBeNull();

    const stuck = new EventLoopLag();
    for (let at = 0; at <= 10_000; at += 500) stuck.record(at, 6000);
    expect(livenessProblem({ poolWaiting: 0, poolQuietForMs: 0, sustainedLagMs: stuck.sustainedLagMs() }, limits)).toMatch(
      /event loop has run 6000 ms late/,
    );
    // Samples older than the window no longer count.
    stuck.record(20_000, 5);
    expect(stuck.sustainedLagMs()).toBe(5);
  });
});
