// Interleaved A/B rounds of the API pages between builds (and the raw server), for issue 14.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runLoad } from '../api/load-generator.js';

/**
 * `node dist/bench/profile/ab.js --variant A=/path/to/build --variant B=. [--raw] [--scale 0.3]
 *  [--pages roster,portal] [--connections 1,32] [--rounds 3] [--seconds 5] [--profile dir]
 *  [--node-flags B="--max-semi-space-size=128"]`
 *
 * A build is a directory holding package.json and dist/ (node_modules may be a symlink).
 * Every round runs each page × connections × server in a fresh process, the servers in
 * alternating order, and the summary gives per server the median and range of req/s and of
 * the process CPU per request, and B ÷ A per round.
 */
interface Row {
  variant: string;
  round: number;
  page: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  errors: number;
  load: number;
}

function option(args: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i += 1) if (args[i] === `--${name}`) values.push(args[i + 1] ?? '');
  return values;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const variants = option(args, 'variant').map((value) => {
    const [name, dir] = value.split('=');
    return { name: name, dir: path.resolve(dir) };
  });
  if (args.includes('--raw')) variants.push({ name: 'raw', dir: path.resolve('.') });
  // `--node-flags B="--max-semi-space-size=128 --single-threaded-gc"`: variant B's Node flags instead of the default.
  const nodeFlags = new Map(
    option(args, 'node-flags').map((value) => {
      const split = value.indexOf('=');
      return [
        value.slice(0, split),
        value
          .slice(split + 1)
          .split(' ')
          .filter(Boolean),
      ] as const;
    }),
  );
  const scale = Number(option(args, 'scale')[0] ?? 0.3);
  const pages = (option(args, 'pages')[0] ?? 'roster,portal').split(',');
  const connections = (option(args, 'connections')[0] ?? '1,32').split(',').map(Number);
  const rounds = Number(option(args, 'rounds')[0] ?? 3);
  const seconds = Number(option(args, 'seconds')[0] ?? 5);
  const warmup = Number(option(args, 'warmup')[0] ?? 2);
  const profileDir = option(args, 'profile')[0];
  if (profileDir) await fs.mkdir(profileDir, { recursive: true });

  process.env.NODE_ENV ??= 'production';
  await import('reflect-metadata');
  const { benchPostgres } = await import('../support/bench-context.js');
  const { prepareApiDataset } = await import('../dataset.js');
  const dataDir = path.resolve('var/bench');
  const postgres = await benchPostgres(path.join(dataDir, 'pg-api'), Number(process.env.BENCH_PG_PORT ?? 54331));
  const progress = (message: string) => process.stderr.write(`${message}\n`);
  const rows: Row[] = [];
  const servers: Server[] = [];
  try {
    const dataset = await prepareApiDataset({ adminUrl: postgres.adminUrl, scale, redisUrl: null, dataDir, progress }, 'tandem_bench_api');
    for (const variant of variants) {
      const script = path.join(variant.dir, 'dist/bench/profile/api-run.js');
      const spec = { server: variant.name === 'raw' ? 'raw' : 'tandem', dataset };
      servers.push(await startServer(variant.name, script, spec, nodeFlags.get(variant.name) ?? DEFAULT_NODE_FLAGS));
      progress(`${variant.name}: started (pid ${servers.at(-1)!.pid})`);
    }
    for (const server of servers)
      for (const page of pages) {
        const spec = server.pages[page];
        if (warmup > 0) await runLoad({ ...spec, connections: 8, durationSeconds: warmup }, 'child-process');
      }
    for (let round = 1; round <= rounds; round += 1) {
      for (const page of pages) {
        for (const conn of connections) {
          const order = round % 2 ? servers : [...servers].reverse();
          for (const server of order) {
            const spec = server.pages[page];
            const profile = profileDir ? path.join(profileDir, `${server.name}-${page}-c${conn}-r${round}.cpuprofile`) : undefined;
            if (profile) await server.command('profile-start');
            const cpuBefore = processCpuMs(server.pid);
            const result = await runLoad({ ...spec, connections: conn, durationSeconds: seconds }, 'child-process');
            const cpuMs = processCpuMs(server.pid) - cpuBefore;
            if (profile) await server.command(`profile-stop ${profile}`);
            const sorted = [...result.latenciesMs].sort((a, b) => a - b);
            const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
            const row: Row = {
              variant: server.name,
              round,
              page,
              connections: conn,
              rps: result.requestsPerSecond,
              p50: at(50),
              p99: at(99),
              cpuMsPerRequest: cpuMs / Math.max(1, result.requests),
              errors: result.errors + result.bodyErrors + result.non2xx,
              load: os.loadavg()[0],
            };
            rows.push(row);
            progress(
              `round ${round} ${page} c=${conn} ${server.name}: ${row.rps.toFixed(1)} req/s, p50 ${row.p50.toFixed(2)} p99 ${row.p99.toFixed(2)} ms, ` +
                `CPU ${row.cpuMsPerRequest.toFixed(3)} ms/req, errors ${row.errors}, load ${row.load.toFixed(1)}`,
            );
          }
        }
      }
    }
  } finally {
    for (const server of servers) await server.stop();
    await postgres.stop();
  }
  const lines: string[] = [];
  for (const page of pages) {
    for (const conn of connections) {
      const base = rows.filter((row) => row.page === page && row.connections === conn && row.variant === variants[0].name);
      for (const variant of variants) {
        const mine = rows.filter((row) => row.page === page && row.connections === conn && row.variant === variant.name);
        const rps = mine.map((row) => row.rps);
        const cpu = mine.map((row) => row.cpuMsPerRequest);
        const ratio = mine.map((row) => row.rps / (base.find((other) => other.round === row.round)?.rps ?? NaN));
        lines.push(
          `${page} c=${conn} ${variant.name.padEnd(8)} req/s ${median(rps).toFixed(1)} (${Math.min(...rps).toFixed(1)}–${Math.max(...rps).toFixed(1)})  ` +
            `CPU ms/req ${median(cpu).toFixed(3)} (${Math.min(...cpu).toFixed(3)}–${Math.max(...cpu).toFixed(3)})  ` +
            `÷ ${variants[0].name} ${median(ratio).toFixed(2)} (${Math.min(...ratio).toFixed(2)}–${Math.max(...ratio).toFixed(2)})  ` +
            `p99 ${median(mine.map((row) => row.p99)).toFixed(1)} ms  load ${Math.min(...mine.map((row) => row.load)).toFixed(1)}–${Math.max(...mine.map((row) => row.load)).toFixed(1)}`,
        );
      }
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const out = option(args, 'out')[0];
  if (out) await fs.writeFile(out, JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, scale, rows }, null, 2));
}

interface PageSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface Server {
  name: string;
  pid: number;
  pages: Record<string, PageSpec>;
  command(line: string): Promise<void>;
  stop(): Promise<void>;
}

/** User + system CPU of a process so far, ms (from /proc; clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The API's production flags (start:api, the Dockerfile, npm run bench). */
const DEFAULT_NODE_FLAGS = ['--max-semi-space-size=64'];

function startServer(name: string, script: string, spec: object, nodeFlags: readonly string[]): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, script], {
      env: { ...process.env, PROFILE_SERVER: JSON.stringify(spec) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout });
    const waiting: Array<() => void> = [];
    let started = false;
    lines.on('line', (line) => {
      if (!started) {
        started = true;
        const hello = JSON.parse(line) as { pid: number; pages: Record<string, PageSpec> };
        resolve({
          name,
          pid: hello.pid,
          pages: hello.pages,
          command: (command) =>
            new Promise((done) => {
              waiting.push(done);
              child.stdin.write(`${command}\n`);
            }),
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.stdin.end();
            }),
        });
      } else waiting.shift()?.();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!started) reject(new Error(`${script} exited with ${code} before starting`));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
