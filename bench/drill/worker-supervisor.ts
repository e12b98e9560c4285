import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';

export interface WorkerExit {
  /** Seconds since the drill started. */
  at: number;
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WorkerSupervisorOptions {
  script: string;
  env: Record<string, string>;
  /** Receives the worker's stdout and stderr (pino writes to stdout). */
  log: Writable;
  /** Seconds since the drill started, for the records. */
  clock: () => number;
  /** One line for the person watching. */
  say: (line: string) => void;
  /** Wait before restarting a worker that exited on its own, like a process supervisor. Default 1000 ms. */
  restartDelayMs?: number;
}

/**
 * Runs the worker process like a supervisor would: a worker that exits on its own
 * (crash) is restarted after a short pause and recorded as a crash; kill() is the
 * drill's SIGKILL followed by an immediate restart. hold() defers restarts (while
 * the drill has PostgreSQL down), release() catches up.
 */
export class WorkerSupervisor {
  /** Exits the drill did not cause. */
  readonly crashes: WorkerExit[] = [];
  starts = 0;
  kills = 0;
  private child?: ChildProcess;
  private expectedExit?: ChildProcess;
  private held = false;
  private restartPending = false;
  private restartTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: WorkerSupervisorOptions) {
    if (!existsSync(options.script)) throw new Error(`${options.script} is missing: build first (npm run build:fast)`);
  }

  get pid(): number | undefined {
    return this.child && this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  start(): void {
    if (this.stopped) return;
    this.starts += 1;
    const child = spawn(process.execPath, [this.options.script], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.options.log.write(`--- drill: worker start #${this.starts} (pid ${child.pid}) at ${this.options.clock().toFixed(1)} s ---\n`);
    child.stdout.pipe(this.options.log, { end: false });
    child.stderr.pipe(this.options.log, { end: false });
    child.once('exit', (code, signal) => this.exited(child, code, signal));
  }

  /** SIGKILL the running worker, wait for it to be gone, start a new one. Returns the old and new pids. */
  async kill(): Promise<{ killed: number | undefined; started: number | undefined }> {
    const child = this.child;
    let killed: number | undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      killed = child.pid;
      this.expectedExit = child;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
    this.kills += 1;
    clearTimeout(this.restartTimer);
    this.restartPending = false;
    this.start();
    return { killed, started: this.child?.pid };
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    if (this.restartPending) {
      this.restartPending = false;
      this.options.say('restarting the worker that exited while PostgreSQL was down');
      this.start();
    }
  }

  /** SIGTERM (a graceful stop), then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectedExit = child;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    this.options.log.write(
      `--- drill: worker pid ${child.pid} exited (code ${code}, signal ${signal}) at ${this.options.clock().toFixed(1)} s ---\n`,
    );
    if (this.expectedExit === child) return;
    const exit: WorkerExit = { at: this.options.clock(), pid: child.pid ?? 0, code, signal };
    this.crashes.push(exit);
    if (this.stopped || this.child !== child) return;
    if (this.held) {
      this.restartPending = true;
      this.options.say(
        `worker pid ${exit.pid} exited on its own (code ${code}, signal ${signal}); restart deferred until PostgreSQL is back`,
      );
      return;
    }
    this.options.say(`worker pid ${exit.pid} exited on its own (code ${code}, signal ${signal}); restarting it (counted as a crash)`);
    this.restartTimer = setTimeout(() => this.start(), this.options.restartDelayMs ?? 1000);
  }
}
