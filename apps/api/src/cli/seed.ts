import 'reflect-metadata';
import { DEMO_PRACTICE_NAME, seedDemoDatabase, type DemoSummary } from '#tandem/demo';
import { exitOnStartupError, startRuntime, StartupError } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';

/**
 * `npm run seed`: creates the demo practice (once) and prints how to log in to it.
 * With NODE_ENV=production it refuses unless given `--force`, and then each log-in
 * gets a random password, printed this once, instead of the published one.
 */
async function main(): Promise<void> {
  const production = process.env.NODE_ENV?.trim() === 'production';
  const forced = process.argv.slice(2).includes('--force');
  if (production && !forced) {
    throw new StartupError(
      'refusing to seed the demo practice with NODE_ENV=production: it would add log-ins anyone can look up. Run `npm run seed -- --force` to seed it anyway, with random passwords.',
    );
  }
  const runtime = await startRuntime({ name: 'tandem-seed', migrate: true, migrations: ALL_MIGRATIONS });
  try {
    const summary = await seedDemoDatabase(runtime, { passwords: production ? 'random' : 'published' });
    process.stdout.write(
      summary ? report(summary, production) : `The demo practice is already there ("${DEMO_PRACTICE_NAME}"): nothing to do.\n`,
    );
  } finally {
    await runtime.stop();
  }
}

function report(summary: DemoSummary, randomPasswords: boolean): string {
  const width = Math.max(...summary.logins.map((login) => login.email.length));
  const logins = summary.logins.map((login) => `    ${login.role.padEnd(7)} ${login.email.padEnd(width)}  ${login.password}`);
  const counts = Object.entries(summary.counts).map(([table, count]) => `${table} ${count}`);
  const note = randomPasswords ? ['', '  These passwords are random and shown only now: keep them or reset them.'] : [];
  return (
    [
      `Created the demo practice "${DEMO_PRACTICE_NAME}".`,
      '',
      '  Log in as',
      ...logins,
      ...note,
      '',
      `  Rows: ${counts.join(', ')}`,
      '',
    ].join('\n') + '\n'
  );
}

main().catch(exitOnStartupError);
