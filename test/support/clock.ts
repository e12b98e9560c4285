import type { TestClock } from '#tandem/clock';

/**
 * Runs `work` with the API's clock at `instant`, then sets it back to the real time: for steps
 * that need a session to have started (completing it, sharing its summary) in specs that
 * otherwise run at the real time.
 */
export async function withClockAt<T>(clock: TestClock, instant: Date | string, work: () => Promise<T>): Promise<T> {
  clock.set(instant);
  try {
    return await work();
  } finally {
    clock.set(new Date());
  }
}

/** One minute after `startsAt` (an ISO instant): the session has started. */
export function justAfter(startsAt: string | Date): Date {
  return new Date(new Date(startsAt).getTime() + 60_000);
}
