import os from 'node:os';
import { percentile, type BenchContext, type BenchSection } from '../support/bench-context.js';
import { formatSpread, pairedRatios, roundVerdict, summarise, type RoundSummary, type RoundVerdict } from '../support/rounds.js';
import { runLoad, type LoadGeneratorMode, type LoadResult } from './load-generator.js';

/**
 * One page of the API benchmark measured in interleaved rounds: for each
 * connection count, round 1 runs Tandem then the raw server, round 2 Tandem then
 * raw, and so on. Each figure is reported as the median over rounds, and each
 * ratio as the median of the rounds' own ratios (round i's Tandem over round i's
 * raw), with the spread; a round on a machine busier than the threshold is
 * repeated once, and flagged when still busy.
 *
 * CPU per request is the bench process's CPU time (process.cpuUsage, user +
 * system, every thread: JavaScript, GC, libuv) over the run ÷ completed
 * requests. Both servers run in this process and only one is under load at a
 * time, while autocannon runs in a child process, so that is the serving
 * server's CPU (PostgreSQL's is not in it). In the in-process mode (tests) it
 * includes autocannon's. Each run starts after a full garbage collection (see
 * measureServer), so one server's leftover garbage is not charged to the other.
 */
export interface RunSettings {
  ctx: BenchContext;
  mode: LoadGeneratorMode;
  /** Seconds of load per server per round. */
  roundSeconds: number;
  rounds: number;
  warmupSeconds: number;
  connections: number[];
  /** A round whose 1-minute load average (sampled before, between and after its two runs) exceeds this is busy. */
  busyLoad: number;
  /** The 1-minute load average now (os.loadavg()[0]; injectable). */
  loadAverage?: () => number;
}

export interface PageSpec {
  page: string;
  tandemUrl: string;
  rawUrl: string;
  body: string;
  /** Fresh request headers (a new access token) for one server's configuration. */
  headers(): Promise<Record<string, string>>;
  /** SQL statements one request costs (the x-sql-statements header). */
  statements(url: string, headers: Record<string, string>): Promise<number>;
}

export const TANDEM = 'Tandem (GraphQL)';
export const RAW = 'raw (node:http + pg, 1 SQL)';

/** One server's run within a round. */
export interface ServerRun {
  'req/s': number;
  'p50 ms': number;
  'p99 ms': number;
  /** Process CPU (user + system) over the run ÷ completed requests. */
  'CPU ms/req': number;
  cpuMs: number;
  requests: number;
  seconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bodyErrors: number;
}

/** One attempt at a round, as kept in bench/results/latest.json. */
export interface RoundRecord {
  page: string;
  connections: number;
  round: number;
  attempt: number;
  /** keep / repeat (busy: run again, this attempt is not counted) / flag (busy again: counted, marked). */
  verdict: RoundVerdict;
  counted: boolean;
  /** 1-minute load average before Tandem's run, between the two runs, after raw's. */
  load: { before: number; between: number; after: number };
  tandem: ServerRun;
  raw: ServerRun;
  /** Tandem req/s ÷ raw req/s. */
  ratio: number;
  /** raw CPU ms/req ÷ Tandem CPU ms/req (higher is better, like the req/s ratio). */
  cpuRatio: number;
  /** Tandem p99 ÷ raw p99 (lower is better). */
  p99Ratio: number;
}

/** Per connection count: medians over the counted rounds. */
export interface ShapeSummary {
  connections: number;
  statements: { tandem: number; raw: number };
  rounds: RoundRecord[];
  ratio: RoundSummary;
  cpuRatio: RoundSummary;
  p99Ratio: RoundSummary;
  flagged: number;
  maxLoad: number;
}

export interface PageResult {
  rows: Array<Record<string, string | number | null>>;
  shapes: ShapeSummary[];
  /** Every attempt, including the busy ones that were repeated. */
  records: RoundRecord[];
}

export async function measurePage(run: RunSettings, spec: PageSpec): Promise<PageResult> {
  const loadAverage = run.loadAverage ?? (() => os.loadavg()[0]);
  const servers = [
    [TANDEM, spec.tandemUrl],
    [RAW, spec.rawUrl],
  ] as const;
  if (run.warmupSeconds > 0) {
    for (const [server, url] of servers) {
      run.ctx.progress(`${spec.page}: warming up ${server} (${run.warmupSeconds} s)`);
      await runLoad(
        {
          url,
          headers: await spec.headers(),
          body: spec.body,
          connections: Math.max(...run.connections),
          durationSeconds: run.warmupSeconds,
        },
        run.mode,
      );
    }
  }

  const records: RoundRecord[] = [];
  const shapes: ShapeSummary[] = [];
  for (const connections of run.connections) {
    const tandemHeaders = await spec.headers();
    const rawHeaders = await spec.headers();
    const statements = {
      tandem: await spec.statements(spec.tandemUrl, tandemHeaders),
      raw: await spec.statements(spec.rawUrl, rawHeaders),
    };
    const load = (url: string, headers: Record<string, string>) =>
      measureServer({ url, headers, body: spec.body, connections, durationSeconds: run.roundSeconds }, run.mode);
    const counted: RoundRecord[] = [];
    for (let round = 1; round <= run.rounds; round += 1) {
      for (let attempt = 1; ; attempt += 1) {
        const before = loadAverage();
        const tandem = await load(spec.tandemUrl, tandemHeaders);
        const between = loadAverage();
        const raw = await load(spec.rawUrl, rawHeaders);
        const after = loadAverage();
        const verdict = roundVerdict([before, between, after], run.busyLoad, attempt);
        const [ratio] = pairedRatios([tandem['req/s']], [raw['req/s']]);
        const [cpuRatio] = pairedRatios([raw['CPU ms/req']], [tandem['CPU ms/req']]);
        const [p99Ratio] = pairedRatios([tandem['p99 ms']], [raw['p99 ms']]);
        const record: RoundRecord = {
          page: spec.page,
          connections,
          round,
          attempt,
          verdict,
          counted: verdict !== 'repeat',
          load: { before: round2(before), between: round2(between), after: round2(after) },
          tandem,
          raw,
          ratio: round3(ratio),
          cpuRatio: round3(cpuRatio),
          p99Ratio: round3(p99Ratio),
        };
        records.push(record);
        const maxLoad = Math.max(before, between, after);
        run.ctx.progress(
          `${spec.page}: c=${connections} round ${round}/${run.rounds}${attempt > 1 ? ' (repeat)' : ''}: ` +
            `Tandem ${tandem['req/s'].toFixed(1)} req/s ${tandem['CPU ms/req'].toFixed(2)} ms CPU/req, ` +
            `raw ${raw['req/s'].toFixed(1)} req/s ${raw['CPU ms/req'].toFixed(2)} ms CPU/req → ÷ raw ${ratio.toFixed(2)}, ` +
            `host load ≤ ${maxLoad.toFixed(1)}` +
            (verdict === 'repeat'
              ? ` > ${run.busyLoad}: busy, repeating`
              : verdict === 'flag'
                ? ` > ${run.busyLoad}: still busy, flagged`
                : ''),
        );
        for (const [server, result] of [
          [TANDEM, tandem],
          [RAW, raw],
        ] as const) {
          if (result.errors || result.non2xx)
            run.ctx.progress(`${spec.page}: WARNING ${server} had ${result.errors} errors and ${result.non2xx} non-2xx responses`);
        }
        if (verdict !== 'repeat') {
          counted.push(record);
          break;
        }
      }
    }
    shapes.push({
      connections,
      statements,
      rounds: counted,
      ratio: summarise(counted.map((r) => r.ratio)),
      cpuRatio: summarise(counted.map((r) => r.cpuRatio)),
      p99Ratio: summarise(counted.map((r) => r.p99Ratio)),
      flagged: counted.filter((r) => r.verdict === 'flag').length,
      maxLoad: round2(Math.max(...counted.map((r) => Math.max(r.load.before, r.load.between, r.load.after)))),
    });
  }
  return { rows: pageRows(shapes), shapes, records };
}

/**
 * CPU is counted from autocannon's start to its result. A full collection first (when node runs with --expose-gc, as `npm run bench` does), so a
 * run is not charged for the garbage the other server's previous run left behind.
 */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

async function measureServer(spec: Parameters<typeof runLoad>[0], mode: LoadGeneratorMode): Promise<ServerRun> {
  collectGarbage?.();
  let cpuBefore = process.cpuUsage();
  // From the moment autocannon starts: the fork and the child's start-up are not the server's work.
  const result: LoadResult = await runLoad(spec, mode, () => (cpuBefore = process.cpuUsage()));
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    'req/s': round2(result.requestsPerSecond),
    'p50 ms': round2(percentile(result.latenciesMs, 50)),
    'p99 ms': round2(percentile(result.latenciesMs, 99)),
    'CPU ms/req': result.requests > 0 ? round3(cpuMs / result.requests) : Number.NaN,
    cpuMs: Math.round(cpuMs),
    requests: result.requests,
    seconds: result.seconds,
    non2xx: result.non2xx,
    errors: result.errors + result.bodyErrors,
    timeouts: result.timeouts,
    bodyErrors: result.bodyErrors,
  };
}

/** One row per server and connection count (Tandem's first), medians over the counted rounds; ratios on Tandem's rows. */
function pageRows(shapes: ShapeSummary[]): Array<Record<string, string | number | null>> {
  const rows: Array<Record<string, string | number | null>> = [];
  for (const server of [TANDEM, RAW]) {
    for (const shape of shapes) {
      const runs = shape.rounds.map((r) => (server === TANDEM ? r.tandem : r.raw));
      const med = (key: 'req/s' | 'p50 ms' | 'p99 ms' | 'CPU ms/req') => summarise(runs.map((run) => run[key])).median;
      const isTandem = server === TANDEM;
      rows.push({
        server,
        connections: shape.connections,
        rounds: shape.rounds.length,
        'req/s': round1(med('req/s')),
        'p50 ms': round2(med('p50 ms')),
        'p99 ms': round2(med('p99 ms')),
        'CPU ms/req': round3(med('CPU ms/req')),
        'Tandem ÷ raw': isTandem ? round2(shape.ratio.median) : null,
        'spread ÷ raw': isTandem ? formatSpread(shape.ratio) : null,
        'CPU raw ÷ Tandem': isTandem ? round2(shape.cpuRatio.median) : null,
        'spread CPU': isTandem ? formatSpread(shape.cpuRatio) : null,
        'p99 ÷ raw': isTandem ? round2(shape.p99Ratio.median) : null,
        errors: runs.reduce((sum, run) => sum + run.errors, 0),
        'non-2xx': runs.reduce((sum, run) => sum + run.non2xx, 0),
        'SQL/req': isTandem ? shape.statements.tandem : shape.statements.raw,
        requests: runs.reduce((sum, run) => sum + run.requests, 0),
        /** The machine's highest 1-minute load average around the counted rounds. */
        'host load max': round1(shape.maxLoad),
        'busy rounds': shape.flagged,
      });
    }
  }
  return rows;
}

/** Issue 14's targets for the API, from the medians of the rounds. */
export function targetsSection(roster: PageResult, first10: number, first100: number, portal: PageResult, busyLoad: number): BenchSection {
  const RATIO_TARGET = 0.6;
  const P99_TARGET = 1.5;
  const ratioRow = (page: string, result: PageResult) => ({
    target: `${page} Tandem ÷ raw req/s ≥ ${RATIO_TARGET} (median of rounds)`,
    measured: result.shapes.map((s) => `${fmt(s.ratio.median)} [${formatSpread(s.ratio)}] (c=${s.connections})`).join(', '),
    met: result.shapes.every((s) => s.ratio.median >= RATIO_TARGET) ? 'yes' : 'NO',
  });
  const most = roster.shapes.reduce<ShapeSummary | undefined>(
    (best, s) => (!best || s.connections > best.connections ? s : best),
    undefined,
  );
  const all = [...roster.shapes, ...portal.shapes];
  const errors = all.reduce(
    (sum, s) => sum + s.rounds.reduce((n, r) => n + r.tandem.errors + r.tandem.non2xx + r.raw.errors + r.raw.non2xx, 0),
    0,
  );
  const flagged = all.reduce((sum, s) => sum + s.flagged, 0);
  const rounds = all.reduce((sum, s) => sum + s.rounds.length, 0);
  const rows: Array<Record<string, string | number | null>> = [
    ratioRow('roster', roster),
    ratioRow('portal', portal),
    {
      target: `roster p99 at ${most?.connections ?? '–'} connections ≤ ${P99_TARGET} × raw's (median of rounds)`,
      measured: most ? `${fmt(most.p99Ratio.median)} [${formatSpread(most.p99Ratio)}]` : '–',
      met: most ? (most.p99Ratio.median <= P99_TARGET ? 'yes' : 'NO') : '–',
    },
    {
      target: 'roster SQL statements per request constant (first 10 vs 100)',
      measured: `${first10} / ${first100}`,
      met: first10 === first100 ? 'yes' : 'NO',
    },
    { target: 'no errors or non-2xx responses', measured: errors, met: errors === 0 ? 'yes' : 'NO' },
    {
      target: `every round at host load ≤ ${busyLoad} (busy rounds repeated once, then flagged)`,
      measured: `${flagged} of ${rounds} flagged (max load ${Math.max(...all.map((s) => s.maxLoad)).toFixed(1)})`,
      met: flagged === 0 ? 'yes' : 'NO',
    },
  ];
  return { name: 'API: targets from issue 14 (medians of interleaved rounds)', rows };
}

function fmt(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '–';
}

function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
const round1 = (value: number) => roundTo(value, 1);
const round2 = (value: number) => roundTo(value, 2);
const round3 = (value: number) => roundTo(value, 3);
