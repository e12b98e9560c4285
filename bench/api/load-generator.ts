import { fork } from 'node:child_process';
import fs from 'node:fs';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/**
 * One load configuration: autocannon POSTing the same body over `connections`
 * keep-alive connections for `durationSeconds`. Run in a child process by default,
 * so the load generator never shares an event loop with the server it measures
 * (the Tandem app and the raw server run in the benchmark's own process).
 */
export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Completed responses (any status). */
  requests: number;
  /** Seconds the run lasted. */
  seconds: number;
  /** Completed 2xx responses per second. */
  requestsPerSecond: number;
  /** Latency of every 2xx response, ms (sub-millisecond resolution; autocannon's own histogram rounds to whole ms). */
  latenciesMs: number[];
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  timeouts: number;
  /** 2xx responses whose body carries GraphQL `errors`. */
  bodyErrors: number;
}

export type LoadGeneratorMode = 'child-process' | 'in-process';

const SELF = fileURLToPath(import.meta.url);

/**
 * `onStart` is called in this process just before the load begins (after the child
 * process has started and loaded autocannon), so a caller can measure this process's
 * CPU over the load alone, without the fork and the child's start-up.
 */
export function runLoad(spec: LoadSpec, mode: LoadGeneratorMode, onStart?: () => void): Promise<LoadResult> {
  return mode === 'in-process' ? runLoadHere(spec, onStart) : runLoadInChild(spec, onStart);
}

/** autocannon in this process (for tests: it competes with the server for the event loop). */
export function runLoadHere(spec: LoadSpec, onStart?: () => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    onStart?.();
    const latencies: number[] = [];
    let good = 0;
    const instance = autocannon(
      {
        url: spec.url,
        method: 'POST',
        headers: spec.headers,
        body: spec.body,
        connections: spec.connections,
        duration: spec.durationSeconds,
        // autocannon's default (10 s) would turn a slow response under 32 connections into an error; report it as latency.
        timeout: 30,
        // A GraphQL error answers 200 with an `errors` member: count it as a mismatch.
        verifyBody: (body) => !String(body ?? '').includes('"errors"'),
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error instanceof Error ? error : new Error(inspect(error)));
        const seconds = result.duration;
        resolve({
          requests: result.requests.total,
          seconds,
          requestsPerSecond: good / seconds,
          latenciesMs: latencies,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          bodyErrors: result.mismatches,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) {
        good += 1;
        latencies.push(responseTime);
      }
    });
  });
}

/** autocannon in a child Node process running this very file (compiled), answering over IPC. */
export function runLoadInChild(spec: LoadSpec, onStart?: () => void): Promise<LoadResult> {
  if (!fs.existsSync(SELF) || !SELF.endsWith('.js')) {
    return Promise.reject(
      new Error(`the load generator runs as compiled JavaScript (${SELF}); build first (npm run build:fast) or use the in-process mode`),
    );
  }
  return new Promise((resolve, reject) => {
    const child = fork(SELF, ['--load-generator'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (message: { started?: true; result?: LoadResult; error?: string }) => {
      if (message.started) return onStart?.();
      if (settled) return;
      settled = true;
      if (message.error) reject(new Error(`load generator: ${message.error}`));
      else resolve(message.result!);
      child.disconnect();
    });
    child.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code} before answering`));
      settled = true;
    });
    child.send(spec);
  });
}

if (process.argv[1] === SELF && process.argv.includes('--load-generator')) {
  process.once('message', (spec: LoadSpec) => {
    runLoadHere(spec, () => process.send!({ started: true })).then(
      (result) => process.send!({ result }),
      (error: unknown) => process.send!({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
