import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';

/** A node process (the Tandem worker, the raw sender) with its output kept for error messages. */
export class ChildNode {
  private child?: ChildProcess;
  private exit?: Promise<number | null>;
  output = '';

  constructor(
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly args: string[] = [],
    /** Node flags (e.g. --cpu-prof, which NODE_OPTIONS does not accept). */
    private readonly nodeArgs: string[] = [],
  ) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.script} is not running`);
    return this.child.pid;
  }

  get exited(): boolean {
    return !this.child || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  start(): this {
    if (!existsSync(this.script)) throw new Error(`${this.script} is missing: run npm run build:fast first`);
    // Only what the process needs: no inherited DATABASE_URL, REDIS_URL or NODE_OPTIONS from the bench's own shell.
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const child = spawn(process.execPath, [...this.nodeArgs, this.script, ...this.args], {
      env: { ...base, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // BENCH_CHILD_LOG=<file>: everything the child prints, appended (e.g. with --trace-gc).
    if (process.env.BENCH_CHILD_LOG) {
      const log = createWriteStream(process.env.BENCH_CHILD_LOG, { flags: 'a' });
      child.stdout.pipe(log);
      child.stderr.pipe(log);
    }
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
    return this;
  }

  /** Resolves with the exit code (null when killed by a signal). */
  async wait(): Promise<number | null> {
    return this.exit ?? null;
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }

  tail(chars = 800): string {
    return this.output.slice(-chars).trim();
  }
}
