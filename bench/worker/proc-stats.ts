import fs from 'node:fs';

/** Linux clock ticks per second (USER_HZ): 100 on every mainstream kernel build. */
const TICKS = 100;

function read(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** A `kB` field of /proc/<pid>/status, in MB; null once the process is gone. */
export function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  const status = read(`/proc/${pid}/status`);
  const match = status && new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : null;
}

/** user + system CPU seconds a process used so far (from /proc/<pid>/stat), with its command name. */
function processCpu(pid: number): { comm: string; ppid: number; seconds: number } | null {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  const fields = stat.slice(close + 2).split(' ');
  // Fields after the command: state is [0], ppid [1], utime [11], stime [12].
  return { comm, ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS };
}

/** CPU seconds per group of processes, plus the machine's busy and total CPU seconds. */
export interface CpuSnapshot {
  at: number;
  byGroup: Record<string, number>;
  machineBusy: number;
  machineTotal: number;
}

/**
 * Where the CPU went: the worker (or raw sender) by pid, this bench process
 * (the SMTP receiver), PostgreSQL (the postmaster and its children when its
 * pid is known, else every process named postgres) and Redis by name.
 */
export function cpuSnapshot(named: Record<string, number>, postmasterPid: number | null = null): CpuSnapshot {
  const byGroup: Record<string, number> = {};
  for (const [group, pid] of Object.entries(named)) byGroup[group] = processCpu(pid)?.seconds ?? 0;
  byGroup.postgres = 0;
  byGroup.redis = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = processCpu(Number(entry));
    if (!cpu) continue;
    const postgres = postmasterPid ? Number(entry) === postmasterPid || cpu.ppid === postmasterPid : cpu.comm.startsWith('postgres');
    if (postgres) byGroup.postgres += cpu.seconds;
    else if (cpu.comm.startsWith('redis-server')) byGroup.redis += cpu.seconds;
  }
  const line = (read('/proc/stat') ?? '').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  const total = line.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { at: Date.now(), byGroup, machineBusy: (total - idle) / TICKS, machineTotal: total / TICKS };
}

/** CPU use between two snapshots, as a share of one core per group and of the whole machine. */
export function cpuBetween(
  before: CpuSnapshot,
  after: CpuSnapshot,
): { seconds: number; coresByGroup: Record<string, number>; machineBusyPct: number } {
  const seconds = (after.at - before.at) / 1000;
  const coresByGroup: Record<string, number> = {};
  for (const group of Object.keys(after.byGroup)) {
    coresByGroup[group] = seconds > 0 ? Math.max(0, (after.byGroup[group] - (before.byGroup[group] ?? 0)) / seconds) : 0;
  }
  const total = after.machineTotal - before.machineTotal;
  return { seconds, coresByGroup, machineBusyPct: total > 0 ? (100 * (after.machineBusy - before.machineBusy)) / total : 0 };
}

/** Polls VmRSS every `everyMs` and keeps the peak; `stop()` also reads VmHWM (the kernel's own peak). */
export class RssSampler {
  private peak = 0;
  /** [ms since start, MB] every sample, for the JSON details. */
  readonly samples: Array<[number, number]> = [];
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  private sample(): void {
    const rss = statusMb(this.pid, 'VmRSS');
    if (rss === null) return;
    this.samples.push([Date.now() - this.started, Math.round(rss)]);
    if (rss > this.peak) this.peak = rss;
  }

  /** The current RSS, in MB. */
  now(): number | null {
    return statusMb(this.pid, 'VmRSS');
  }

  stop(): { peakRssMb: number; hwmMb: number | null } {
    this.sample();
    clearInterval(this.timer);
    return { peakRssMb: this.peak, hwmMb: statusMb(this.pid, 'VmHWM') };
  }
}

/** The parent of a process (a PostgreSQL backend's parent is the postmaster); null when it is not on this machine. */
export function parentPid(pid: number): number | null {
  return processCpu(pid)?.ppid ?? null;
}
