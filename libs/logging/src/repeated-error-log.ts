const DEFAULT_WINDOW_MS = 30_000;

/** What it writes to: a pino logger or a Nest `Logger` both fit. */
export interface LineLogger {
  error(line: string): void;
  warn(line: string): void;
}

export interface RepeatedErrorLogOptions {
  windowMs?: number;
  /** The level of a spell's first line (default error); summaries are warnings. */
  firstLevel?: 'error' | 'warn';
  /** For tests: how the end of a window is awaited (an unref'd setTimeout by default). */
  schedule?: (callback: () => void, ms: number) => void;
}

/**
 * One dependency's connection errors, rate-limited: the first error of a spell is logged
 * in full, the rest are counted and summarised once per window ("redis unreachable, 57
 * errors in the last 30 s") until a window passes without one. A 20 s outage is two
 * lines, not three hundred.
 */
export class RepeatedErrorLog {
  private readonly windowMs: number;
  private readonly firstLevel: 'error' | 'warn';
  private readonly schedule: (callback: () => void, ms: number) => void;
  /** Errors counted since the last line; null while no spell is going on. */
  private suppressed: number | null = null;

  constructor(
    private readonly logger: LineLogger,
    /** What is wrong, as the summary says it: "redis unreachable". */
    private readonly what: string,
    options: RepeatedErrorLogOptions = {},
  ) {
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.firstLevel = options.firstLevel ?? 'error';
    this.schedule = options.schedule ?? ((callback, ms) => setTimeout(callback, ms).unref());
  }

  report(error: unknown): void {
    if (this.suppressed !== null) {
      this.suppressed += 1;
      return;
    }
    this.logger[this.firstLevel](`${this.what}: ${message(error)}`);
    this.suppressed = 0;
    this.schedule(() => this.endWindow(), this.windowMs);
  }

  private endWindow(): void {
    const count = this.suppressed ?? 0;
    if (count === 0) {
      this.suppressed = null;
      return;
    }
    this.logger.warn(`${this.what}, ${count} errors in the last ${this.windowMs / 1000} s`);
    this.suppressed = 0;
    this.schedule(() => this.endWindow(), this.windowMs);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
