import 'reflect-metadata';
import { seedDemoDatabase, seedDemoEnabled } from '#tandem/demo';
import { describeBackends, exitOnStartupError, handleShutdownSignals, startRuntime, type Runtime } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../../migrations/index.js';
import { createApiApp } from './create-api-app.js';
import { defaultWebAppDir, webAppBuilt } from './web/serve-web-app.js';

/**
 * `npm start`: everything in one process. With nothing configured that means an
 * embedded PostgreSQL under ./var, the queue on PostgreSQL and mail to ./var/outbox.
 */
async function main(): Promise<void> {
  const seed = seedDemoEnabled();
  const runtime = await startRuntime({ name: 'tandem', migrate: true, migrations: ALL_MIGRATIONS });
  const demoLine = seed ? await seedDemo(runtime) : skipDemo(runtime);
  const app = await createApiApp(runtime, { runWorker: true });
  handleShutdownSignals(app, runtime);
  const { config } = runtime;
  await app.listen(config.port, config.host);

  const backends = describeBackends(config);
  const lines = [
    '',
    `  Tandem is running (${config.nodeEnv})`,
    `  Web app   ${webAppBuilt(defaultWebAppDir()) ? config.appUrl : 'not built: run npm run build:web'}`,
    `  GraphQL   ${config.appUrl}/graphql${config.isProduction ? '' : '  (open it in a browser for the sandbox)'}`,
    `  Health    ${config.appUrl}/health/ready`,
    `  Database  ${runtime.databaseLabel}`,
    `  Queue     ${backends.queue}`,
    `  Mail      ${backends.mail}`,
    ...(config.inboundMail
      ? [`  Replies   by email: SMTP on ${config.inboundMail.host}:${config.inboundMail.port} for reply+…@${config.inboundMail.domain}`]
      : []),
    `  Worker    in this process`,
    ...(demoLine ? [demoLine] : []),
    '',
    '  Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  runtime.logger.info({ graphql: `${config.appUrl}/graphql`, database: runtime.databaseLabel, ...backends }, 'Tandem started');
}

/** Creates the demo practice on a first run; the banner line with its log-ins when it did. */
async function seedDemo(runtime: Runtime): Promise<string | null> {
  const summary = await seedDemoDatabase(runtime);
  if (!summary) {
    runtime.logger.info('the demo practice is already there');
    return null;
  }
  runtime.logger.info({ counts: summary.counts }, 'seeded the demo practice');
  const [owner, ...others] = summary.logins;
  return `  Demo      ${owner.email} / ${owner.password} (also ${others.map((login) => login.email).join(', ')}); SEED_DEMO=false to skip`;
}

function skipDemo(runtime: Runtime): null {
  runtime.logger.info('SEED_DEMO is off: not seeding the demo practice');
  return null;
}

main().catch(exitOnStartupError);
