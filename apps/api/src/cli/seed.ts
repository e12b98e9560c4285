import 'reflect-metadata';
import { DEMO_PRACTICE_NAME, seedDemoDatabase, type DemoSummary } from '#tandem/demo';
import { exitOnStartupError, startRuntime } from '#tandem/runtime';

/** `npm run seed`: creates the demo practice (once) and prints how to log in to it. */
async function main(): Promise<void> {
  const runtime = await startRuntime({ name: 'tandem-seed', migrate: true });
  try {
    const summary = await seedDemoDatabase(runtime);
    process.stdout.write(summary ? report(summary) : `The demo practice is already there ("${DEMO_PRACTICE_NAME}"): nothing to do.\n`);
  } finally {
    await runtime.stop();
  }
}

function report(summary: DemoSummary): string {
  const width = Math.max(...summary.logins.map((login) => login.email.length));
  const logins = summary.logins.map((login) => `    ${login.role.padEnd(7)} ${login.email.padEnd(width)}  ${login.password}`);
  const counts = Object.entries(summary.counts).map(([table, count]) => `${table} ${count}`);
  return [`Created the demo practice "${DEMO_PRACTICE_NAME}".`, '', '  Log in as', ...logins, '', `  Rows: ${counts.join(', ')}`, ''].join('\n') + '\n';
}

main().catch(exitOnStartupError);
