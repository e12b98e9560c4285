import { Clock } from '#tandem/clock';

/**
 * The real time, running, shifted by whatever a test sets: for specs that otherwise run at the
 * real time (a worker sending on its own, tokens expiring) and move the clock only for a step
 * that needs a session to have started. A TestClock would stand still for the whole file.
 */
export class ShiftedClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** From here on the clock reads `at`, and runs on from there. */
  set(at: Date | string): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/** Runs `work` with the clock at `instant`, then back at the real time. */
export async function withClockAt<T>(clock: ShiftedClock, instant: Date | string, work: () => Promise<T>): Promise<T> {
  clock.set(instant);
  try {
    return await work();
  } finally {
    clock.reset();
  }
}

/** One minute after `startsAt`: the session has started. */
export function justAfter(startsAt: string | Date): Date {
  return new Date(new Date(startsAt).getTime() + 60_000);
}
