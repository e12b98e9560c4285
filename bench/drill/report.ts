import { formatTable } from '../support/table.js';
import type { DrillReport } from './run-drill.js';
import { thousands } from './util.js';

/** Whether the drill passed: everything delivered, within its time limit, duplicates within the in-flight bound. */
export function drillProblems(report: DrillReport): string[] {
  const problems: string[] = [];
  if (report.aborted) problems.push('interrupted before the batch completed');
  else if (!report.completed) problems.push(`the batch did not complete (${report.incompleteReason ?? 'unknown reason'})`);
  if (report.stuck > 0) problems.push(`${thousands(report.stuck)} row(s) never left PENDING/QUEUED`);
  if (report.lost > 0) problems.push(`${thousands(report.lost)} notification(s) lost`);
  if (report.duplicates > report.duplicateBound)
    problems.push(`${report.duplicates} duplicates exceed the in-flight bound of ${report.duplicateBound}`);
  return problems;
}

/** The final table of one backend, and what stands out. */
export function formatReport(report: DrillReport): string {
  const crashes = report.crashes.length;
  const boundParts = [`${report.kills} kill${report.kills === 1 ? '' : 's'}`];
  if (crashes) boundParts.push(`${crashes} crash${crashes === 1 ? '' : 'es'}`);
  if (report.postgresRestarts) boundParts.push(`${report.postgresRestarts} PostgreSQL restart${report.postgresRestarts === 1 ? '' : 's'}`);
  const interruptions = report.kills + crashes + report.postgresRestarts;
  const rows: Array<Record<string, string | number | null>> = [
    { measure: 'delivered / expected', value: `${thousands(report.delivered)} / ${thousands(report.expected)}` },
    { measure: 'lost', value: thousands(report.lost) },
    { measure: 'rows never finished (PENDING/QUEUED at the end)', value: thousands(report.stuck) },
    {
      measure: 'duplicates (same Message-ID twice)',
      value:
        `${thousands(report.duplicates)}   bound ${report.kills} kills × ${report.concurrency} = ${report.kills * report.concurrency}` +
        (interruptions !== report.kills
          ? `; with ${boundParts.slice(1).join(' and ')}: ${interruptions} × ${report.concurrency} = ${report.duplicateBound}`
          : ''),
    },
    {
      measure: 'worst lateness (send_at → SMTP 250)',
      value: report.worstLatenessSeconds === null ? null : `${report.worstLatenessSeconds} s (median ${report.p50LatenessSeconds} s)`,
    },
    { measure: 'worker SIGKILLs (drill)', value: report.kills },
    {
      measure: 'worker crashes (exited on its own; restarted, counted)',
      value: crashes
        ? `${crashes}: ${report.crashes.map((c) => `pid ${c.pid} at ${c.at.toFixed(1)} s (code ${c.code}, signal ${c.signal})`).join('; ')}`
        : 0,
    },
    { measure: 'worker starts', value: report.workerStarts },
    { measure: 'Redis flushes (own prefix only)', value: report.backend === 'redis' ? report.redisFlushes : 'n/a (PostgreSQL queue)' },
    { measure: 'PostgreSQL restarts', value: report.postgresRestarts },
    { measure: 'SMTP 451 answers', value: thousands(report.smtp451Answers) },
    { measure: 'other messages received', value: report.unexpected },
    {
      measure: 'rows at the end',
      value:
        Object.entries(report.rows)
          .map(([status, n]) => `${status} ${thousands(n)}`)
          .join(', ') || '(unknown)',
    },
    {
      measure: 'run time (first worker start → settled)',
      value: `${report.seconds} s${report.completed ? '' : ` (incomplete: ${report.incompleteReason})`}`,
    },
  ];
  const lines = [
    `${report.backend === 'postgres' ? 'PostgreSQL' : 'Redis'} queue backend — fault plan seed ${report.seed}`,
    formatTable(rows),
  ];
  if (report.faults.length) {
    lines.push('faults injected:');
    for (const fault of report.faults) lines.push(`  ${fault.at.toFixed(1).padStart(6)} s  ${fault.kind.padEnd(16)} ${fault.detail}`);
  }
  if (report.faultsNotInjected.length) lines.push(`faults not injected (the run ended first): ${report.faultsNotInjected.join(', ')}`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  if (report.lostSamples.length) {
    lines.push(`lost or unfinished notifications (up to 10):`);
    for (const lost of report.lostSamples) {
      lines.push(
        `  ${lost.id}  ${lost.delivered ? 'delivered' : 'NOT delivered'}; row ${lost.status}, attempts ${lost.attempts}${lost.reason ? `, reason "${lost.reason}"` : ''}; job: ${lost.job}`,
      );
    }
  }
  lines.push(`worker log: ${report.workerLog}`);
  const problems = drillProblems(report);
  lines.push(problems.length ? `RESULT: FAIL — ${problems.join('; ')}` : 'RESULT: PASS — nothing lost, duplicates within the bound');
  return lines.join('\n');
}
