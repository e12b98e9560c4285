/**
 * Group commit for one kind of statement: the first caller runs at once, alone;
 * callers that arrive while a batch is in flight wait and go together in the
 * next one. An idle worker pays no added latency, a busy one runs one
 * statement (one round trip, one commit) per batch instead of one per email.
 * Every caller gets its own result, or the batch's error.
 */
export class GroupBatcher<TInput, TOutput> {
  private waiting: Array<{ input: TInput; resolve: (value: TOutput) => void; reject: (error: unknown) => void }> = [];
  private running = false;

  constructor(
    /** Runs one batch; answers one output per input, in order. */
    private readonly runBatch: (inputs: TInput[]) => Promise<TOutput[]>,
    private readonly maxBatch = 100,
  ) {}

  run(input: TInput): Promise<TOutput> {
    return new Promise<TOutput>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          const outputs = await this.runBatch(batch.map((entry) => entry.input));
          batch.forEach((entry, i) => entry.resolve(outputs[i]));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
