import { RepeatedErrorLog } from './repeated-error-log.js';

function harness() {
  const lines: string[] = [];
  const timers: Array<() => void> = [];
  const log = new RepeatedErrorLog(
    { error: (line) => lines.push(`error ${line}`), warn: (line) => lines.push(`warn ${line}`) },
    'redis unreachable',
    {
      windowMs: 30_000,
      schedule: (callback) => timers.push(callback),
    },
  );
  /** Ends the current window, as its timer would. */
  const endWindow = () => timers.shift()?.();
  return { lines, log, endWindow, timers };
}

describe('RepeatedErrorLog', () => {
  it('logs the first error of a spell, then one summary per window while errors go on', () => {
    const { lines, log, endWindow } = harness();
    for (let i = 0; i < 58; i++) log.report(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(lines).toEqual(['error redis unreachable: connect ECONNREFUSED 127.0.0.1:6379']);
    endWindow();
    expect(lines).toEqual([
      'error redis unreachable: connect ECONNREFUSED 127.0.0.1:6379',
      'warn redis unreachable, 57 errors in the last 30 s',
    ]);
    for (let i = 0; i < 3; i++) log.report(new Error('again'));
    endWindow();
    expect(lines[2]).toBe('warn redis unreachable, 3 errors in the last 30 s');
  });

  it('ends the spell after a quiet window, so the next outage is logged in full again', () => {
    const { lines, log, endWindow, timers } = harness();
    log.report(new Error('first outage'));
    endWindow();
    expect(timers).toHaveLength(0);
    log.report(new Error('second outage'));
    expect(lines).toEqual(['error redis unreachable: first outage', 'error redis unreachable: second outage']);
  });

  it('can start a spell with a warning (job retries), summaries staying warnings', () => {
    const lines: string[] = [];
    const timers: Array<() => void> = [];
    const log = new RepeatedErrorLog(
      { error: (line) => lines.push(`error ${line}`), warn: (line) => lines.push(`warn ${line}`) },
      'notification.send jobs failing',
      {
        firstLevel: 'warn',
        schedule: (callback) => timers.push(callback),
      },
    );
    log.report(new Error('job 1 will retry after attempt 1: connect ECONNREFUSED 127.0.0.1:25'));
    log.report(new Error('job 2 will retry after attempt 1: connect ECONNREFUSED 127.0.0.1:25'));
    timers.shift()!();
    expect(lines).toEqual([
      'warn notification.send jobs failing: job 1 will retry after attempt 1: connect ECONNREFUSED 127.0.0.1:25',
      'warn notification.send jobs failing, 1 errors in the last 30 s',
    ]);
  });
});
